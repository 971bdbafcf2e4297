/**
 * Lead extraction from Chinese customer DMs: mobile numbers, WeChat ids, e-mail addresses and
 * what customers say about themselves (where they are, gender, age).
 *
 * Precision comes before recall: a wrong phone number in a CRM costs a sales call and trust,
 * a missed one costs a follow-up question. Every rule below therefore wants positive evidence
 * (a shape AND a plausible context) and gives up when the text is ambiguous.
 *
 * Pure TypeScript; which numbers exist is libphonenumber's (bundled). All matching runs on a folded copy of the text in which
 * every character keeps its position (full-width → ASCII, a few traditional characters →
 * simplified, odd spaces → ' '), so the spans found can be used on the original text:
 * maskLeads relies on that.
 */

import { foldText } from './leadFolding';
import { phoneCandidates, type PhoneCandidate, type PhoneScope } from './leadPhones';
import { findWeChatIds, type WeChatHit } from './leadWeChatIds';
import { findAge, findGender, findRegion } from './selfDescription';

export interface Leads {
	/**
	 * Phone numbers: mainland mobiles as 11 digits ("13812345678"), every other number in E.164
	 * ("+85291234567", "+861062345678").
	 */
	phones: string[];
	/** WeChat ids as written (case kept); a phone given as the WeChat id is also in `phones`. */
	wechatIds: string[];
	/** E-mail addresses, lower-cased. */
	emails: string[];
	/** Province or city the customer says they are in, simplified, without 市/省. */
	region?: string;
	/** Only when the customer says it of themselves. */
	gender?: 'male' | 'female';
	/** Only an exact age the customer gives for themselves. */
	age?: number;
}

/** Where a phone or WeChat id sits in the original text (UTF-16 offsets, end exclusive). */
export interface LeadSpan {
	kind: 'phone' | 'wechat';
	start: number;
	end: number;
	/** The normalised value: the phone as in Leads.phones, the id for WeChat. */
	value: string;
}

// ---------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------

/** The usual shape; a local part is required, so "@someone" mentions never match. */
const EMAIL =
	/(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9])/gi;

function findEmails(t: string): string[] {
	return [...t.matchAll(new RegExp(EMAIL.source, 'gi'))].map((m) => m[0].toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

interface Matches {
	phones: PhoneCandidate[];
	wechat: WeChatHit[];
}

function match(t: string, scope: PhoneScope = 'all'): Matches {
	const phones = phoneCandidates(t, scope);
	return { phones, wechat: findWeChatIds(t, phones) };
}

export interface LeadOptions {
	/** Which phones are leads; CRM Sync 1–2 took mainland mobiles only. Default: all. */
	phones?: PhoneScope;
}

export function extractLeads(text: string, options: LeadOptions = {}): Leads {
	const t = foldText(text);
	const { phones, wechat } = match(t, options.phones);
	const leads: Leads = {
		phones: unique(phones.filter((p) => p.verdict === 'lead').map((p) => p.value)),
		wechatIds: unique(wechat.filter((w) => !w.otherParty).map((w) => w.value)),
		emails: unique(findEmails(t)),
	};
	const region = findRegion(t);
	if (region) leads.region = region;
	const gender = findGender(t);
	if (gender) leads.gender = gender;
	const age = findAge(t);
	if (age !== undefined) leads.age = age;
	return leads;
}

/**
 * Where phones and WeChat ids are written, in text order, without overlaps: what maskLeads
 * replaces. Masking errs towards hiding, so besides the leads extractLeads reports this
 * includes other people's phones and ids (a courier's number is personal data too), further
 * occurrences of a lead's digits where the rules alone would not take them ("订单138…" after
 * the same number was given as a phone), and an id repeated without its cue. It never
 * includes what is not a phone at all: order numbers, amounts, dates stay readable.
 */
export function findLeadSpans(text: string): LeadSpan[] {
	const t = foldText(text);
	const { phones, wechat } = match(t);
	const leadValues = new Set(phones.filter((p) => p.verdict === 'lead').map((p) => p.value));
	const spans: LeadSpan[] = phones
		.filter((p) => p.verdict !== 'not-a-phone' || leadValues.has(p.value))
		.map((p) => ({ kind: 'phone', start: p.numberStart, end: p.end, value: p.value }));
	const ids = unique(wechat.filter((w) => !w.isPhone).map((w) => w.value));
	for (const id of ids) {
		// Ids are made of [A-Za-z0-9_-] only: nothing to escape. Exact spelling, whole token.
		for (const m of t.matchAll(new RegExp(`(?<![A-Za-z0-9_-])${id}(?![A-Za-z0-9_-])`, 'g'))) {
			const start = m.index ?? 0;
			spans.push({ kind: 'wechat', start, end: start + id.length, value: id });
		}
	}
	return dropOverlaps(spans);
}

/** Sorted by start; where two spans overlap the earlier (then longer) one wins. */
function dropOverlaps(spans: LeadSpan[]): LeadSpan[] {
	const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
	const kept: LeadSpan[] = [];
	for (const s of sorted)
		if (kept.length === 0 || s.start >= kept[kept.length - 1].end) kept.push(s);
	return kept;
}
