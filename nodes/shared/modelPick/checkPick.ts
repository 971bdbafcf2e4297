import type { ReadPick } from './readPick';
import type { HandBackReason, PickCandidate } from './types';

/**
 * Whether a well-formed pick may answer the customer. The entry must be one the model was
 * shown, its confidence at least the node's, and the model must not have stated a number
 * (a price, a count of days, a date) that the entry does not contain: a model inventing
 * figures is confused about the entry, even though only the entry's answer would be sent.
 */
export type PickVerdict =
	{ ok: true; candidate: PickCandidate } | { ok: false; handBack: HandBackReason; why: string };

const FULL_WIDTH_DIGIT = /[０-９．]/g;
const NUMBER = /\d+(?:\.\d+)?/g;

function numbersIn(text: string): string[] {
	const halfWidth = text.replace(FULL_WIDTH_DIGIT, (c) =>
		c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
	);
	// "1,299" is 1299; a trailing ".0" says nothing more than the integer.
	return (halfWidth.replace(/(\d),(?=\d{3}\b)/g, '$1').match(NUMBER) ?? []).map((n) =>
		n.replace(/\.0+$/, ''),
	);
}

/** Ids as a model copies them back: spacing, case and full-width forms may drift, nothing else. */
function sameId(id: string): string {
	return id.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The offered entry the model named: by its id exactly, else by its id written loosely. */
function offered(candidates: readonly PickCandidate[], entry: string): PickCandidate | undefined {
	const exact = candidates.find((c) => c.id === entry);
	if (exact) return exact;
	const loose = candidates.filter((c) => sameId(c.id) === sameId(entry));
	return loose.length === 1 ? loose[0] : undefined;
}

export function checkPick(
	pick: ReadPick,
	candidates: readonly PickCandidate[],
	minConfidence: number,
): PickVerdict {
	if (pick.entry === null)
		return { ok: false, handBack: 'no entry', why: 'the model found no entry that answers it' };
	const candidate = offered(candidates, pick.entry);
	if (!candidate)
		return {
			ok: false,
			handBack: 'unknown entry',
			why: `the model named entry "${pick.entry.slice(0, 60)}", which it was not offered`,
		};
	if (pick.confidence === null || pick.confidence < minConfidence)
		return {
			ok: false,
			handBack: 'low confidence',
			why:
				pick.confidence === null
					? 'the model gave no confidence'
					: `the model's confidence ${pick.confidence.toFixed(2)} is below ${minConfidence}`,
		};
	const known = new Set(numbersIn(`${candidate.question}\n${candidate.answer}`));
	const invented = pick.strings.flatMap(numbersIn).filter((n) => !known.has(n));
	if (invented.length)
		return {
			ok: false,
			handBack: 'number not in entry',
			why: `the model stated ${[...new Set(invented)]
				.slice(0, 3)
				.map((n) => `"${n}"`)
				.join(', ')}, which entry "${candidate.id}" does not say`,
		};
	return { ok: true, candidate };
}
