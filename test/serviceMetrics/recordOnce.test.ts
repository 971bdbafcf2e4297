import { claimFirst, releaseClaims } from '../../nodes/shared/serviceMetrics/recordOnce';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';
import { MemoryStateStore } from '../../nodes/shared/state';

/** Record Event's "Once per Message ID": the claims in the state store, apart from n8n. */
const dm = (messageId: string | undefined, extra: Partial<ServiceEvent> = {}): ServiceEvent => ({
	type: 'message_in',
	at: Date.parse('2026-11-20T02:00:00.000Z'),
	conversationId: 'webchat:v1',
	channel: 'webchat',
	messageId,
	...extra,
});

describe('claimFirst / releaseClaims', () => {
	it('claims a message id once per channel and event type; an event without one is always first', async () => {
		const store = new MemoryStateStore();
		expect(await claimFirst(store, [dm('m1'), dm(undefined)])).toEqual([true, true]);
		expect(
			await claimFirst(store, [
				dm('m1'),
				dm(undefined),
				dm('m1', { channel: 'wecom' }),
				dm('m1', { type: 'closed' }),
			]),
		).toEqual([false, true, true, true]);
	});

	it('claims a message id repeated within one batch once', async () => {
		expect(await claimFirst(new MemoryStateStore(), [dm('m2'), dm('m2')])).toEqual([true, false]);
	});

	it('gives a claim back, so a retry after a failed write is not taken for a repeat', async () => {
		const store = new MemoryStateStore();
		await claimFirst(store, [dm('m3')]);
		await releaseClaims(store, [dm('m3'), dm(undefined)]);
		expect(await claimFirst(store, [dm('m3')])).toEqual([true]);
	});

	it('of concurrent claims of one message id, exactly one wins', async () => {
		const store = new MemoryStateStore();
		const wins = await Promise.all(
			Array.from({ length: 5 }, async () => (await claimFirst(store, [dm('race')]))[0]),
		);
		expect(wins.filter(Boolean)).toHaveLength(1);
	});
});
