-- One public lookup per request, of a random number from NUMBERS_FILE, from a random
-- client address (the benchmark stands as the trusted proxy, so each request is a visitor).
local numbers = {}

function init(args)
  for line in io.lines(os.getenv("NUMBERS_FILE")) do numbers[#numbers + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  if os.getenv("BARE") then
    return wrk.format("GET", os.getenv("PATH_PREFIX"))
  end
  local n = numbers[math.random(#numbers)]
  local xff = "198." .. math.random(18, 19) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local path = os.getenv("PATH_PREFIX") .. n .. (os.getenv("PATH_SUFFIX") or "")
  local body = os.getenv("BODY")
  if body then
    return wrk.format("POST", path, { ["X-Forwarded-For"] = xff, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", path, { ["X-Forwarded-For"] = xff })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end
