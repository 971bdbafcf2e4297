/**
 * Single use of agent links on the state store: a check changes nothing, a consume claims the
 * nonce (kept at least as long as the link lives), a replay is 'used', and of 20 concurrent
 * consumes exactly one wins, on the memory and the embedded (SQLite) store.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	checkActionLink,
	consumeActionLink,
	createActionLinkToken,
	restoreActionLink,
	usedLinkKey,
	type LinkSubject,
} from '../../nodes/shared/agentLinks';
import { EmbeddedStateStore } from '../../nodes/shared/state/EmbeddedStateStore';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import type { StateStore } from '../../nodes/shared/state/StateStore';
import { tempDir } from '../state/helpers';

const SECRET = 'test-link-signing-secret-0123456789';
const CLOSE: LinkSubject = {
	action: 'close',
	agentId: 'wang',
	conversationId: 'biz_001:cust_a1',
	desk: 'default',
};

const dir = tempDir('agent-links');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const backends: Array<[string, () => StateStore]> = [
	['memory', () => new MemoryStateStore()],
	['embedded', () => EmbeddedStateStore.open(path.join(dir, 'state.sqlite'))],
];

describe.each(backends)('agent links on the %s store', (_, open) => {
	let store: StateStore;
	beforeAll(() => {
		store = open();
	});
	afterAll(async () => {
		await store.close();
	});

	it('check changes nothing; consume uses the link up; a replay is "used"', async () => {
		const { token, claims } = createActionLinkToken(CLOSE, { secret: SECRET });
		for (let i = 0; i < 3; i++)
			expect(await checkActionLink(store, token, { secret: SECRET })).toEqual({
				ok: true,
				claims,
			});
		expect(await store.get(usedLinkKey(claims.nonce))).toBeUndefined();
		expect(await consumeActionLink(store, token, { secret: SECRET })).toEqual({ ok: true, claims });
		expect(await consumeActionLink(store, token, { secret: SECRET })).toEqual({
			ok: false,
			reason: 'used',
		});
		expect(await checkActionLink(store, token, { secret: SECRET })).toEqual({
			ok: false,
			reason: 'used',
		});
	});

	it('the used mark lives at least as long as the link', async () => {
		const now = Date.now();
		const { token, claims } = createActionLinkToken(CLOSE, {
			secret: SECRET,
			now,
			lifetimeMs: 3_600_000,
		});
		expect((await consumeActionLink(store, token, { secret: SECRET, now })).ok).toBe(true);
		const entry = await store.get(usedLinkKey(claims.nonce));
		expect(entry?.expiresAt).toBeGreaterThanOrEqual(claims.expiresAt);
		expect(JSON.parse(entry!.value)).toEqual({ action: 'close', agentId: 'wang', usedAt: now });
	});

	it('a refused link is not used up (a verify failure touches nothing)', async () => {
		const { token, claims } = createActionLinkToken(CLOSE, { secret: SECRET });
		expect(
			await consumeActionLink(store, token, { secret: SECRET, expect: { agentId: 'li' } }),
		).toEqual({ ok: false, reason: 'not-yours' });
		expect(await store.get(usedLinkKey(claims.nonce))).toBeUndefined();
		expect((await consumeActionLink(store, token, { secret: SECRET })).ok).toBe(true);
	});

	it('restore gives the link back when the action could not be done', async () => {
		const { token, claims } = createActionLinkToken(CLOSE, { secret: SECRET });
		expect((await consumeActionLink(store, token, { secret: SECRET })).ok).toBe(true);
		await restoreActionLink(store, claims);
		expect((await consumeActionLink(store, token, { secret: SECRET })).ok).toBe(true);
	});

	it('20 concurrent consumes of one link: exactly one ok, 19 "used"', async () => {
		for (let round = 0; round < 5; round++) {
			const { token } = createActionLinkToken(CLOSE, { secret: SECRET });
			const verdicts = await Promise.all(
				Array.from(
					{ length: 20 },
					async () => await consumeActionLink(store, token, { secret: SECRET }),
				),
			);
			expect(verdicts.filter((v) => v.ok)).toHaveLength(1);
			expect(verdicts.filter((v) => !v.ok && v.reason === 'used')).toHaveLength(19);
		}
	});

	it('two links of the same subject are independent (their own nonces)', async () => {
		const first = createActionLinkToken(CLOSE, { secret: SECRET });
		const second = createActionLinkToken(CLOSE, { secret: SECRET });
		expect((await consumeActionLink(store, first.token, { secret: SECRET })).ok).toBe(true);
		expect((await consumeActionLink(store, second.token, { secret: SECRET })).ok).toBe(true);
	});
});
