import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';

/**
 * A fixed day of DMs (Monday 2026-11-23, Asia/Shanghai), small enough to compute every figure
 * by hand. Local time L(day, hh, mm, ss) with day 23 or 24; Shanghai is UTC+8 all year.
 */
export const L = (day: number, hh: number, mm: number, ss = 0) =>
	Date.UTC(2026, 10, day, hh - 8, mm, ss);

const ev = (
	at: number,
	conversationId: string,
	type: ServiceEvent['type'],
	extra: Partial<ServiceEvent> = {},
): ServiceEvent => ({ type, at, conversationId, ...extra });

export const FIXED_LOG: ServiceEvent[] = [
	// A: a price question answered automatically in 2 s.
	ev(L(23, 10, 0, 0), 'acc:A', 'message_in', { messageId: 'm1', ackMs: 30, delayMs: 400 }),
	ev(L(23, 10, 0, 0), 'acc:A', 'classified', { messageId: 'm1', route: 'matched', tags: ['价格'] }),
	ev(L(23, 10, 0, 2), 'acc:A', 'reply_sent', { messageId: 'm1', by: 'auto' }),
	// B: after-sales, to 小王, replied after 4 min, closed after 25 min, CSAT 5.
	ev(L(23, 10, 5, 0), 'acc:B', 'message_in', { messageId: 'm2', ackMs: 50, delayMs: 600 }),
	ev(L(23, 10, 5, 0), 'acc:B', 'classified', { messageId: 'm2', route: 'noMatch', tags: ['售后'] }),
	ev(L(23, 10, 5, 1), 'acc:B', 'assigned', { agentId: 'a1', agentName: '小王' }),
	ev(L(23, 10, 9, 0), 'acc:B', 'agent_reply', { agentId: 'a1' }),
	ev(L(23, 10, 30, 0), 'acc:B', 'closed', { agentId: 'a1' }),
	ev(L(23, 10, 30, 5), 'acc:B', 'survey_sent', { agentId: 'a1' }),
	ev(L(23, 10, 32, 0), 'acc:B', 'csat', { score: 5, agentId: 'a1' }),
	// C: a complaint at 20:00, after hours: queued overnight, 小李 at 09:00, reply 09:10, closed 09:40, CSAT 2.
	ev(L(23, 20, 0, 0), 'acc:C', 'message_in', { messageId: 'm3', ackMs: 4000, delayMs: 900 }),
	ev(L(23, 20, 0, 0), 'acc:C', 'classified', { messageId: 'm3', route: 'urgent', tags: ['投诉'] }),
	ev(L(23, 20, 0, 1), 'acc:C', 'queued', { lane: 'complaint', position: 1 }),
	ev(L(24, 9, 0, 0), 'acc:C', 'assigned', { agentId: 'a2', agentName: '小李', lane: 'complaint' }),
	ev(L(24, 9, 10, 0), 'acc:C', 'agent_reply', { agentId: 'a2' }),
	ev(L(24, 9, 40, 0), 'acc:C', 'closed', { agentId: 'a2' }),
	ev(L(24, 9, 40, 10), 'acc:C', 'survey_sent', { agentId: 'a2' }),
	ev(L(24, 9, 41, 0), 'acc:C', 'csat', { score: 2, agentId: 'a2' }),
	// D: price answered automatically, then a follow-up for a human that nobody has answered.
	ev(L(23, 11, 0, 0), 'acc:D', 'message_in', { messageId: 'm4' }),
	ev(L(23, 11, 0, 0), 'acc:D', 'classified', { messageId: 'm4', route: 'matched', tags: ['价格'] }),
	ev(L(23, 11, 0, 1), 'acc:D', 'reply_sent', { messageId: 'm4', by: 'auto' }),
	ev(L(23, 11, 2, 0), 'acc:D', 'message_in', { messageId: 'm5' }),
	ev(L(23, 11, 2, 0), 'acc:D', 'classified', { messageId: 'm5', route: 'noMatch', tags: ['价格'] }),
	ev(L(23, 11, 2, 1), 'acc:D', 'assigned', { agentId: 'a1', agentName: '小王' }),
	// E: an auto-reply whose send failed: not answered, not resolved.
	ev(L(23, 12, 0, 0), 'acc:E', 'message_in', { messageId: 'm6' }),
	ev(L(23, 12, 0, 0), 'acc:E', 'classified', { messageId: 'm6', route: 'matched', tags: ['发货'] }),
	ev(L(23, 12, 0, 1), 'acc:E', 'send_failed', {
		messageId: 'm6',
		by: 'auto',
		code: 40001,
		error: 'token invalid',
	}),
	// G: another channel with no send step recorded: the decision (1 s later) counts as the answer.
	ev(L(23, 14, 0, 0), 'acc:G', 'message_in', { messageId: 'm7', channel: 'wecom' }),
	ev(L(23, 14, 0, 1), 'acc:G', 'classified', {
		messageId: 'm7',
		route: 'matched',
		tags: ['价格'],
		channel: 'wecom',
	}),
	// F: the day before: outside the range.
	ev(L(22, 23, 0, 0), 'acc:F', 'message_in', { messageId: 'm0' }),
];
