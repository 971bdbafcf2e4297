import { localTime } from '../hours';
import type { StateStore } from '../state/StateStore';
import { checkPick } from './checkPick';
import { classifyModelError, ModelTimeout } from './modelErrors';
import { pickMessages } from './pickPrompt';
import { readPick } from './readPick';
import type { ChatAnswer, ChatFn, ModelPick, ModelPickSettings, PickCandidate } from './types';

/**
 * One DM's question to the model, with everything that keeps it safe and affordable: no call
 * without candidates, a daily cap on calls, a timeout, every failure a hand-back with a reason.
 * A DM run again (crash recovery) gets the decision it got the first time, without a second
 * call, so its reply text (and the send's request id) stay the same.
 */
const DM_MEMORY_MS = 6 * 3_600_000;

export async function askModel(
	dm: { text: string; messageId?: string },
	candidates: readonly PickCandidate[],
	chat: ChatFn,
	settings: ModelPickSettings,
	store: StateStore,
	now = new Date(),
): Promise<ModelPick> {
	const shown = candidates.map((c) => c.id);
	const handBack = (
		handBack: ModelPick['handBack'],
		why: string,
		extra: Partial<ModelPick> = {},
	): ModelPick => ({
		outcome: 'handedBack',
		entry: null,
		confidence: null,
		reason: null,
		why,
		handBack,
		candidates: shown,
		ms: 0,
		...extra,
	});
	if (!candidates.length)
		return handBack('no candidates', 'no knowledge-base entry is close enough to ask the model');

	const memoryKey = dm.messageId ? `modelPick:${settings.scope}:dm:${dm.messageId}` : undefined;
	if (memoryKey) {
		const earlier = await store.get(memoryKey);
		if (earlier) return { ...(JSON.parse(earlier.value) as ModelPick), remembered: true };
	}
	if (settings.dailyCap > 0) {
		const day = localTime(now, settings.timeZone).date;
		const counted = await store.increment(`modelPick:${settings.scope}:calls:${day}`, 1, {
			max: settings.dailyCap,
			ttlMs: 2 * 86_400_000,
		});
		if (!counted.applied)
			return handBack(
				'daily cap',
				`today's ${settings.dailyCap} model calls are used up (option "Chat Model: Daily Call Cap")`,
			);
	}

	const started = Date.now();
	let answer: ChatAnswer;
	try {
		answer = await withTimeout(chat, pickMessages(dm.text, candidates), settings.timeoutMs);
	} catch (error) {
		const { handBack: reason, why } = classifyModelError(error);
		// Not remembered: a rerun after a timeout or a 429 may ask again.
		return handBack(reason, why, { ms: Date.now() - started });
	}
	const decided = decideFrom(
		answer,
		candidates,
		settings.minConfidence,
		shown,
		Date.now() - started,
	);
	if (memoryKey) await store.set(memoryKey, JSON.stringify(decided), DM_MEMORY_MS);
	return decided;
}

function decideFrom(
	answer: ChatAnswer,
	candidates: readonly PickCandidate[],
	minConfidence: number,
	shown: string[],
	ms: number,
): ModelPick {
	const usage = { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
	const pick = readPick(answer.text);
	if (!pick)
		return {
			outcome: 'handedBack',
			entry: null,
			confidence: null,
			reason: null,
			why: 'the model answered in prose, not with the JSON choice it was asked for',
			handBack: 'prose',
			candidates: shown,
			ms,
			...usage,
		};
	const verdict = checkPick(pick, candidates, minConfidence);
	const stated = {
		entry: pick.entry,
		confidence: pick.confidence,
		reason: pick.reason,
		candidates: shown,
		ms,
		...usage,
	};
	if (!verdict.ok)
		return { outcome: 'handedBack', ...stated, why: verdict.why, handBack: verdict.handBack };
	return {
		outcome: 'answered',
		...stated,
		// The entry's own id, however the model spelled it back.
		entry: verdict.candidate.id,
		why: `the chat model chose entry "${verdict.candidate.id}" (confidence ${(pick.confidence ?? 0).toFixed(2)})`,
	};
}

/** The call, abandoned at the deadline even if the model ignores the abort signal. */
async function withTimeout(
	chat: ChatFn,
	messages: ReturnType<typeof pickMessages>,
	timeoutMs: number,
): Promise<ChatAnswer> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			controller.abort();
			reject(new ModelTimeout(timeoutMs));
		}, timeoutMs);
	});
	try {
		return await Promise.race([chat(messages, { signal: controller.signal }), deadline]);
	} finally {
		clearTimeout(timer);
	}
}
