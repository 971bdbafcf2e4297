/**
 * FAQ text preparation: the shared `normalize` (case, width, script folding — owned by
 * ../normalize.ts) followed by keeping letters and digits only, so emoji, punctuation and
 * spacing never count as evidence for or against an entry. Tokens are character unigrams and
 * bigrams: Chinese has no spaces to split words on, and bigrams carry most of the meaning
 * while unigrams keep a one-character typo (保值期 / 保质期) from wiping out the overlap.
 */
import { normalize } from '../normalize';
import { pinyinTable } from '../sound/pinyinTable';
import { segmentPinyin, soundText, SYLLABLE_BASE } from '../sound/soundText';

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** The normalised, letters-and-digits-only form the index and the re-rank compare. */
export function faqText(input: string): string {
	return normalize(input).text.replace(NOT_LETTER_OR_DIGIT, '');
}

const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;

/**
 * A text as normalised (lower case, alias words already Chinese) and its Latin words: a word is
 * a run of letters that were next to each other as written, so "is it" stays two words though
 * normalising removes the space.
 */
function latinWords(input: string): { text: string; words: Array<[start: number, end: number]> } {
	const n = normalize(input);
	const t = n.text;
	const words: Array<[number, number]> = [];
	for (let i = 0; i < t.length;) {
		if (!isLatin(t.charCodeAt(i))) {
			i++;
			continue;
		}
		let j = i + 1;
		while (j < t.length && isLatin(t.charCodeAt(j)) && n.origin[j] === n.origin[j - 1] + 1) j++;
		words.push([i, j]);
		i = j;
	}
	return { text: t, words };
}

/** Every Latin word of a question (model names, PD, SPF …), for `faqTextKnown`. */
export function addLatinWords(input: string, into: Set<string>): void {
	const { text, words } = latinWords(input);
	for (const [start, end] of words) into.add(text.slice(start, end));
}

/**
 * faqText of a DM without the little English words no question holds ("is", "it", "the",
 * "any"): they are evidence for no entry, yet they diluted the words that are. Content words the
 * vocabulary did not turn into Chinese stay ("live", "tiktok"): the DM is about something no
 * question holds, and an answer to the rest of it would be a wrong one.
 */
export function faqTextKnown(input: string, known: ReadonlySet<string>): string {
	const { text, words } = latinWords(input);
	if (words.length === 0) return text.replace(NOT_LETTER_OR_DIGIT, '');
	// Typed pinyin is Chinese sent before choosing characters: its words stay, to be heard by
	// sound ("nan sheng neng yong ma"), when most of the DM's words read as pinyin.
	const table = pinyinTable();
	const syllables = words.map(([start, end]) =>
		end - start >= 2 ? (segmentPinyin(table, text.slice(start, end))?.length ?? 0) / 3 : 0,
	);
	const pinyin = syllables.map((n) => n > 0);
	const pinyinWords = pinyin.filter(Boolean).length;
	// Two pinyin words or more, most of the words; or one long one ("shoujike"). One short word
	// that happens to read as pinyin ("line", "men") is English.
	const typed =
		(pinyinWords >= 2 && pinyinWords * 2 > words.length) || syllables.some((n) => n >= 3);
	let out = '';
	let at = 0;
	for (const [k, [start, end]] of words.entries()) {
		if (typed && pinyin[k]) continue;
		// One letter is a word of a question only glued to it ("A醇", "C10"), never the article "a".
		const alone = end - start === 1 && !glued(text, start, end);
		const word = text.slice(start, end);
		if (known.has(word) && !alone) continue;
		// Only the little words go: an unknown content word ("live", "tiktok") is what the DM is
		// about, and no question has it: evidence against every entry, so it stays.
		if (!FUNCTION_WORDS.has(word) && !alone) continue;
		out += text.slice(at, start);
		at = end;
	}
	const kept = (out + text.slice(at)).replace(NOT_LETTER_OR_DIGIT, '');
	// What is left of a DM that was English is no question when it is one character.
	return kept.length < 2 ? '' : kept;
}

/** English words that carry no topic: a question is not about them. */
const FUNCTION_WORDS = new Set(
	(
		'a an the is are am was were be been do does did can could will would shall should may ' +
		'might must i me my we our you your u ur it its this that these those there here of to in ' +
		'on at for with from by about as and or but if so not no yes any some all please pls plz ' +
		'hi hello hey thanks thank ok okay what which who how why when where whats hows ' +
		'have has had get got just also still really very much many more most one two'
	).split(' '),
);

/** Whether a word touches a Chinese character or a digit in the normalised text. */
function glued(text: string, start: number, end: number): boolean {
	const near = (i: number) => i >= 0 && i < text.length && /[\p{Script=Han}0-9]/u.test(text[i]);
	return near(start - 1) || near(end);
}

/**
 * Unigrams (by code point, so a supplementary-plane character stays one token) followed by
 * the bigrams of adjacent characters. The order is fixed because TF-IDF sums follow it.
 */
export function charNgrams(text: string): string[] {
	const chars: string[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			chars.push(text.slice(i, i + 2));
			i++;
		} else {
			chars.push(text[i]);
		}
	}
	const tokens = chars.slice();
	for (let i = 1; i < chars.length; i++) tokens.push(chars[i - 1] + chars[i]);
	return tokens;
}

/**
 * The text as it sounds: every Chinese character replaced by its usual syllable and typed pinyin
 * read as syllables (one Private Use unit each, see sound/soundText.ts), so 发飘 and 发票, 保休 and
 * 保修, "nan sheng" and 男生 read alike; other letters and digits stay as they are.
 */
export function faqSound(text: string): string {
	return soundText(text).text;
}

/**
 * The text's sound, and its characters less the typed pinyin: letters that read as syllables
 * are Chinese not yet chosen, so their evidence is their sound only; as letter n-grams they
 * would only dilute ("nanshengnengyongma" against 男生能用吗).
 */
export function faqSoundAndChars(text: string): { sound: string; chars: string } {
	const sound = soundText(text);
	let chars = '';
	let at = 0;
	for (let u = 0; u < sound.text.length; u++) {
		const start = sound.from[u];
		const c = text.charCodeAt(start);
		const typed = sound.text.charCodeAt(u) >= SYLLABLE_BASE && c >= 0x61 && c <= 0x7a;
		if (!typed) continue;
		chars += text.slice(at, start);
		at = sound.to[u];
	}
	return { sound: sound.text, chars: at === 0 ? text : chars + text.slice(at) };
}

/**
 * The sound's bigrams where both units are syllables: they let a same-sound typo share tokens
 * with the question. (Syllables alone are left out: one syllable is shared by too many words.)
 */
export function soundBigrams(sound: string): string[] {
	const tokens: string[] = [];
	for (let i = 1; i < sound.length; i++) {
		const a = sound.charCodeAt(i - 1);
		const b = sound.charCodeAt(i);
		if (a >= 0xe000 && a < 0xf900 && b >= 0xe000 && b < 0xf900)
			tokens.push(sound.slice(i - 1, i + 1));
	}
	return tokens;
}
