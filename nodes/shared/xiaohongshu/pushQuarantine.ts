import { randomBytes, randomUUID } from 'node:crypto';
import type { StateStore } from '../state/StateStore';
import type { Diagnosis } from './pushDiagnosis';
import { pushPreview } from './pushPreview';
import type { PushShape, UnreadableCause } from './pushReceiver';
import { openText, sealText } from './sealedText';

/**
 * Pushes that passed the configured authentication but could not be read (spec §0 point 3):
 * acknowledged, so the platform does not give up on them, and kept here, bounded in count,
 * bytes and age. People read the masked preview; the push itself (and the trigger URL it
 * goes back to) is sealed so that any one of the credential's secrets opens it: the fix the
 * diagnosis asks for is often swapping two of them, and the replay must still open it.
 * Refused pushes (a signature that fails) and notices (a push read fine that points at a
 * wrong setting) are logged beside it, without bodies, for Health Check.
 */
export const QUARANTINE_STREAM = 'pushes:quarantine';
export const REFUSED_STREAM = 'pushes:refused';
export const NOTICE_STREAM = 'pushes:notices';

export const QUARANTINE_LIMITS = {
	maxEntries: 1000,
	/** A push larger than this is listed, but its body is not kept (so it cannot be replayed). */
	maxBodyBytes: 64 * 1024,
	retentionMs: 7 * 24 * 3_600_000,
	/**
	 * Bytes of pushes kept a day (UTC). Beyond it a push is answered 503 so the platform
	 * sends it again later, instead of being kept or dropped: a flood of junk on the URL
	 * cannot fill the store, and nothing real is lost while it lasts.
	 */
	maxBytesPerDay: 8 * 1024 * 1024,
};
const LOG_LIMITS = { maxLength: 2000, retentionMs: 7 * 24 * 3_600_000 };
const SEAL_LABEL = 'xhs-sealed|quarantined-push';
const KEY_LABEL = 'xhs-sealed|quarantine-data-key';

export interface QuarantineEntry {
	id: string;
	at: number;
	appId: string;
	workflowId: string;
	node: string;
	pathSuffix: string;
	reason: string;
	cause: UnreadableCause;
	shape: PushShape;
	hint: string;
	setting: string;
	preview: string;
	bytes: number;
	replayable: boolean;
}

/** What the trigger knows of an unreadable push; the entry adds what is derived from it. */
export type QuarantineInput = Pick<
	QuarantineEntry,
	'appId' | 'workflowId' | 'node' | 'pathSuffix' | 'reason' | 'cause' | 'shape'
> & {
	rawBody: string;
	/** Where the push arrived, so a replay goes back through the same trigger (sealed: the URL is a secret too). */
	webhookUrl: string;
	/** The credential's secrets (app secret, encryption key, webhook secret): any one opens the sealed push. */
	secrets: string[];
	diagnosis: Diagnosis;
	nowMs: number;
};

const bodyKey = (id: string) => `quarantine:body:${id}`;
const replayKey = (id: string) => `quarantine:replayed:${id}`;

/** What is sealed: the push and the URL to replay it to. */
export interface QuarantinedPush {
	rawBody: string;
	webhookUrl: string;
}

const distinct = (secrets: string[]) => [...new Set(secrets.filter((s) => s))];

/** One random data key seals the push; the data key is sealed once for each secret. */
function sealForAny(push: QuarantinedPush, secrets: string[]): string {
	const dataKey = randomBytes(32).toString('base64');
	return JSON.stringify({
		keys: distinct(secrets).map((secret) => sealText(dataKey, KEY_LABEL, secret)),
		push: sealText(JSON.stringify(push), SEAL_LABEL, dataKey),
	});
}

function openWithAny(sealed: string, secrets: string[]): QuarantinedPush | undefined {
	let record: { keys?: unknown; push?: unknown };
	try {
		record = JSON.parse(sealed) as typeof record;
	} catch {
		return undefined;
	}
	if (!Array.isArray(record.keys) || typeof record.push !== 'string') return undefined;
	for (const wrapped of record.keys) {
		for (const secret of distinct(secrets)) {
			const dataKey =
				typeof wrapped === 'string' ? openText(wrapped, KEY_LABEL, secret) : undefined;
			const text = dataKey && openText(record.push, SEAL_LABEL, dataKey);
			if (text) return JSON.parse(text) as QuarantinedPush;
		}
	}
	return undefined;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Keeps the push, or answers undefined when today's byte budget is spent (the caller asks for a resend). */
export async function quarantinePush(
	store: StateStore,
	input: QuarantineInput,
): Promise<QuarantineEntry | undefined> {
	const bytes = Buffer.byteLength(input.rawBody, 'utf8');
	const replayable = bytes <= QUARANTINE_LIMITS.maxBodyBytes;
	const budget = await store.increment(
		`quarantine:bytes:${dayOf(input.nowMs)}`,
		replayable ? bytes : 0,
		{
			max: QUARANTINE_LIMITS.maxBytesPerDay,
			ttlMs: 2 * 24 * 3_600_000,
		},
	);
	if (!budget.applied) return undefined;
	const entry: QuarantineEntry = {
		id: `q_${randomUUID()}`,
		at: input.nowMs,
		appId: input.appId,
		workflowId: input.workflowId,
		node: input.node,
		pathSuffix: input.pathSuffix,
		reason: input.reason,
		cause: input.cause,
		shape: input.shape,
		hint: input.diagnosis.hint,
		setting: input.diagnosis.setting,
		preview: pushPreview(input.rawBody),
		bytes,
		replayable,
	};
	if (replayable) {
		const sealed = sealForAny(
			{ rawBody: input.rawBody, webhookUrl: input.webhookUrl },
			input.secrets,
		);
		await store.set(bodyKey(entry.id), sealed, QUARANTINE_LIMITS.retentionMs);
	}
	await store.append(QUARANTINE_STREAM, JSON.stringify(entry), {
		retentionMs: QUARANTINE_LIMITS.retentionMs,
		maxLength: QUARANTINE_LIMITS.maxEntries,
	});
	return entry;
}

function parseEntries<T>(values: Array<{ value: string }>): T[] {
	const out: T[] = [];
	for (const { value } of values) {
		try {
			out.push(JSON.parse(value) as T);
		} catch {
			// A damaged entry is skipped; the rest still reads.
		}
	}
	return out;
}

export interface QuarantineView extends QuarantineEntry {
	replayed: boolean;
}

export async function listQuarantine(
	store: StateStore,
	options: { appId?: string; sinceMs?: number } = {},
): Promise<QuarantineView[]> {
	const entries = parseEntries<QuarantineEntry>(
		await store.readStream(QUARANTINE_STREAM, { sinceMs: options.sinceMs }),
	);
	const mine = entries.filter((e) => !options.appId || e.appId === options.appId);
	const flags = mine.length ? await store.getMany(mine.map((e) => replayKey(e.id))) : [];
	return mine.map((e, i) => ({ ...e, replayed: flags[i] !== undefined }));
}

export async function findQuarantined(
	store: StateStore,
	id: string,
): Promise<QuarantineEntry | undefined> {
	return (await listQuarantine(store)).find((e) => e.id === id);
}

/** The push and its trigger URL, opened with any of the credential's current secrets. */
export async function openQuarantined(
	store: StateStore,
	id: string,
	secrets: string[],
): Promise<QuarantinedPush | undefined> {
	const sealed = (await store.get(bodyKey(id)))?.value;
	return sealed === undefined ? undefined : openWithAny(sealed, secrets);
}

/** The secrets a quarantined push is sealed under, from the credential. */
export const credentialSecrets = (config: {
	appSecret: string;
	encryptionKey: string;
	webhookSecret?: string;
}) => [config.appSecret, config.encryptionKey, config.webhookSecret ?? ''];

/** True for the one caller that may replay this push; undo with releaseReplay when it fails. */
export async function claimReplay(store: StateStore, id: string, nowMs: number): Promise<boolean> {
	return await store.claim(replayKey(id), String(nowMs), QUARANTINE_LIMITS.retentionMs);
}

export async function releaseReplay(store: StateStore, id: string): Promise<void> {
	await store.delete(replayKey(id));
}

export interface PushLogEntry {
	at: number;
	appId: string;
	workflowId: string;
	node: string;
	reason: string;
	hint?: string;
	setting?: string;
}

export async function logRefusedPush(store: StateStore, entry: PushLogEntry): Promise<void> {
	await store.append(REFUSED_STREAM, JSON.stringify(entry), LOG_LIMITS);
}

/** A notice is logged at most once an hour per topic and trigger, so a busy URL stays quiet. */
export async function logPushNotice(
	store: StateStore,
	topic: string,
	entry: PushLogEntry,
): Promise<void> {
	const once = await store.claim(
		`pushes:notice:${entry.workflowId}:${entry.node}:${topic}`,
		String(entry.at),
		3_600_000,
	);
	if (once) await store.append(NOTICE_STREAM, JSON.stringify(entry), LOG_LIMITS);
}

export async function readPushLog(
	store: StateStore,
	stream: typeof REFUSED_STREAM | typeof NOTICE_STREAM,
	sinceMs: number,
): Promise<PushLogEntry[]> {
	return parseEntries<PushLogEntry>(await store.readStream(stream, { sinceMs }));
}
