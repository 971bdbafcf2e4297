/**
 * Masks contact details in free text (CRM notes, logs, exports) so that a record can be shown
 * without handing out the customer's number. It finds them with extractLeads's own matcher
 * (findLeadSpans), so whatever is extracted as a lead is also what gets masked.
 */
import { findLeadSpans, type LeadSpan } from './leads';

/**
 * "13812345678" → "138****5678"; an E.164 number keeps its country code: "+85291234567" →
 * "+852****4567", "+861062345678" → "+86****5678". Whatever spacing or width it was written with.
 */
export function maskPhone(value: string): string {
	const international = /^\+(?:852|853|886|86|65|60|\d)/.exec(value);
	const head = international ? international[0] : value.slice(0, 3);
	return `${head}****${value.slice(-4)}`;
}

/**
 * "xiaoyu_2024" → "xi****24". Always four stars, so the mask does not give the length away;
 * ids of four characters or fewer would be readable from first two + last two, so all stars.
 */
export function maskWeChatId(id: string): string {
	return id.length <= 4 ? '****' : `${id.slice(0, 2)}****${id.slice(-2)}`;
}

function maskSpan(span: LeadSpan): string {
	return span.kind === 'phone' ? maskPhone(span.value) : maskWeChatId(span.value);
}

/** The text with every phone and WeChat id masked; everything else is left as it was. */
export function maskLeads(text: string): string {
	let out = '';
	let at = 0;
	for (const span of findLeadSpans(text)) {
		out += text.slice(at, span.start) + maskSpan(span);
		at = span.end;
	}
	return out + text.slice(at);
}
