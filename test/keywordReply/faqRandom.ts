// Seeded generators for the natural-equality tests: reproducible, and biased towards small
// alphabets so that matches, transpositions and repeated characters actually occur.
export { mulberry32 as rng } from '../support/seededRandom';

const ALPHABETS = [
	'保质期价格成分敏感肌油皮干皮优惠活动发货快递包邮退货退款吗的是多久怎么',
	'abcdeABCDE',
	'abAB保质期😀',
	'aab',
];

export function randomString(next: () => number, maxLength = 12): string {
	const alphabet = Array.from(ALPHABETS[Math.floor(next() * ALPHABETS.length)]);
	const length = Math.floor(next() * (maxLength + 1));
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
	return out;
}

/** A string and a lightly edited copy (swaps, drops, inserts), or two independent strings. */
export function randomPair(next: () => number): [string, string] {
	const a = randomString(next);
	if (next() < 0.4) return [a, randomString(next)];
	const chars = a.split('');
	const edits = Math.floor(next() * 4);
	for (let e = 0; e < edits && chars.length > 1; e++) {
		const i = Math.floor(next() * (chars.length - 1));
		const kind = next();
		if (kind < 0.4) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
		else if (kind < 0.6) chars.splice(i, 1);
		else if (kind < 0.8) chars.splice(i, 0, chars[Math.floor(next() * chars.length)]);
		else chars[i] = 'x';
	}
	return [a, chars.join('')];
}
