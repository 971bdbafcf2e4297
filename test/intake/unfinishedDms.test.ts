import { readIntake, recordIntake } from '../../nodes/shared/intake/intakeLog';
import { unfinishedDms, unsyncedDms } from '../../nodes/shared/intake/unfinishedDms';
import { deskServiceEvents } from '../../nodes/shared/serviceMetrics/recorders';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 24, 6, 0, 0);
const entry = (messageId: string, minutesAgo: number) => ({
	at: NOW - minutesAgo * MIN,
	messageId,
	item: { messageId, text: `dm ${messageId}` },
});
const event = (
	type: ServiceEvent['type'],
	messageId: string,
	extra: Partial<ServiceEvent> = {},
): ServiceEvent => ({ type, at: NOW - MIN, conversationId: 'biz:c', messageId, ...extra });
const options = { nowMs: NOW, graceMs: 3 * MIN, maxAgeMs: 60 * MIN };

describe('unfinished DMs (crash recovery)', () => {
	it('finds the DMs with no outcome between the grace period and the look-back, oldest first', () => {
		const intake = [
			entry('m_young', 1),
			entry('m_replied', 10),
			entry('m_lost2', 5),
			entry('m_lost1', 20),
			entry('m_old', 90),
			entry('m_assigned', 8),
			entry('m_queued', 8),
		];
		const events = [
			event('reply_sent', 'm_replied'),
			event('assigned', 'm_assigned'),
			event('queued', 'm_queued'),
			event('classified', 'm_lost2', { route: 'matched' }),
		];
		expect(unfinishedDms(intake, events, options).map((e) => e.messageId)).toEqual([
			'm_lost1',
			'm_lost2',
		]);
	});

	it('counts a follow-up, a survey answer, a failed send and a held-back auto-reply as finished', () => {
		const intake = ['a', 'b', 'c', 'd', 'e'].map((id) => entry(id, 10));
		const events = [
			event('followup', 'a'),
			event('csat', 'b', { score: 5 }),
			event('send_failed', 'c'),
			event('classified', 'd', { suppressed: 'cooldown' }),
		];
		expect(unfinishedDms(intake, events, options).map((e) => e.messageId)).toEqual(['e']);
	});

	it('"the customer got a message": an assignment or queue place without its message is not the end', () => {
		const intake = ['told', 'assigned', 'queued', 'follow', 'held'].map((id) => entry(id, 10));
		const events = [
			event('assigned', 'told'),
			event('reply_sent', 'told'),
			event('assigned', 'assigned'),
			event('queued', 'queued'),
			event('followup', 'follow'),
			event('classified', 'held', { suppressed: 'cooldown' }),
		];
		expect(
			unfinishedDms(intake, events, { ...options, finishedWhen: 'customerTold' }).map(
				(e) => e.messageId,
			),
		).toEqual(['assigned', 'queued', 'held']);
		expect(unfinishedDms(intake, events, options).map((e) => e.messageId)).toEqual([]);
	});

	it('reply first: an answered DM the Keyword Reply saw but CRM Sync never recorded needs its CRM part only', () => {
		const ids = ['synced', 'cut', 'cutAssigned', 'untold', 'survey', 'young', 'old'];
		const intake = ids.map((id) => entry(id, id === 'young' ? 1 : id === 'old' ? 90 : 10));
		const told = (id: string) => [
			event('classified', id, { route: 'matched' }),
			event('reply_sent', id),
		];
		const events = [
			...told('synced'),
			event('crm_synced', 'synced'),
			...told('cut'),
			event('classified', 'cutAssigned', { route: 'noMatch' }),
			event('assigned', 'cutAssigned'),
			event('reply_sent', 'cutAssigned'),
			// Not told: the whole flow runs again (unfinishedDms), CRM Sync with it.
			event('classified', 'untold', { route: 'noMatch' }),
			// A survey answer never goes through the Keyword Reply, nor to the CRM.
			event('csat', 'survey', { score: 4 }),
			...told('young'),
			...told('old'),
		];
		const window = { ...options, finishedWhen: 'customerTold' as const };
		expect(unsyncedDms(intake, events, window).map((e) => e.messageId)).toEqual([
			'cut',
			'cutAssigned',
		]);
		expect(unfinishedDms(intake, events, window).map((e) => e.messageId)).toEqual(['untold']);
	});

	it('lists a DM once even when the trigger logged it twice', () => {
		expect(unfinishedDms([entry('x', 10), entry('x', 9)], [], options)).toHaveLength(1);
	});

	it('keeps the whole item in the intake log (the metrics log masks contacts)', async () => {
		const store = new MemoryStateStore({ now: () => NOW });
		const item = {
			messageId: 'm_1',
			text: '我的电话 13800138000',
			nickname: '小红',
			conversationId: 'biz:c1',
		};
		await recordIntake(store, 'wf1', item, NOW);
		await recordIntake(store, 'wf1', { text: 'no id' }, NOW);
		await recordIntake(store, 'wf2', { messageId: 'm_2' }, NOW);
		const read = await readIntake(store, 'wf1', NOW - MIN, NOW + MIN);
		expect(read).toEqual([{ at: NOW, messageId: 'm_1', item }]);
	});
});

describe('desk events name their DM', () => {
	const dm = { messageId: 'm_follow', conversationId: 'biz:c1', customerUserId: 'c1' };
	it("a follow-up in an open conversation is recorded with the follow-up's own message id", () => {
		const events = deskServiceEvents(
			[
				{
					type: 'already',
					conversationId: 'biz:c1',
					reason: 'already',
					agent: { id: 'xiaowang', name: '小王' },
					context: { customerUserId: 'c1', messageId: 'm_first' },
				} as never,
			],
			NOW,
			dm,
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'followup', messageId: 'm_follow', agentId: 'xiaowang' }),
		]);
	});

	it('a DM run again after a crash records nothing twice', () => {
		const events = deskServiceEvents(
			[
				{
					type: 'assigned',
					repeat: true,
					conversationId: 'biz:c1',
					reason: 'again',
					agent: { id: 'xiaowang', name: '小王' },
					context: { customerUserId: 'c1', messageId: 'm_follow' },
				} as never,
			],
			NOW,
			dm,
		);
		expect(events).toEqual([]);
	});

	it('a conversation served from the queue on a close is recorded with the queued DM', () => {
		const events = deskServiceEvents(
			[
				{
					type: 'backfilled',
					conversationId: 'biz:c2',
					reason: 'slot freed',
					agent: { id: 'xiaoli', name: '小李' },
					context: { customerUserId: 'c2', messageId: 'm_waiting' },
				} as never,
			],
			NOW,
			{ conversationId: 'biz:c1' },
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'assigned',
				messageId: 'm_waiting',
				conversationId: 'biz:c2',
			}),
		]);
	});
});
