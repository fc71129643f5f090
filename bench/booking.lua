-- wrk script for `make bench`: every request books one place in the bench campaign, as a
-- student's phone would (form post, its own idempotency key and contact). Arguments: the first
-- slot id and the number of slots; bookings are spread over them.
-- Each request also comes from its own address (X-Forwarded-For, the server runs with
-- TRUST_PROXY=true): from 127.0.0.1 alone the share one address may hold in a campaign (a
-- quarter of its places, migration 11) would be counted over an ever longer index range, and
-- the figures would not be those of a crowd of phones.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  first_slot = tonumber(args[1])
  slot_count = tonumber(args[2])
  -- A second run books another campaign, with keys of its own (a key seen before is a replay).
  campaign = args[3] or "bench"
  key_prefix = args[4] or "b"
  counter = 0
  not_booked = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
end

function request()
  counter = counter + 1
  -- 43 URL-safe characters, like the keys the booking form carries.
  local key = string.format("%s%d%0" .. (43 - #key_prefix - #tostring(id)) .. "d", key_prefix, id, counter)
  local slot = first_slot + (counter * 7 + id) % slot_count
  -- 10.<thread>.<hi>.<lo>: a new address for each of the thread's first 65,536 requests.
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", id % 256,
    math.floor(counter / 256) % 256, counter % 256)
  local body = "campaign=" .. campaign .. "&code=&slot_id=" .. slot
    .. "&name=Banc+d%27essai&group_name=Bench&garments=1"
    .. "&contact=t" .. id .. "-" .. counter .. "%40bench.example"
    .. "&idempotency_key=" .. key
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"Booked"', 1, true) then
    not_booked = not_booked + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_booked")
  end
  io.write(string.format("not booked: %d\n", total))
end
