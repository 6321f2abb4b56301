-- wrk script of bench/run.sh: every route is driven through this one script, so that the client does the
-- same work whatever the route (the ratios compare servers, not wrk's request generation).
--   BENCH_PATH    the request target; "{a}" becomes 0..999 in turn (one object permission each, all in the
--                 cache once warm, as a real user's objects would be) and "{b}" the request's number
--   BENCH_HEADER  optional "Name: value" added to every request (the credentials)
-- The requests are formatted once in init(): request() only hands them out. No response() callback (it
-- would make wrk hand every response to Lua): run.sh refuses a run with non-2xx responses instead.

local requests = {}
local next_request = 1

function init(args)
  local path = os.getenv("BENCH_PATH") or "/open"
  local headers = {}
  local header = os.getenv("BENCH_HEADER")
  if header and header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  local count = path:find("{a}", 1, true) and 1000 or 1
  for i = 1, count do
    local target = path:gsub("{a}", tostring(i - 1)):gsub("{b}", tostring(i))
    requests[i] = wrk.format("GET", target, headers)
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
