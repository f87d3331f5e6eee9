-- One call of bench/api.py under wrk. Arguments after `--`: method, bearer token, mode
-- ("plain", "update" or "create"), the number of wrk threads, and for "update" the
-- comma-separated application ids to change.
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  wrk.method = args[1]
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  local mode = args[3]
  if mode == "create" then
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = '{"company": "Benchmark Company", "role": "Backend Engineer"}'
  elseif mode == "update" then
    wrk.headers["Content-Type"] = "application/json"
    -- Each thread owns every n-th application, so no two threads change the same one.
    local threads = tonumber(args[4])
    local ids, position = {}, 0
    for id in string.gmatch(args[5], "%d+") do
      if position % threads == thread_index then
        table.insert(ids, id)
      end
      position = position + 1
    end
    -- Every application starts in "wishlist"; each request moves it to the stage it is not
    -- in, so every update is a real stage change.
    local next_stage = {}
    local turn = 0
    request = function()
      turn = turn % #ids + 1
      local id = ids[turn]
      local stage = next_stage[id] or "applied"
      next_stage[id] = (stage == "applied") and "interview" or "applied"
      local body = '{"stage": "' .. stage .. '"}'
      return wrk.format(nil, "/api/applications/" .. id, nil, body)
    end
  end
end
