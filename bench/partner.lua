-- Partner API load: MODE=get reads a random shipment of NUMBERS_FILE, MODE=create creates one
-- with a fresh order reference (and Idempotency-Key). TOKEN is a real access token: a partner's
-- for the gateway, the gateway's own for tracking-service (with PARTNER named in a header).
local numbers = {}
local counter = 0
local threads = {}
-- answers by status, so that a ratio is never read off errors (a gateway answering 429 or 503
-- fast would look quick): each thread counts, done() sums
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

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
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local keys = {}
  for status in pairs(total) do keys[#keys + 1] = status end
  table.sort(keys)
  local by = {}
  for _, status in ipairs(keys) do by[#by + 1] = status .. ":" .. total[status] end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d statuses=%s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.requests, table.concat(by, ",")))
end
