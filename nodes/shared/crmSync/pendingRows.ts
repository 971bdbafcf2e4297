import { createHash } from 'node:crypto';
import type { StateStore, StreamEvent } from '../state/StateStore';
import type { HistoryRecord, LeadRecord } from './crmRecords';
import { profileKey } from './crmSync';
import { profileRecord, type CustomerProfile } from './customerProfile';

/**
 * Rows written after the reply, in batches, still exactly once (a transactional outbox).
 *
 * Writing a DM's three table rows costs far more than answering it (n8n's Data Table nodes
 * took 133 of a DM's 170 ms in nodes), so a DM only queues its rows here, in the state store,
 * once its profile is merged; whichever execution finds the writer's lease free takes every
 * queued row, writes them through n8n nodes, and confirms. Under load one execution writes for
 * many DMs (the batch grows by itself); when quiet, each DM writes its own rows after its reply.
 *
 * Exactly once: a batch is taken under a lease tied to the execution, and the cursor moves past
 * it only when the same execution confirms. An execution that dies leaves the lease to expire;
 * the next take returns the same rows again, marked as rows that may be written already, and
 * those are written by their keys (customer id, idempotency key): an update, never a second row.
 *
 * Inserting is what makes batches cheap: n8n's Data Table node inserts a batch in one statement
 * (50 rows in ~40 ms here) but upserts row by row (~30–40 ms a row). So rows certainly new
 * (a first batch's history and leads, customers this book never had) are put apart from rows
 * that may exist (customers seen before, and every row of a batch taken again).
 */
export interface PendingDm {
	messageId: string;
	xhsUserId: string;
	history: HistoryRecord;
	leads: LeadRecord[];
	/** This DM made the customer's profile (no row can exist for them yet). */
	newCustomer?: boolean;
}

type ProfileRow = Record<string, string | number | null>;

export interface PendingBatch {
	/** Customers whose row cannot exist yet: insert. */
	newCustomers: ProfileRow[];
	/** Customers whose profile changed since their row was last written: upsert by xhs_user_id. */
	changedCustomers: ProfileRow[];
	/** A first take's rows: insert. */
	history: HistoryRecord[];
	leads: LeadRecord[];
	/** A batch taken again after its writer died: its rows may be written already, upsert by key. */
	historyAgain: HistoryRecord[];
	leadsAgain: LeadRecord[];
	/** DMs in the batch. */
	dms: number;
	retried: boolean;
}

const EMPTY: PendingBatch = {
	newCustomers: [],
	changedCustomers: [],
	history: [],
	leads: [],
	historyAgain: [],
	leadsAgain: [],
	dms: 0,
	retried: false,
};

interface Position {
	id: string;
	at: number;
}

interface Lease {
	executionId: string;
	upTo: Position;
	/** Row hash per customer in the batch, kept once confirmed. */
	profiles: Record<string, string>;
}

/** Queued rows wait at most this long for a writer (the recovery's schedule takes them too). */
const PENDING_RETENTION_MS = 7 * 86_400_000;
export const DEFAULT_LEASE_MS = 2 * 60_000;
export const DEFAULT_BATCH_LIMIT = 500;
export const DEFAULT_MIN_AGE_MS = 2_000;

const keys = (book: string) => ({
	stream: `crm:${book}:pending`,
	cursor: `crm:${book}:pending:cursor`,
	lease: `crm:${book}:pending:lease`,
	lastTaken: `crm:${book}:pending:lastTaken`,
	waiter: `crm:${book}:pending:waiter`,
	profile: (uid: string) => profileKey(book, uid),
	written: (uid: string) => `crm:${book}:written:${uid}`,
});

export async function queueRows(store: StateStore, book: string, dm: PendingDm): Promise<void> {
	await store.append(keys(book).stream, JSON.stringify(dm), { retentionMs: PENDING_RETENTION_MS });
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const parseJson = <T>(value: string | undefined): T | undefined => {
	if (value === undefined) return undefined;
	try {
		return JSON.parse(value) as T;
	} catch {
		return undefined;
	}
};

const rowHash = (row: Record<string, unknown>) =>
	createHash('sha1').update(JSON.stringify(row)).digest('base64');

async function readAfter(
	store: StateStore,
	stream: string,
	cursor: Position | undefined,
	limit: number,
): Promise<StreamEvent[]> {
	// A read can only start at a millisecond: entries of the cursor's own millisecond come back
	// too, and their ids tell which are done. A page that ends in the millisecond it started in
	// is read again, larger.
	const out: StreamEvent[] = [];
	let since = cursor?.at;
	let after = cursor?.id ?? '';
	let pageSize = limit + 1;
	for (;;) {
		const page = await store.readStream(stream, { sinceMs: since, limit: pageSize });
		for (const entry of page)
			if (entry.id > after && out.length < limit) {
				out.push(entry);
				after = entry.id;
			}
		if (out.length >= limit || page.length < pageSize) return out;
		const last = page[page.length - 1];
		if (last.at === since) pageSize *= 2;
		else {
			since = last.at;
			pageSize = limit - out.length + 1;
		}
	}
}

export interface TakeOptions {
	executionId: string;
	nowMs?: number;
	leaseMs?: number;
	limit?: number;
	/**
	 * Rows wait until the oldest is this old (or a batch is full), so that under load one
	 * execution writes for many DMs instead of each for its own. The first run to find a young
	 * batch waits for it (one run at a time, its DM already answered); the others leave at once.
	 */
	minAgeMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * The rows queued since the last confirmed batch, under this execution's lease; undefined when
 * another execution holds the lease (it will take these rows, or the next take will).
 */
export async function takePendingRows(
	store: StateStore,
	book: string,
	options: TakeOptions,
): Promise<PendingBatch | undefined> {
	const k = keys(book);
	const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
	const limit = options.limit ?? DEFAULT_BATCH_LIMIT;
	const nowMs = options.nowMs ?? Date.now();
	// A look before the lease: most runs under load find a young batch or nothing, and leave.
	const cursorBefore = await store.get(k.cursor);
	const peek = await readAfter(store, k.stream, parseJson<Position>(cursorBefore?.value), limit);
	if (peek.length === 0) return EMPTY;
	const waitMs = peek[0].at + (options.minAgeMs ?? 0) - nowMs;
	if (peek.length < limit && waitMs > 0) {
		// Without a waiter, rows queued just after a batch would wait for the next DM or the
		// recovery's schedule; with one, a batch is at most minAgeMs late.
		if (!(await store.claim(k.waiter, options.executionId, waitMs + 1000))) return undefined;
		await (options.sleep ?? defaultSleep)(waitMs);
		await store.delete(k.waiter);
		return await takePendingRows(store, book, { ...options, minAgeMs: 0, nowMs: undefined });
	}
	const placeholder: Lease = {
		executionId: options.executionId,
		upTo: { id: '', at: 0 },
		profiles: {},
	};
	if (!(await store.claim(k.lease, JSON.stringify(placeholder), leaseMs))) return undefined;
	// What the look read is the batch, unless a confirmation moved the cursor meanwhile (rows
	// queued since go in the next batch).
	const [cursorEntry, lastTakenEntry] = await store.getMany([k.cursor, k.lastTaken]);
	const entries =
		cursorEntry?.version === cursorBefore?.version
			? peek
			: await readAfter(store, k.stream, parseJson<Position>(cursorEntry?.value), limit);
	if (entries.length === 0) {
		await store.delete(k.lease);
		return EMPTY;
	}
	const dms = entries
		.map((e) => parseJson<PendingDm>(e.value))
		.filter((dm): dm is PendingDm => !!dm && typeof dm.xhsUserId === 'string' && !!dm.history);
	const first = entries[0].id;
	// Remembered beyond the lease: a batch taken again from the same first row was cut off.
	const retried = lastTakenEntry?.value === first;
	const customers = [...new Set(dms.map((dm) => dm.xhsUserId))];
	const created = new Set(dms.filter((dm) => dm.newCustomer).map((dm) => dm.xhsUserId));
	const stored = await store.getMany(customers.flatMap((uid) => [k.profile(uid), k.written(uid)]));
	const batch: PendingBatch = { ...EMPTY, newCustomers: [], changedCustomers: [], dms: dms.length };
	const hashes: Record<string, string> = {};
	customers.forEach((uid, i) => {
		const profile = parseJson<CustomerProfile>(stored[2 * i]?.value);
		if (!profile) return;
		// The freshest profile, once per customer however many of their DMs are in the batch.
		const row = profileRecord(profile);
		const hash = rowHash(row);
		const written = stored[2 * i + 1]?.value;
		if (hash === written) return;
		hashes[uid] = hash;
		if (created.has(uid) && written === undefined && !retried) batch.newCustomers.push(row);
		else batch.changedCustomers.push(row);
	});
	const history = dms.map((dm) => dm.history);
	const leads = dms.flatMap((dm) => dm.leads);
	if (retried) Object.assign(batch, { historyAgain: history, leadsAgain: leads, retried });
	else Object.assign(batch, { history, leads });
	const last = entries[entries.length - 1];
	const lease: Lease = {
		executionId: options.executionId,
		upTo: { id: last.id, at: last.at },
		profiles: hashes,
	};
	await store.set(k.lease, JSON.stringify(lease), leaseMs);
	await store.set(k.lastTaken, first, PENDING_RETENTION_MS);
	return batch;
}

export interface ConfirmResult {
	/** False when this execution holds no lease (it took nothing, or its lease ran out). */
	confirmed: boolean;
	reason?: string;
}

/** The batch this execution took is written: the cursor moves past it, the lease is freed. */
export async function confirmPendingRows(
	store: StateStore,
	book: string,
	executionId: string,
): Promise<ConfirmResult> {
	const k = keys(book);
	const entry = await store.get(k.lease);
	const lease = parseJson<Lease>(entry?.value);
	if (!entry || !lease) return { confirmed: false, reason: 'no batch taken' };
	if (lease.executionId !== executionId)
		return { confirmed: false, reason: 'the batch belongs to another execution' };
	if (!lease.upTo.id) return { confirmed: false, reason: 'no batch taken' };
	const applied = await store.commit([
		// Only while this execution's lease still stands: after it expired, another execution
		// may have taken the same rows, and its confirmation is the one that counts.
		{ key: k.lease, expectVersion: entry.version },
		{ key: k.cursor, expectVersion: 'any', value: JSON.stringify(lease.upTo) },
		...Object.entries(lease.profiles).map(([uid, hash]) => ({
			key: k.written(uid),
			expectVersion: 'any' as const,
			// Kept for good: without it a customer's next first batch would insert a second row.
			value: hash,
		})),
	]);
	return applied ? { confirmed: true } : { confirmed: false, reason: 'the lease ran out' };
}

/** How many queued DMs wait for a writer, and how old the oldest is (health and tests). */
export async function pendingBacklog(
	store: StateStore,
	book: string,
	nowMs = Date.now(),
): Promise<{ dms: number; oldestMs: number | undefined }> {
	const k = keys(book);
	const cursor = parseJson<Position>((await store.get(k.cursor))?.value);
	const entries = await readAfter(store, k.stream, cursor, 100_000);
	return { dms: entries.length, oldestMs: entries.length ? nowMs - entries[0].at : undefined };
}
