-- lookup.lua at a fixed rate: RATE requests/s in total over THREADS wrk threads, each
-- request still a random number from NUMBERS_FILE and a random client address.
-- wrk itself is closed-loop (each connection sends when its last answer came); delay() makes
-- every request wait for the next free slot of its thread's schedule (one slot every
-- THREADS/RATE seconds), so with enough connections (more than RATE x the slowest answer)
-- the offered load is RATE/s whatever the latency, and wrk times each request from when it
-- is sent. The clock is CLOCK_MONOTONIC through LuaJIT's ffi (os.time() has 1 s resolution).
dofile(os.getenv("BENCH_DIR") .. "/lookup.lua")
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } tg_timespec; int clock_gettime(int, tg_timespec *); ]]
local ts = ffi.new("tg_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local interval = tonumber(os.getenv("THREADS")) * 1000 / tonumber(os.getenv("RATE"))
local next_slot = nil

function delay()
  local now = now_ms()
  -- a slot missed by more than one interval (all connections busy) is not made up in a burst
  if next_slot == nil or next_slot < now - interval then next_slot = now end
  local wait = next_slot - now
  next_slot = next_slot + interval
  return math.floor(wait + 0.5)
end
