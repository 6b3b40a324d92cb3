-- One reading per request; every request a new (device, sequence), so the node never sees a
-- duplicate and does the full work of admission.
local counter = 0
local devices = 1000
local threads = 0

-- setup runs in the main Lua state; "id" becomes a global of each thread's own state.
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

-- The first script argument labels the run, so no two runs (or warm-up and run) share a
-- (device, sequence) and the node never answers from its duplicate check.
function init(args)
  run = args[1] or "run"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Api-Key"] = os.getenv("EDGEWISE_API_KEY")
end

request = function()
  counter = counter + 1
  local device = string.format("%s-%d-%d", run, id, counter % devices)
  local sequence = math.floor(counter / devices) + 1
  local body = string.format(
    '{"deviceId":"%s","kind":"temperature","value":%.2f,"unit":"°C","timestamp":"2024-10-01T12:00:00Z","sequence":%d}',
    device, 20 + (counter % 50) / 10, sequence)
  return wrk.format(nil, nil, nil, body)
end
