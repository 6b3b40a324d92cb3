-- One hundred readings per request: one reading of each of 100 devices, sequences increasing.
local counter = 0
local threads = 0
local size = 100

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
  local parts = {}
  for d = 1, size do
    parts[d] = string.format(
      '{"deviceId":"%s-%d-%d","kind":"humidity","value":%.1f,"timestamp":"2024-10-01T12:00:00Z","sequence":%d}',
      run, id, d, 40 + (counter + d) % 20, counter)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
