-- One hundred readings per request: one reading of each of 100 devices, sequences increasing.
local counter = 0
local thread_id = 0
local size = 100

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
  local parts = {}
  for d = 1, size do
    parts[d] = string.format(
      '{"deviceId":"batch-%d-%d","kind":"humidity","value":%.1f,"timestamp":"2024-10-01T12:00:00Z","sequence":%d}',
      thread_id, d, 40 + (counter + d) % 20, counter)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
