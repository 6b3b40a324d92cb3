-- One reading per request; every request a new (device, sequence), so the node never sees a
-- duplicate and does the full work of admission.
local counter = 0
local devices = 1000
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  local device = string.format("bench-%d-%d", thread_id, counter % devices)
  local sequence = math.floor(counter / devices) + 1
  local body = string.format(
    '{"deviceId":"%s","kind":"temperature","value":%.2f,"unit":"°C","timestamp":"2024-10-01T12:00:00Z","sequence":%d}',
    device, 20 + (counter % 50) / 10, sequence)
  return wrk.format(nil, nil, nil, body)
end
