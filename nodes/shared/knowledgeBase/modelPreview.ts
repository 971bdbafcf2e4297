import type { FaqSearch } from '../keywordReply/decide';
import { faqText } from '../keywordReply/faq/faqText';
import { decide } from '../keywordReply/decide';
import { isUndecided, tailCandidates } from '../keywordReply/tailCandidates';
import type { ModelPick, PickCandidate } from '../modelPick';
import { goldenFailures, type GoldenExample } from './goldenSet';
import {
	compileKnowledgeBase,
	describeOutcome,
	dmOutcome,
	type DmOutcome,
	type KnowledgeBase,
} from './knowledgeBase';
import type { GoldenResult, PreviewReport, SampleDm } from './rulePreview';

/**
 * What a connected chat model would do to the DMs the proposed rules and FAQ leave to humans,
 * before it answers a single customer: the same candidates and guards as the live Keyword
 * Reply, asked for every distinct undecided DM of the sample (recent DMs and the golden set).
 * A golden example the model would get wrong (it expects a human, or another entry) fails the
 * preview like one a rule change breaks.
 */
export interface ModelPreviewExample {
	text: string;
	count: number;
	outcome: ModelPick['outcome'];
	entry: string | null;
	confidence: number | null;
	reason: string | null;
	why: string;
}

export interface ModelPreview {
	/** Distinct undecided texts the model was asked about (those with entries close enough to ask). */
	asked: number;
	/** Undecided texts over the limit, not asked (the report says so rather than guessing). */
	notAsked: number;
	/** Recent DMs (counted with repeats) the model would answer, and those it would hand back, by reason. */
	wouldAnswer: number;
	handedBack: Record<string, number>;
	examples: ModelPreviewExample[];
	/** Golden examples the model gets wrong, and the rows that hold only thanks to it. */
	golden: { brokenByModel: GoldenResult[]; fixedByModel: number[] };
	tokens: { input: number; output: number };
}

export interface ModelPreviewOptions {
	faqThreshold: number;
	candidates: number;
	/** How many distinct undecided texts are asked at most. */
	maxDms: number;
	/** Calls in flight at once. @default 4 */
	concurrency?: number;
	maxExamples?: number;
}

export type AskPick = (text: string, candidates: PickCandidate[]) => Promise<ModelPick>;

interface Sample {
	text: string;
	/** Repeats among the recent DMs (0 for a text only the golden set has). */
	recent: number;
}

export async function previewModel(
	proposed: KnowledgeBase,
	recent: SampleDm[],
	golden: GoldenExample[],
	ask: AskPick,
	options: ModelPreviewOptions,
): Promise<ModelPreview> {
	const kb = compileKnowledgeBase(proposed, options.faqThreshold);
	const preview: ModelPreview = {
		asked: 0,
		notAsked: 0,
		wouldAnswer: 0,
		handedBack: {},
		examples: [],
		golden: { brokenByModel: [], fixedByModel: [] },
		tokens: { input: 0, output: 0 },
	};
	if (!kb.faq) return preview;
	const faq: FaqSearch = kb.faq;

	// The golden set first: what the team said must hold is asked before the limit cuts in.
	const samples = new Map<string, Sample>();
	for (const example of golden) samples.set(keyOf(example.text), { text: example.text, recent: 0 });
	for (const dm of recent) {
		const seen = samples.get(keyOf(dm.text)) ?? { text: dm.text, recent: 0 };
		seen.recent++;
		samples.set(keyOf(dm.text), seen);
	}
	const tail = [...samples.entries()].filter(([, s]) =>
		isUndecided(decide(s.text, kb.rules, faq, kb.faqThreshold)),
	);
	const asked = tail.slice(0, Math.max(0, options.maxDms));
	preview.notAsked = tail.length - asked.length;

	const picks = new Map<string, ModelPick>();
	let next = 0;
	const worker = async () => {
		while (next < asked.length) {
			const [key, sample] = asked[next++];
			picks.set(key, await ask(sample.text, tailCandidates(faq, sample.text, options.candidates)));
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
	preview.asked = [...picks.values()].filter((p) => p.handBack !== 'no candidates').length;

	for (const [key, sample] of asked) {
		const pick = picks.get(key) as ModelPick;
		preview.tokens.input += pick.inputTokens ?? 0;
		preview.tokens.output += pick.outputTokens ?? 0;
		if (sample.recent > 0) {
			if (pick.outcome === 'answered') preview.wouldAnswer += sample.recent;
			else {
				const why = pick.handBack ?? 'other';
				preview.handedBack[why] = (preview.handedBack[why] ?? 0) + sample.recent;
			}
		}
		preview.examples.push({
			text: sample.text,
			count: sample.recent,
			outcome: pick.outcome,
			entry: pick.entry,
			confidence: pick.confidence,
			reason: pick.reason,
			why: pick.why,
		});
	}
	preview.examples.sort(
		(a, b) =>
			Number(b.outcome === 'answered') - Number(a.outcome === 'answered') || b.count - a.count,
	);
	preview.examples = preview.examples.slice(0, options.maxExamples ?? 30);

	for (const example of golden) {
		const pick = picks.get(keyOf(example.text));
		if (!pick || pick.outcome !== 'answered') continue;
		const plain = dmOutcome(example.text, kb);
		const withModel: DmOutcome = { ...plain, route: 'matched', faq: pick.entry };
		const before = goldenFailures(example, plain);
		const problems = goldenFailures(example, withModel);
		if (problems.length && !before.length)
			preview.golden.brokenByModel.push({
				row: example.row,
				text: example.text,
				note: example.note,
				problems,
				got: `${describeOutcome(withModel)} (chosen by the chat model: ${pick.reason ?? ''})`,
				passedBefore: true,
			});
		else if (!problems.length && before.length) preview.golden.fixedByModel.push(example.row);
	}
	return preview;
}

/**
 * The preview's verdict with the model live: a golden example only the model answers right
 * holds, one it gets wrong breaks, exactly as the customer would see it.
 */
export function withModelPreview(report: PreviewReport, model: ModelPreview): PreviewReport {
	const fixed = new Set(model.golden.fixedByModel);
	const brokenByChange = report.golden.brokenByChange.filter((g) => !fixed.has(g.row));
	const alreadyFailing = report.golden.alreadyFailing.filter((g) => !fixed.has(g.row));
	const golden = {
		...report.golden,
		passed: report.golden.passed + fixed.size - model.golden.brokenByModel.length,
		brokenByChange,
		alreadyFailing,
	};
	const failing =
		report.errors.length || brokenByChange.length || model.golden.brokenByModel.length;
	return { ...report, golden, model, verdict: failing ? 'fail' : 'pass' };
}

function keyOf(text: string): string {
	return faqText(text) || text;
}
