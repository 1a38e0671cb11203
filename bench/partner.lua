-- Partner API load: MODE=get reads a random shipment of NUMBERS_FILE, MODE=create creates one
-- with a fresh order reference (and Idempotency-Key). TOKEN is a real access token: a partner's
-- for the gateway, the gateway's own for tracking-service (with PARTNER named in a header).
local numbers = {}
local counter = 0

function init(args)
  if os.getenv("NUMBERS_FILE") then
    for line in io.lines(os.getenv("NUMBERS_FILE")) do numbers[#numbers + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  thread_id = tostring({}):match("0x(%x+)")
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Trackguard-Partner-Id"] = os.getenv("PARTNER") }
  if os.getenv("MODE") == "create" then
    counter = counter + 1
    local ref = "BENCH-" .. thread_id .. "-" .. os.time() .. "-" .. counter .. "-" .. math.random(1, 1000000000)
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = ref
    local body = '{"orderReference":"' .. ref .. '","recipient":{"name":"Bench Recipient"},'
      .. '"destination":{"line1":"1 Main St","city":"Ottawa","province":"ON","postalCode":"K1A 0B1"},"productCategory":"books"}'
    return wrk.format("POST", "/api/v1/shipments", headers, body)
  end
  return wrk.format("GET", "/api/v1/shipments/" .. numbers[math.random(#numbers)], headers)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end
