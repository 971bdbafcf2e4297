/**
 * The SQLite schema and statements of the embedded state store. Kept apart from the store's
 * logic so that the queries can be read (and reviewed) in one place.
 */

/** Bump with a migration in EmbeddedStateStore when the schema below changes. */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
	key        TEXT PRIMARY KEY,
	value      TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	expires_at INTEGER
);
-- Only expiring keys are indexed: the periodic purge looks for those alone.
CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (expires_at) WHERE expires_at IS NOT NULL;

-- AUTOINCREMENT (not a plain rowid) so that an id is never handed out twice, even after the
-- newest events of a stream were trimmed.
CREATE TABLE IF NOT EXISTS stream_events (
	id     INTEGER PRIMARY KEY AUTOINCREMENT,
	stream TEXT    NOT NULL,
	at     INTEGER NOT NULL,
	value  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS stream_events_by_time ON stream_events (stream, at);
`;

/** A row is "live" when it has no expiry or expires after :now; expired rows are invisible. */
const LIVE = '(expires_at IS NULL OR expires_at > :now)';

export const SQL = {
	selectLive: `SELECT value, version, expires_at FROM entries WHERE key = :key AND ${LIVE}`,

	/** Many keys in one statement: :keys is a JSON array. */
	selectManyLive: `SELECT key, value, version, expires_at FROM entries
		WHERE key IN (SELECT value FROM json_each(:keys)) AND ${LIVE}`,

	/**
	 * Unconditional writes of a commit in one statement: :rows is a JSON array of
	 * [key, value, expiresAt|null]. A live row's version goes up by one, others start at 1.
	 */
	upsertMany: `INSERT INTO entries (key, value, version, expires_at)
		SELECT row.value ->> 0, row.value ->> 1, 1, row.value ->> 2 FROM json_each(:rows) AS row WHERE true
		ON CONFLICT (key) DO UPDATE SET
			value = excluded.value,
			expires_at = excluded.expires_at,
			version = CASE WHEN entries.expires_at IS NULL OR entries.expires_at > :now
				THEN entries.version + 1 ELSE 1 END`,

	/** Writes a row whose version the caller computed (inside a transaction). */
	upsert: `INSERT INTO entries (key, value, version, expires_at) VALUES (:key, :value, :version, :expiresAt)
		ON CONFLICT (key) DO UPDATE SET
			value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,

	/** One statement, so atomic without a transaction; an expired row restarts at version 1. */
	set: `INSERT INTO entries (key, value, version, expires_at) VALUES (:key, :value, 1, :expiresAt)
		ON CONFLICT (key) DO UPDATE SET
			value = excluded.value,
			expires_at = excluded.expires_at,
			version = CASE WHEN entries.expires_at IS NULL OR entries.expires_at > :now
				THEN entries.version + 1 ELSE 1 END`,

	/** Inserts, or replaces an expired row; changes = 0 means a live row was already there. */
	claim: `INSERT INTO entries (key, value, version, expires_at) VALUES (:key, :value, 1, :expiresAt)
		ON CONFLICT (key) DO UPDATE SET
			value = excluded.value, version = 1, expires_at = excluded.expires_at
		WHERE entries.expires_at IS NOT NULL AND entries.expires_at <= :now`,

	delete: 'DELETE FROM entries WHERE key = :key RETURNING expires_at',

	purgeExpired: 'DELETE FROM entries WHERE expires_at <= :now',

	lastEventTime: 'SELECT MAX(at) AS at FROM stream_events WHERE stream = :stream',

	insertEvent: 'INSERT INTO stream_events (stream, at, value) VALUES (:stream, :at, :value)',

	trimEventsBefore: 'DELETE FROM stream_events WHERE stream = :stream AND at < :oldestKept',

	/** Deletes everything but the newest :keep events ((at, id) order is append order). */
	trimEventsBeyond: `DELETE FROM stream_events WHERE id IN (
		SELECT id FROM stream_events WHERE stream = :stream ORDER BY at DESC, id DESC LIMIT -1 OFFSET :keep)`,

	readEvents: `SELECT id, at, value FROM stream_events
		WHERE stream = :stream AND at >= :since AND at < :until
		ORDER BY at, id LIMIT :limit`,
} as const;
