import type { CommitWrite, StateStore } from '../state/StateStore';
import type { KnowledgeBase } from './knowledgeBase';

/**
 * The knowledge base that is live: published by "Preview Rule Changes" once a change passes,
 * read by the Keyword Reply node ("Published" source) on every DM. It sits in the state store,
 * so every n8n process (queue mode included) switches to a new version at the same moment,
 * and a change that breaks a golden example never reaches customers.
 */
export interface Publication extends KnowledgeBase {
	name: string;
	version: number;
	fingerprint: string;
	publishedAt: number;
}

const keyOf = (name: string) => `kb:published:${name}`;

/**
 * The names published so far, kept beside the publications: the store looks keys up, it does
 * not list them, and the editor's pick list needs the names.
 */
const NAMES_KEY = 'kb:published-names';

/** The name published under when none is given, and before the list of names existed. */
const DEFAULT_NAME = 'main';

/** The stored list of names with `name` added (sorted), or undefined when it is there already. */
export function namesWith(stored: string | undefined, name: string): string | undefined {
	const names = namesIn(stored);
	if (names.includes(name)) return undefined;
	return JSON.stringify([...names, name].sort());
}

/** The names in the stored list; a list that does not read as one counts as empty. */
function namesIn(stored: string | undefined): string[] {
	let names: unknown;
	try {
		names = stored ? JSON.parse(stored) : [];
	} catch {
		return [];
	}
	return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/** What a pick list shows of a published knowledge base. */
export interface PublishedName {
	name: string;
	version: number;
	publishedAt: number;
}

/**
 * The knowledge bases published in this store, by name. "main" is looked up as well: it may
 * have been published before the list of names was kept.
 */
export async function listPublications(store: StateStore): Promise<PublishedName[]> {
	const names = [...new Set([DEFAULT_NAME, ...namesIn((await store.get(NAMES_KEY))?.value)])];
	const entries = await store.getMany(names.map(keyOf));
	const listed: PublishedName[] = [];
	entries.forEach((entry, k) => {
		if (!entry) return;
		const { version, publishedAt } = JSON.parse(entry.value) as Publication;
		listed.push({ name: names[k], version, publishedAt });
	});
	return listed.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Parsed publications per store and key, reused while the stored version is unchanged (one get
 * per DM). Per store: two stores (embedded and Redis) count their versions apart.
 */
const parsed = new WeakMap<
	StateStore,
	Map<string, { version: number; publication: Publication }>
>();

export async function readPublication(
	store: StateStore,
	name: string,
): Promise<Publication | undefined> {
	const key = keyOf(name);
	const entry = await store.get(key);
	if (!entry) return undefined;
	let byKey = parsed.get(store);
	if (!byKey) parsed.set(store, (byKey = new Map()));
	const cached = byKey.get(key);
	if (cached && cached.version === entry.version) return cached.publication;
	const publication = JSON.parse(entry.value) as Publication;
	byKey.set(key, { version: entry.version, publication });
	return publication;
}

export class NothingPublishedError extends Error {
	constructor(name: string) {
		super(
			`no knowledge base named "${name}" has been published yet: run the "Xiaohongshu · Safe rule changes" template once (or any Xiaohongshu Knowledge Base → Preview Rule Changes with Publish on)`,
		);
		this.name = 'NothingPublishedError';
	}
}

export async function requirePublication(store: StateStore, name: string): Promise<Publication> {
	const publication = await readPublication(store, name);
	if (!publication) throw new NothingPublishedError(name);
	return publication;
}

/** Publishes atomically; two previews publishing at once cannot interleave (version check). */
export async function publish(
	store: StateStore,
	name: string,
	kb: KnowledgeBase,
	fingerprint: string,
	nowMs: number,
): Promise<Publication> {
	const key = keyOf(name);
	for (let attempt = 0; attempt < 5; attempt++) {
		const [entry, namesEntry] = await store.getMany([key, NAMES_KEY]);
		const previous = entry ? (JSON.parse(entry.value) as Publication) : undefined;
		const publication: Publication = {
			name,
			version: (previous?.version ?? 0) + 1,
			fingerprint,
			publishedAt: nowMs,
			rules: kb.rules,
			protectedTerms: kb.protectedTerms,
			faq: kb.faq,
			...(kb.synonyms?.length ? { synonyms: kb.synonyms } : {}),
		};
		// A new name joins the list in the same step; a known one leaves the list alone.
		const names = namesWith(namesEntry?.value, name);
		const writes: CommitWrite[] = [
			{ key, expectVersion: entry ? entry.version : null, value: JSON.stringify(publication) },
		];
		if (names !== undefined)
			writes.push({
				key: NAMES_KEY,
				expectVersion: namesEntry ? namesEntry.version : null,
				value: names,
			});
		if (await store.commit(writes)) return publication;
	}
	throw new Error(
		`the knowledge base "${name}" kept changing while it was published; run the preview again`,
	);
}

/** The last fingerprint previewed, so an unchanged table is not previewed (and alerted on) every minute. */
export async function claimPreview(
	store: StateStore,
	name: string,
	fingerprint: string,
): Promise<boolean> {
	const key = `kb:previewed:${name}`;
	const entry = await store.get(key);
	if (entry?.value === fingerprint) return false;
	return await store.commit([
		{ key, expectVersion: entry ? entry.version : null, value: fingerprint },
	]);
}
