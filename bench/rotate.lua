-- wrk script for bench.web: each request comes from the next of many logged-in users, so no page is served from
-- one user's warm rows. Arguments: the path ("{persona}" becomes that user's persona id) and a file with one user
-- per line, "<Cookie header value><TAB><persona id>". The done hook prints the figures as one line of JSON.

local users, path, next_user = {}, "/", 0

function setup(thread)
  thread_count = (thread_count or 0) + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  path = args[1]
  for line in io.lines(args[2]) do
    local cookie, persona = line:match("^([^\t]+)\t([^\t]+)$")
    users[#users + 1] = { cookie = cookie, persona = persona }
  end
  -- threads start at different places in the list, so they do not ask as the same user at the same moment
  next_user = ((thread_number - 1) * 7919) % #users
end

function request()
  next_user = next_user % #users + 1
  local user = users[next_user]
  return wrk.format("GET", (path:gsub("{persona}", user.persona)), { ["Cookie"] = user.cookie })
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, "max_us": %.0f, '
      .. '"failed": %d, "bad_status": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
