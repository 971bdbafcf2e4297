/**
 * The knowledge-base matcher: a DM that hit no keyword rule is matched to the closest FAQ
 * entry, or to nothing. Stage 1 ranks question variants by TF-IDF over character n-grams
 * (natural-compatible numbers, inverted index); stage 2 re-scores the best few with edit
 * similarities to the question text, which is what makes typos, missing characters and extra
 * chatter tolerable. The result is one score in [0, 1]; below the threshold there is no
 * answer rather than a guess.
 */
import {
	addLatinWords,
	charNgrams,
	faqSoundAndChars,
	faqText,
	faqTextKnown,
	soundBigrams,
} from './faqText';
import { blendScore, rerankScore, scoreCeiling } from './faqScore';
import { TfIdf } from './tfidf';
import type { Synonym } from '../synonyms/synonymRows';
import { SynonymTable } from '../synonyms/synonymTable';
import { FAQ_CONCEPTS } from './faqConcepts';

export interface FaqEntry {
	id: string;
	questions: string[];
	answer: string;
	tags?: string[];
}

export interface FaqHit {
	id: string;
	/** Calibrated match score in [0, 1]; the threshold applies to it. */
	score: number;
	/** TF-IDF cosine of the message and the matched question, in [0, 1]. */
	tfidfScore: number;
	/** Edit-similarity score (Jaro–Winkler, Damerau–Levenshtein, containment), in [0, 1]. */
	rerankScore: number;
	matchedQuestion: string;
	answer: string;
	tags: string[];
}

export interface FaqIndexOptions {
	/** How many stage-1 question variants are re-ranked. @default 8 */
	candidates?: number;
	/** Threshold used when `search` is given none. @default DEFAULT_FAQ_THRESHOLD */
	threshold?: number;
	/** The shop's synonyms: questions and DMs are compared with each word read as its `means`. */
	synonyms?: readonly Synonym[];
}

export interface FaqSearchOptions {
	/** @default 1 */
	topK?: number;
	threshold?: number;
}

/**
 * Chosen on the labelled beauty-brand set (test/keywordReply/faqLabelled.test.ts, which prints
 * the sweep): the highest-scoring chatter there ("有人吗" against 有货吗, "已下单" against
 * 下单后几天发货) reaches 0.45 and the lowest right answer 0.48. At 0.5 no chatter is answered
 * and precision/recall are 0.985/0.970; 0.45 answers chatter, 0.55 already loses recall.
 */
export const DEFAULT_FAQ_THRESHOLD = 0.5;

/** Clauses shorter than this (normalised) are not read alone: "好的", "在吗" say nothing. */
const MIN_CLAUSE = 3;

/** Where a clause ends in a DM as written (spaces do not: "退 款" and English keep together). */
const CLAUSE_END = /[，,。．！!？?；;：:\n~～…、|｜]+/u;

/** The message's clauses, as written. */
export function clauses(message: string): string[] {
	return message.split(CLAUSE_END).filter((part) => part.trim().length > 0);
}

/** Where a hit of this score goes in a list kept best first: after the equal ones (stable). */
function rankOf(hits: readonly FaqHit[], score: number): number {
	let at = hits.length;
	while (at > 0 && hits[at - 1].score < score) at--;
	return at;
}

/** A match by sound counts a little less than the same match by characters. */
const SOUND_DISCOUNT = 0.95;

export class FaqIndex {
	private readonly entries: FaqEntry[];
	private readonly tfidf: TfIdf;
	/** Per question variant (= TF-IDF document): its entry, its text, its normalised text. */
	private readonly docEntry: Uint32Array;
	private readonly docQuestion: string[];
	private readonly docText: string[];
	private readonly docSound: string[];
	private readonly candidates: number;
	private readonly threshold: number;
	private readonly synonyms: SynonymTable;
	/** The Latin words questions (and the shop's synonyms) hold: a DM's other ones are dropped. */
	private readonly latin = new Set<string>();

	private constructor(entries: FaqEntry[], options: FaqIndexOptions) {
		this.entries = entries;
		this.candidates = Math.max(1, options.candidates ?? 8);
		this.threshold = options.threshold ?? DEFAULT_FAQ_THRESHOLD;
		this.synonyms = new SynonymTable([...(options.synonyms ?? []), ...FAQ_CONCEPTS], faqText);
		for (const entry of entries) for (const q of entry.questions) addLatinWords(q, this.latin);
		for (const synonym of options.synonyms ?? [])
			for (const word of [synonym.means, ...synonym.words]) addLatinWords(word, this.latin);
		const docs: string[][] = [];
		const docEntry: number[] = [];
		this.docQuestion = [];
		this.docText = [];
		this.docSound = [];
		entries.forEach((entry, e) => {
			for (const question of entry.questions) {
				const text = this.synonyms.canonical(faqText(question));
				if (text.length === 0) continue;
				const { sound, chars } = faqSoundAndChars(text);
				docs.push([...charNgrams(chars), ...soundBigrams(sound)]);
				docEntry.push(e);
				this.docQuestion.push(question);
				this.docText.push(text);
				this.docSound.push(sound);
			}
		});
		this.docEntry = Uint32Array.from(docEntry);
		this.tfidf = TfIdf.build(docs);
	}

	static build(entries: FaqEntry[], options: FaqIndexOptions = {}): FaqIndex {
		return new FaqIndex(entries, options);
	}

	get size(): number {
		return this.entries.length;
	}

	/**
	 * Best entries for a message, best first, each at most once, none under the threshold. The
	 * message is read whole and clause by clause: a question in the middle of chatter
	 * ("晚上涂了这个，第二天能直接化妆吗，会不会起屑") or after a clause about something else
	 * ("我不是要退货，就想问充电宝能带上高铁吗") is as close as it would be alone, where the whole
	 * message dilutes it. A clause is judged like a DM of its own, under the same threshold.
	 */
	search(message: string, options: FaqSearchOptions = {}): FaqHit[] {
		const topK = Math.max(1, options.topK ?? 1);
		const threshold = options.threshold ?? this.threshold;
		if (this.tfidf.docCount === 0) return [];
		const whole = this.textOf(message);
		const hits = this.searchText(whole, topK, threshold);
		const parts = clauses(message);
		if (parts.length < 2) return hits;
		for (const part of parts) {
			const text = this.textOf(part);
			if (text.length < MIN_CLAUSE || text === whole) continue;
			for (const hit of this.searchText(text, topK, threshold)) {
				const seen = hits.findIndex((h) => h.id === hit.id);
				if (seen >= 0 && hits[seen].score >= hit.score) continue;
				if (seen >= 0) hits.splice(seen, 1);
				hits.splice(rankOf(hits, hit.score), 0, hit);
			}
		}
		return hits.slice(0, topK);
	}

	/**
	 * A DM in the form questions are compared in: faqText without the Latin words no question
	 * holds, each synonym read as its `means`.
	 */
	private textOf(input: string): string {
		return this.synonyms.canonical(faqTextKnown(input, this.latin));
	}

	/** `search` for one normalised text. */
	private searchText(text: string, topK: number, threshold: number): FaqHit[] {
		if (text.length === 0) return [];
		const { sound, chars } = faqSoundAndChars(text);
		const tokens = [...charNgrams(chars), ...soundBigrams(sound)];
		const ids = this.tfidf.idsOf(tokens);
		const queryNorm = this.queryNorm(tokens);
		const candidates = this.tfidf.topIds(ids, this.candidates).map(({ doc, score }) => ({
			doc,
			cosine: Math.min(1, score / (queryNorm * this.tfidf.norm(doc))),
		}));
		// Most promising first, so the ceiling test below skips most re-ranks.
		candidates.sort((x, y) => y.cosine - x.cosine || x.doc - y.doc);
		const hits: FaqHit[] = [];
		const hitEntry: number[] = [];
		for (const { doc, cosine } of candidates) {
			// The re-rank is the costly part; skip it when even a perfect one could not make
			// the cut (threshold, or the k-th best entry so far).
			const bar = hits.length >= topK ? Math.max(threshold, hits[topK - 1].score) : threshold;
			if (scoreCeiling(cosine) < bar) continue;
			// A same-sound typo is as close as the sound says, a little less than the characters would be.
			const rerank = Math.max(
				rerankScore(text, this.docText[doc]),
				SOUND_DISCOUNT * rerankScore(sound, this.docSound[doc]),
			);
			const score = blendScore(cosine, rerank);
			if (score < threshold) continue;
			const e = this.docEntry[doc];
			// One hit per entry: its best question variant.
			const seen = hitEntry.indexOf(e);
			if (seen >= 0) {
				if (hits[seen].score >= score) continue;
				hits.splice(seen, 1);
				hitEntry.splice(seen, 1);
			}
			const entry = this.entries[e];
			const hit: FaqHit = {
				id: entry.id,
				score,
				tfidfScore: cosine,
				rerankScore: rerank,
				matchedQuestion: this.docQuestion[doc],
				answer: entry.answer,
				tags: entry.tags ?? [],
			};
			// Stable insertion: equal scores keep candidate order (cosine, then document).
			const at = rankOf(hits, score);
			hits.splice(at, 0, hit);
			hitEntry.splice(at, 0, e);
		}
		return hits.slice(0, topK);
	}

	/** The message's length under the index's weights (qtf²·idf summed), for the cosine. */
	private queryNorm(tokens: string[]): number {
		const counts = new Map<string, number>();
		for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
		let sq = 0;
		for (const [token, qtf] of counts) sq += qtf * qtf * this.tfidf.idf(token);
		return Math.sqrt(sq);
	}
}
