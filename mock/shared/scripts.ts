/**
 * The Lua scripts the shared store runs in Redis (a test double, not for production). Each runs alone
 * (Redis runs one script at a time), so a claim's checks and writes, the change's number and its
 * publication are one step: two replicas claiming the same code cannot both win, and every replica
 * sees changes in the order Redis made them.
 */

/**
 * Makes changes to records (and the global fault) all or none. KEYS: the change counter, then one key
 * per change. ARGV: the change channel, the message (a JSON array) to publish after the number, then
 * four per change: the value expected (`*`: any; empty: none), the value an absent key stands for (the
 * record replicas start with, or empty), the next value (empty: delete), its TTL in ms (empty: none).
 * Returns `{seq}`, or on a conflict `{0, seq, index, current}` (current: the stored text, `~`, or empty
 * for an absent key).
 */
export const CHANGE_SCRIPT = `
local changes = #KEYS - 1
for i = 1, changes do
  local at = 2 + (i - 1) * 4
  local expected = ARGV[at + 1]
  if expected ~= '*' then
    local stored = redis.call('GET', KEYS[i + 1])
    local current = stored
    if stored == false then current = ARGV[at + 2] elseif stored == '~' then current = '' end
    if current ~= expected then
      return {0, tonumber(redis.call('GET', KEYS[1]) or '0'), i, stored or ''}
    end
  end
end
for i = 1, changes do
  local at = 2 + (i - 1) * 4
  local value, ttl = ARGV[at + 3], ARGV[at + 4]
  if value == '' then redis.call('DEL', KEYS[i + 1])
  elseif ttl == '' then redis.call('SET', KEYS[i + 1], value)
  else redis.call('SET', KEYS[i + 1], value, 'PX', ttl) end
end
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], seq .. ' ' .. ARGV[2])
return {seq}
`;

/** A record's stored text and the number of the last change, read together. KEYS: the record, the counter. */
export const LOOKUP_SCRIPT = `
return {redis.call('GET', KEYS[1]) or '', redis.call('GET', KEYS[2]) or '0'}
`;

/** Moves the clock's offset on. KEYS: the counter, the offset. ARGV: the channel, the milliseconds. */
export const CLOCK_SCRIPT = `
local offset = redis.call('INCRBYFLOAT', KEYS[2], ARGV[2])
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], seq .. ' [{"c":"#clock","v":' .. offset .. '}]')
return {seq, offset}
`;

/**
 * Back to what every replica starts with: every record key and the fault deleted (the clock and the
 * signing key stay, as they do in one process). KEYS: the counter, the fault. ARGV: the channel, the
 * SCAN pattern of record keys.
 */
export const RESET_SCRIPT = `
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[2], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do redis.call('UNLINK', key) end
until cursor == '0'
redis.call('DEL', KEYS[2])
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', ARGV[1], seq .. ' [{"c":"#all"}]')
return {seq}
`;

/**
 * Adds a replica's journal entries, numbered in the order they arrive, and drops the oldest past the
 * journal's size or bytes (the newest is always kept). KEYS: the journal, its counter, its byte count,
 * the wake-up channel. ARGV: the size, the bytes, then each entry's JSON without its `seq`.
 */
export const JOURNAL_APPEND_SCRIPT = `
local size, maxBytes = tonumber(ARGV[1]), tonumber(ARGV[2])
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
local seq = 0
for i = 3, #ARGV do
  seq = redis.call('INCR', KEYS[2])
  local entry = '{"seq":' .. seq .. ',' .. string.sub(ARGV[i], 2)
  redis.call('ZADD', KEYS[1], seq, entry)
  bytes = bytes + #entry
end
local count = redis.call('ZCARD', KEYS[1])
while count > 1 and (count > size or bytes > maxBytes) do
  local oldest = redis.call('ZPOPMIN', KEYS[1])
  bytes = bytes - #oldest[1]
  count = count - 1
end
redis.call('SET', KEYS[3], bytes)
redis.call('PUBLISH', KEYS[4], 'new')
return seq
`;

/** The journal's figures: entries, bytes, last and oldest numbers. KEYS: the journal, its counter, its bytes. */
export const JOURNAL_FIGURES_SCRIPT = `
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), redis.call('GET', KEYS[3]) or '0', redis.call('GET', KEYS[2]) or '0', oldest[2] or ''}
`;

/** Forgets every entry (the numbers go on). KEYS: the journal, its bytes, the wake-up channel. */
export const JOURNAL_CLEAR_SCRIPT = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('PUBLISH', KEYS[3], 'clear')
return 1
`;
