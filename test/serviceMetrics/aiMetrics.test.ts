import { classifiedEvent } from '../../nodes/shared/serviceMetrics/recorders';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';
import { computeMetrics } from '../../nodes/shared/serviceMetrics/serviceMetrics';
import { reportHtml } from '../../nodes/shared/serviceMetrics/reportHtml';
import { L } from './eventLogFixture';

/** The chat model's figures, computed by hand from the events below. */
const options = {
	sinceMs: L(23, 0, 0),
	untilMs: L(24, 0, 0),
	nowMs: L(24, 10, 0),
	timeZone: 'Asia/Shanghai',
};

const item = (id: string) => ({
	conversationId: `acc:${id}`,
	customerUserId: id,
	messageId: `m-${id}`,
	direction: 'inbound',
});
const decision = (
	reply: string | null,
	ai?: { outcome: 'answered' | 'handedBack'; handBack?: string },
) => ({
	route: reply ? 'matched' : 'noMatch',
	reply,
	tags: [],
	rule: null,
	faq: reply ? { id: '孕妇能用吗' } : null,
	suppressed: null,
	ai,
});

function session(
	id: string,
	minute: number,
	reply: string | null,
	ai?: Parameters<typeof decision>[1],
	csat?: number,
): ServiceEvent[] {
	const at = L(23, 10, minute);
	const events: ServiceEvent[] = [
		{ type: 'message_in', at, conversationId: `acc:${id}`, messageId: `m-${id}` },
		classifiedEvent(item(id), decision(reply, ai), at + 100) as ServiceEvent,
	];
	if (reply)
		events.push({
			type: 'reply_sent',
			at: at + 500,
			conversationId: `acc:${id}`,
			messageId: `m-${id}`,
			by: 'auto',
		});
	if (csat !== undefined)
		events.push(
			{ type: 'closed', at: at + 30_000, conversationId: `acc:${id}` },
			{ type: 'survey_sent', at: at + 30_001, conversationId: `acc:${id}` },
			{ type: 'csat', at: at + 40_000, conversationId: `acc:${id}`, score: csat },
		);
	return events;
}

describe('service metrics: what the chat model did', () => {
	const events = [
		...session('a', 0, '成分温和', { outcome: 'answered' }, 5),
		...session('b', 1, '成分温和', { outcome: 'answered' }, 3),
		...session('c', 2, '成分温和', { outcome: 'answered' }),
		...session('d', 3, null, { outcome: 'handedBack', handBack: 'prose' }, 2),
		...session('e', 4, null, { outcome: 'handedBack', handBack: 'timeout' }),
		...session('f', 5, null, { outcome: 'handedBack', handBack: 'timeout' }),
		// Not asked: a rule or the FAQ decided, or no model is connected.
		...session('g', 6, '面霜 199 元', undefined, 4),
		...session('h', 7, null),
	];
	const m = computeMetrics(events, options);

	it('counts AI-answered DMs, hand-backs by reason, and the CSAT of the sessions it answered', () => {
		expect(m.ai).toEqual({
			asked: 6,
			answered: 3,
			handedBack: 3,
			handBackReasons: { prose: 1, timeout: 2 },
			sessionsAnswered: 3,
			csatResponses: 2,
			csatAverage: 4,
		});
		expect(m.summary).toContain('answered 3 of 6 asked, handed back 3, CSAT 4 (2)');
		const html = reportHtml(m, 'report', '');
		expect(html).toContain('answered 3 of 6, handed back 3, CSAT 4 (2)');
		expect(html).toContain('模型转人工原因');
	});

	it('a pick the cooldown held back counts as handed back, not as answered', () => {
		const held = classifiedEvent(
			item('z'),
			{ ...decision(null, { outcome: 'answered' }), suppressed: 'cooldown' },
			L(23, 11, 0),
		);
		expect(held).toMatchObject({ ai: 'handedBack', aiWhy: 'cooldown' });
	});

	it('without a model the report has no AI line', () => {
		const none = computeMetrics(session('x', 0, null), options);
		expect(none.ai.asked).toBe(0);
		expect(none.summary).not.toContain('AI');
		expect(reportHtml(none, 'report', '')).not.toContain('Chat model');
	});
});
