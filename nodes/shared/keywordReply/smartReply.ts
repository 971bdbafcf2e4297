import type { StateStore } from '../state/StateStore';
import { decide, type FaqSearch, type Route } from './decide';
import type { FaqHit } from './faq/faqIndex';
import { localTime } from '../hours';
import { dayOf, isOpen, type BusinessHours } from './reply/businessHours';
import { pickVariant, renderReply } from './reply/renderReply';
import type { CompiledRuleSet } from './rules/compileRules';
import type { RuleEvaluation, RuleMatch } from './rules/evaluateRules';
import { isUndecided, tailCandidates } from './tailCandidates';
import {
	askModel,
	scrubbed,
	type ChatFn,
	type ModelPick,
	type ModelPickSettings,
	type PickCandidate,
} from '../modelPick';

/**
 * The whole smart-reply decision for one DM: keyword rules first, the knowledge base when no
 * rule answers, then the guards that keep auto-replies polite (never to our own messages,
 * a cooldown per customer and rule, a daily cap per conversation) and business hours.
 */
export type { FaqSearch, Route } from './decide';

export interface SmartReplySettings {
	matchMode: 'first' | 'all';
	faqThreshold: number;
	cooldownMinutes: number;
	dailyCapPerConversation: number;
	businessHours?: BusinessHours;
	/** Namespace of the guards' state (one per node), so two workflows do not share cooldowns. */
	scope: string;
}

export interface SmartReplyResult {
	route: Route;
	reply: string | null;
	/** 'ai': a chat model chose the knowledge-base entry whose answer this is. */
	source: 'rule' | 'faq' | 'ai' | null;
	reason: string;
	rule: string | null;
	priority: number | null;
	tags: string[];
	matchedRules: Array<Omit<RuleMatch, 'compiled'>>;
	faq: { id: string; score: number; question: string } | null;
	ignoredMentions: RuleEvaluation['ignored'];
	businessHours: 'open' | 'closed' | 'not set';
	/** When business hours are set and today is not a usual day: 国庆节 (holiday), a make-up workday. */
	businessDay?: { kind: 'holiday' | 'make-up workday'; reason?: string };
	suppressed: 'own message' | 'cooldown' | 'daily cap' | null;
	/** Only when a chat model is connected and the DM reached it: its choice and what we made of it. */
	ai?: ModelPick;
}

/** A connected chat model, asked only for the undecided tail (nodes/shared/modelPick). */
export interface ModelTail {
	chat: ChatFn;
	settings: ModelPickSettings;
}

/**
 * Where the model comes from, asked only when a DM reaches the tail: undefined means none is
 * connected, and the DM goes on exactly as without this feature.
 */
export type ModelTailSource = () => Promise<ModelTail | undefined>;

export interface DmFields {
	text: string;
	/** The platform's id of the DM: a DM run twice (crash recovery) is recognised by it. */
	messageId?: string;
	direction?: string;
	customerUserId?: string;
	conversationId?: string;
	[key: string]: unknown;
}

export async function smartReply(
	dm: DmFields,
	rules: CompiledRuleSet,
	faq: FaqSearch | undefined,
	settings: SmartReplySettings,
	store: StateStore,
	now = new Date(),
	tailSource?: ModelTailSource,
): Promise<SmartReplyResult> {
	const decision = decide(dm.text ?? '', rules, faq, settings.faqThreshold);
	const { evaluation } = decision;
	const open = settings.businessHours ? isOpen(now, settings.businessHours) : true;
	const base: SmartReplyResult = {
		route: 'noMatch',
		reply: null,
		source: null,
		reason: 'no rule and no knowledge-base entry matched',
		rule: null,
		priority: null,
		tags: evaluation.tags,
		matchedRules: evaluation.matches.map(({ compiled: _c, ...m }) => m),
		faq: null,
		ignoredMentions: evaluation.ignored,
		businessHours: settings.businessHours ? (open ? 'open' : 'closed') : 'not set',
		suppressed: null,
	};
	const day = settings.businessHours ? dayOf(now, settings.businessHours) : undefined;
	if (day && day.kind !== 'usual') base.businessDay = { kind: day.kind, reason: day.reason };
	if (dm.direction && dm.direction !== 'inbound') {
		return {
			...base,
			reason: 'sent by the business itself: never auto-answered (no reply loops)',
			suppressed: 'own message',
		};
	}
	const withReply = decision.answering;
	const urgent = decision.route === 'urgent';
	let chosen:
		| {
				key: string;
				reply: string;
				source: 'rule' | 'faq' | 'ai';
				reason: string;
				rule: RuleMatch | null;
				/** The entry that answers: what the item's `faq` shows. */
				faq?: Pick<FaqHit, 'id' | 'score' | 'matchedQuestion'>;
		  }
		| undefined;
	if (withReply.length) {
		const picked = settings.matchMode === 'all' ? withReply : withReply.slice(0, 1);
		const texts: string[] = [];
		for (const m of picked) texts.push(await replyOf(m, open, dm, settings, store));
		const top = picked[0];
		chosen = {
			key: `rule:${top.rule}`,
			reply: texts.join('\n'),
			source: 'rule',
			rule: top,
			reason: `rule "${top.rule}" (priority ${top.priority}) matched ${describeMatch(top)}`,
		};
	} else if (decision.faqHit) {
		const hit = decision.faqHit;
		chosen = {
			key: `faq:${hit.id}`,
			reply: renderReply(hit.answer, dm),
			source: 'faq',
			rule: null,
			faq: hit,
			reason: `knowledge base entry "${hit.id}" (score ${hit.score.toFixed(2)} ≥ ${settings.faqThreshold}) for "${hit.matchedQuestion}"`,
		};
	}
	let ai: ModelPick | undefined;
	// The undecided tail only: no rule matched at all (a tag-only or fast-lane rule is a decision
	// for a human) and no entry reached the threshold.
	if (!chosen && tailSource && faq && isUndecided(decision) && dm.text?.trim()) {
		const asked = await askTail(dm, faq, tailSource, store, now);
		ai = asked?.pick;
		const hit = asked?.answer;
		if (ai && hit)
			chosen = {
				key: `faq:${hit.id}`,
				reply: renderReply(hit.answer, dm),
				source: 'ai',
				rule: null,
				faq: { id: hit.id, score: hit.score, matchedQuestion: hit.question },
				reason: `${ai.why}: "${ai.reason ?? ''}"`,
			};
	}
	const result: SmartReplyResult = {
		...base,
		...(ai ? { ai } : {}),
		route: chosen?.source === 'ai' ? 'matched' : decision.route,
		reason: urgent
			? `fast lane: ${evaluation.matches
					.filter((m) => m.lane === 'urgent')
					.map((m) => `rule "${m.rule}"`)
					.join(', ')}${chosen ? `; ${chosen.reason}` : ''}`
			: (chosen?.reason ?? (ai ? `${base.reason}; ${ai.why}` : base.reason)),
		rule: decision.rule?.rule ?? null,
		priority: decision.rule?.priority ?? null,
		faq: chosen?.faq
			? { id: chosen.faq.id, score: chosen.faq.score, question: chosen.faq.matchedQuestion }
			: null,
	};
	if (!chosen) return result;
	const suppressed = await guard(
		dm,
		chosen.key,
		chosen.rule?.compiled.source.cooldownMinutes,
		settings,
		store,
		now,
	);
	if (suppressed) {
		return {
			...result,
			route: urgent ? 'urgent' : 'noMatch',
			suppressed,
			reason: `${chosen.reason}, but not answered automatically: ${suppressed}`,
		};
	}
	return { ...result, reply: chosen.reply, source: chosen.source };
}

/**
 * The model's pick for an undecided DM and, when it answers, the entry whose answer is sent; a
 * model that cannot even be set up is a hand-back too. Undefined: no model is connected.
 */
async function askTail(
	dm: DmFields,
	faq: FaqSearch,
	tailSource: ModelTailSource,
	store: StateStore,
	now: Date,
): Promise<{ pick: ModelPick; answer?: PickCandidate } | undefined> {
	let tail: ModelTail | undefined;
	try {
		tail = await tailSource();
	} catch (error) {
		const pick: ModelPick = {
			outcome: 'handedBack',
			handBack: 'model error',
			why: `the chat model could not be set up: ${scrubbed(error instanceof Error ? error.message : String(error))}`,
			entry: null,
			confidence: null,
			reason: null,
			candidates: [],
			ms: 0,
		};
		return { pick };
	}
	if (!tail) return undefined;
	const candidates = tailCandidates(faq, dm.text, tail.settings.candidates);
	const pick = await askModel(
		{ text: dm.text, messageId: messageIdOf(dm) || undefined },
		candidates,
		tail.chat,
		tail.settings,
		store,
		now,
	);
	return {
		pick,
		answer: pick.outcome === 'answered' ? candidates.find((c) => c.id === pick.entry) : undefined,
	};
}

async function replyOf(
	m: RuleMatch,
	open: boolean,
	dm: DmFields,
	settings: SmartReplySettings,
	store: StateStore,
): Promise<string> {
	const source = m.compiled.source;
	if (!open && source.outOfHoursReply?.trim()) return renderReply(source.outOfHoursReply, dm);
	const variants = source.replies ?? [];
	let turn = 0;
	if (variants.length > 1 && source.variantOrder !== 'random')
		turn = await turnFor(m.rule, dm, settings, store);
	return renderReply(
		variants[pickVariant(variants.length, source.variantOrder ?? 'rotate', turn)],
		dm,
	);
}

/**
 * The rule's next turn, kept per DM: a DM run again (crash recovery) gets the text it got the
 * first time, so the Send node's request id is the same and the platform does not send twice.
 */
async function turnFor(
	rule: string,
	dm: DmFields,
	settings: SmartReplySettings,
	store: StateStore,
): Promise<number> {
	const counter = `turn:${settings.scope}:${rule}`;
	const messageId = messageIdOf(dm);
	if (!messageId) return (await store.increment(counter, 1)).value - 1;
	const mine = `${counter}:dm:${messageId}`;
	const earlier = await store.get(mine);
	if (earlier && Number.isInteger(Number(earlier.value))) return Number(earlier.value);
	const turn = (await store.increment(counter, 1)).value - 1;
	await store.set(mine, String(turn), DM_MEMORY_MS);
	return turn;
}

/** As long as the trigger keeps a DM for crash recovery (nodes/shared/intake). */
const DM_MEMORY_MS = 6 * 3_600_000;

function messageIdOf(dm: DmFields): string {
	return typeof dm.messageId === 'string' ? dm.messageId : '';
}

async function guard(
	dm: DmFields,
	key: string,
	ruleCooldown: number | undefined,
	settings: SmartReplySettings,
	store: StateStore,
	now: Date,
): Promise<SmartReplyResult['suppressed']> {
	const customer = dm.customerUserId || dm.conversationId || 'unknown';
	const conversation = dm.conversationId || customer;
	const day = localTime(now, settings.businessHours?.timeZone ?? 'Asia/Shanghai').date;
	const capKey = `cap:${settings.scope}:${conversation}:${day}`;
	const capped = settings.dailyCapPerConversation > 0;
	const minutes = ruleCooldown ?? settings.cooldownMinutes;
	const cooldownKey = `cooldown:${settings.scope}:${customer}:${key}`;
	// The cooldown holds the DM that answered: the same DM run again (crash recovery) is that
	// answer, not a second one, and was counted against the cap already.
	const messageId = messageIdOf(dm);
	const holder = messageId ? `dm:${messageId}` : String(now.getTime());
	if (minutes > 0 && !(await store.claim(cooldownKey, holder, minutes * 60_000))) {
		return messageId && (await store.get(cooldownKey))?.value === holder ? null : 'cooldown';
	}
	if (capped) {
		const counted = await store.increment(capKey, 1, {
			max: settings.dailyCapPerConversation,
			ttlMs: 2 * 86_400_000,
		});
		if (!counted.applied) {
			// Not answered after all: the cooldown was not used.
			if (minutes > 0) await store.delete(cooldownKey);
			return 'daily cap';
		}
	}
	return null;
}

function describeMatch(m: RuleMatch): string {
	const parts: string[] = [];
	if (m.keywords.length)
		parts.push(
			m.keywords
				.map((k) =>
					k.synonym
						? `"${k.text}" (means ${k.keyword})`
						: k.sound
							? `"${k.text}" (sounds like ${k.keyword})`
							: `"${k.text}"`,
				)
				.join(', '),
		);
	if (m.compiled.requiresTags.length) parts.push(`tags ${m.compiled.requiresTags.join(' + ')}`);
	if (m.regex) parts.push(`regex /${m.regex}/`);
	return parts.join('; ');
}
