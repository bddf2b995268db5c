-- wrk script: count responses by status, and 503s that are not problem+json with Retry-After;
-- print the counts as JSON.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  malformed = 0
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local problem = headers["content-type"] == "application/problem+json"
  if status == 503 and (headers["retry-after"] == nil or not problem) then
    malformed = malformed + 1
  end
end

function done(summary, latency, requests)
  local totals, missing = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    missing = missing + thread:get("malformed")
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    '{"statuses": {%s}, "malformed_503": %d, "socket_errors": %d}\n',
    table.concat(parts, ", "), missing,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
