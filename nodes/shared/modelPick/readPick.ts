/**
 * The model's text read as the one JSON object it was asked for. Tolerant of what well-behaved
 * models do (a ```json fence, a reasoning model's <think> block before it, "entry_id" for
 * "entry", a confidence of 85 meaning 85 %, "none" for null); anything else (prose, prose around
 * the object, two objects) is not a pick.
 */
export interface ReadPick {
	entry: string | null;
	/** In [0, 1]; null when the model gave none or something that is not a number. */
	confidence: number | null;
	reason: string | null;
	/** Every string the model wrote (reason and any field it added), checked for made-up numbers. */
	strings: string[];
}

const FENCE = /^```(?:json|JSON)?\s*\n?([\s\S]*?)\n?\s*```$/;
/** Reasoning models (DeepSeek-R1, QwQ on Ollama) think aloud first; the answer follows. */
const THINKING = /^<think>[\s\S]*?<\/think>\s*/;
const ENTRY_KEYS = ['entry', 'entryId', 'entry_id', 'id', 'faq', 'faqId', 'faq_id'];
const NONE = /^(?:null|none|no|n\/a|无|没有|-)?$/i;

export function readPick(text: string): ReadPick | undefined {
	let body = text.trim().replace(THINKING, '');
	const fenced = FENCE.exec(body);
	if (fenced) body = fenced[1].trim();
	if (!body.startsWith('{') || !body.endsWith('}')) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const object = parsed as Record<string, unknown>;
	const key = ENTRY_KEYS.find((k) => k in object);
	if (key === undefined) return undefined;
	const raw = object[key];
	let entry: string | null;
	if (raw === null || raw === undefined || raw === false) entry = null;
	else if (typeof raw === 'string' || typeof raw === 'number') {
		const id = String(raw).trim();
		entry = NONE.test(id) ? null : id;
	} else return undefined;
	const reason = typeof object.reason === 'string' ? object.reason.trim().slice(0, 300) : null;
	return { entry, confidence: confidenceOf(object.confidence), reason, strings: stringsOf(object) };
}

function confidenceOf(value: unknown): number | null {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string'
				? Number(value.trim().replace(/%$/, ''))
				: NaN;
	if (!Number.isFinite(n) || n < 0) return null;
	if (n <= 1) return n;
	// "85" or "85%": a percentage; above 100 means nothing.
	return n <= 100 ? n / 100 : null;
}

function stringsOf(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			// The entry id is checked against the list, not for numbers ("faq-12").
			if (!ENTRY_KEYS.includes(k)) stringsOf(v, out);
		}
	return out;
}
