/**
 * Which DMs the gap report looks at, and how it shows them: customers' own words, without the
 * phone numbers and WeChat ids they typed (the page, the chat summary and the draft FAQ rows
 * all start from this selection).
 */
import { selectGapDms } from '../../nodes/shared/knowledgeBase';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';

const at = Date.UTC(2026, 11, 7, 2);
const dm = (messageId: string, text: string): ServiceEvent =>
	({ type: 'message_in', at, conversationId: `b:${messageId}`, messageId, text }) as ServiceEvent;

describe('selectGapDms', () => {
	it('keeps the unanswered DMs, masked, and counts the answered ones', () => {
		const events: ServiceEvent[] = [
			dm('m1', '能开发票吗？发到邮箱，电话13812345678'),
			dm('m2', '加我微信 rain_2026 发票寄给我\u202E'),
			dm('m3', '多少钱'),
			{
				type: 'classified',
				at,
				conversationId: 'b:m3',
				messageId: 'm3',
				route: 'matched',
			} as ServiceEvent,
			dm('m1', '能开发票吗？发到邮箱，电话13812345678'),
		];
		const selection = selectGapDms(events, at - 1, at + 1);
		expect(selection.total).toBe(3);
		expect(selection.answered).toBe(1);
		expect(selection.dms.map((d) => d.text)).toEqual([
			'能开发票吗？发到邮箱，电话138****5678',
			'加我微信 ra****26 发票寄给我',
		]);
		expect(JSON.stringify(selection)).not.toMatch(/13812345678|rain_2026/);
	});
});
