-- One public lookup per request, of a random number from NUMBERS_FILE, from a random
-- client address (the benchmark stands as the trusted proxy, so each request is a visitor).
-- WIDE_ADDRESSES=1: addresses from 10.0.0.0/8 instead of 198.18.0.0/15, so that long verify
-- runs never meet the per-client limits. COUNT_STATUS=1: count 403 and 429 answers.
local numbers = {}
local threads = {}
c403 = 0
c429 = 0

function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("COUNT_STATUS") then
  function response(status, headers, body)
    if status == 403 then c403 = c403 + 1 elseif status == 429 then c429 = c429 + 1 end
  end
end

function init(args)
  for line in io.lines(os.getenv("NUMBERS_FILE")) do numbers[#numbers + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  if os.getenv("BARE") then
    return wrk.format("GET", os.getenv("PATH_PREFIX"))
  end
  local n = numbers[math.random(#numbers)]
  local xff
  if os.getenv("WIDE_ADDRESSES") then
    xff = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  else
    xff = "198." .. math.random(18, 19) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  end
  local path = os.getenv("PATH_PREFIX") .. n .. (os.getenv("PATH_SUFFIX") or "")
  local body = os.getenv("BODY")
  if body then
    return wrk.format("POST", path, { ["X-Forwarded-For"] = xff, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", path, { ["X-Forwarded-For"] = xff })
end

function done(summary, latency, requests)
  local statuses = ""
  if os.getenv("COUNT_STATUS") then
    local s403, s429 = 0, 0
    for _, t in ipairs(threads) do
      s403 = s403 + t:get("c403")
      s429 = s429 + t:get("c429")
    end
    statuses = string.format(" s403=%d s429=%d", s403, s429)
  end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d%s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.requests, statuses))
end
