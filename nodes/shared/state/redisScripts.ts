/**
 * The Lua scripts of the Redis state store. Redis runs a script without interleaving any other
 * command, which is what makes each store operation atomic across all n8n processes.
 *
 * An entry is a hash {value, version}; its TTL is the key's own PEXPIRE, so Redis drops
 * expired entries by itself. The rules mirror storeRules.ts; keep the two in step.
 */
import { createHash } from 'node:crypto';

import { RedisReplyError, type RedisArg, type RedisClient, type RedisReply } from './RedisClient';

/** A script sent by hash (EVALSHA), and in full only when the server does not know it yet. */
export class LuaScript {
	readonly sha1: string;

	constructor(
		readonly name: string,
		readonly source: string,
	) {
		this.sha1 = createHash('sha1').update(source).digest('hex');
	}

	run(client: RedisClient, keys: string[], args: RedisArg[]): Promise<RedisReply> {
		return client
			.command('EVALSHA', this.sha1, keys.length, ...keys, ...args)
			.catch((error: Error) =>
				// The script cache is empty after a restart, a failover or SCRIPT FLUSH; EVAL both
				// runs the script and caches it again.
				error instanceof RedisReplyError && error.code === 'NOSCRIPT'
					? client.command('EVAL', this.source, keys.length, ...keys, ...args)
					: Promise.reject(error),
			);
	}
}

/** Writes value + next version (1 for a new key) and sets or removes the TTL. */
const WRITE_ENTRY = `
local function writeEntry(key, value, ttl)
	local version = redis.call('HINCRBY', key, 'version', 1)
	redis.call('HSET', key, 'value', value)
	if tonumber(ttl) > 0 then
		redis.call('PEXPIRE', key, ttl)
	else
		redis.call('PERSIST', key)
	end
	return version
end
`;

/** KEYS[1]; returns {value, version, pttl} or nil. */
export const GET = new LuaScript(
	'get',
	`
local fields = redis.call('HMGET', KEYS[1], 'value', 'version')
if not fields[1] then return false end
return {fields[1], fields[2], redis.call('PTTL', KEYS[1])}
`,
);

/** KEYS: the keys; returns one {value, version, pttl} or false per key. */
export const GET_MANY = new LuaScript(
	'getMany',
	`
local result = {}
for i, key in ipairs(KEYS) do
	local fields = redis.call('HMGET', key, 'value', 'version')
	if fields[1] then
		result[i] = {fields[1], fields[2], redis.call('PTTL', key)}
	else
		result[i] = false
	end
end
return result
`,
);

/** KEYS[1]; ARGV: value, ttlMs. Returns the new version. */
export const SET = new LuaScript(
	'set',
	`${WRITE_ENTRY}return writeEntry(KEYS[1], ARGV[1], ARGV[2])`,
);

/** KEYS[1]; ARGV: value, ttlMs. Returns 1 when written, 0 when the key already exists. */
export const CLAIM = new LuaScript(
	'claim',
	`${WRITE_ENTRY}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
writeEntry(KEYS[1], ARGV[1], ARGV[2])
return 1
`,
);

/**
 * KEYS[1]; ARGV: delta, min ('' = none), max ('' = none), ttlMs. Returns {applied 0|1, value}.
 * The value travels as a string: Redis would truncate a Lua number reply to an integer.
 * A bound is only enforced in the direction the delta moves (see storeRules.nextBoundedValue).
 */
export const INCREMENT = new LuaScript(
	'increment',
	`${WRITE_ENTRY}
local stored = redis.call('HGET', KEYS[1], 'value')
local current = 0
if stored then
	current = tonumber(stored)
	if not current then
		return redis.error_reply('ERR state key ' .. KEYS[1] .. ' holds a value that is not a number')
	end
end
local delta = tonumber(ARGV[1])
local nextValue = current + delta
if (delta > 0 and ARGV[3] ~= '' and nextValue > tonumber(ARGV[3]))
	or (delta < 0 and ARGV[2] ~= '' and nextValue < tonumber(ARGV[2])) then
	return {0, string.format('%.17g', current)}
end
local text = string.format('%.17g', nextValue)
writeEntry(KEYS[1], text, ARGV[4])
return {1, text}
`,
);

/**
 * KEYS: the keys written. ARGV[1]: JSON [{e: expected version (0 = absent, -1 = any), d: delete?, t: ttlMs}]
 * in KEYS order; ARGV[i + 1]: the new value of KEYS[i] (values stay out of the JSON so that any
 * text passes through untouched). Returns 1 when applied, 0 when a version did not match.
 */
export const COMMIT = new LuaScript(
	'commit',
	`${WRITE_ENTRY}
local writes = cjson.decode(ARGV[1])
for i, write in ipairs(writes) do
	local version = tonumber(redis.call('HGET', KEYS[i], 'version') or '0')
	if write.e ~= -1 and version ~= write.e then return 0 end
end
for i, write in ipairs(writes) do
	if write.d then
		redis.call('DEL', KEYS[i])
	else
		writeEntry(KEYS[i], ARGV[i + 1], write.t)
	end
end
return 1
`,
);

/**
 * KEYS[1] the stream; ARGV: value, retentionMs (0 = none), maxLength (0 = none). Returns the
 * new id. XADD accepts a single trimming strategy, hence the XTRIMs; the age cut-off is taken
 * from the new id so it follows the same clock as the ids.
 */
export const APPEND = new LuaScript(
	'append',
	`
local id = redis.call('XADD', KEYS[1], '*', 'v', ARGV[1])
local retention = tonumber(ARGV[2])
if retention > 0 then
	local at = tonumber(string.match(id, '^(%d+)-'))
	redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d', math.max(0, at - retention)))
end
local maxLength = tonumber(ARGV[3])
if maxLength > 0 then
	redis.call('XTRIM', KEYS[1], 'MAXLEN', maxLength)
end
return id
`,
);
