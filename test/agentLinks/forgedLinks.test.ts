/**
 * Property: 10,000 links that must not work — random strings, altered characters, spliced
 * halves, other secrets, rewritten payloads, truncations, expired, replayed, another agent's,
 * another desk's, another action's — are all refused by consume, and nothing is done twice.
 * Seeded, so a failure reproduces; prints the count and the time.
 */
import {
	consumeActionLink,
	createActionLinkToken,
	type LinkExpectations,
	type LinkSubject,
	type RefusalReason,
} from '../../nodes/shared/agentLinks';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import { mulberry32 } from '../support/seededRandom';

const SECRET = 'property-test-link-secret-abcdef';
const TOTAL = 10_000;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const NOISE = `${B64URL}.=+/ %<>"'&\n中文`;

describe('forged, altered, expired, replayed and foreign links', () => {
	it(`all ${TOTAL.toLocaleString('en')} are refused`, async () => {
		const random = mulberry32(20250101);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		const int = (n: number) => Math.floor(random() * n);
		const store = new MemoryStateStore();
		const now = Date.now();

		const subject = (): LinkSubject =>
			random() < 0.5
				? {
						action: 'close',
						agentId: pick(['wang', 'li', 'zhang', '小王']),
						conversationId: `biz_${int(100)}:cust_${int(1000)}`,
						desk: pick(['default', 'vip']),
					}
				: {
						action: 'status',
						agentId: pick(['wang', 'li', 'zhang', '小王']),
						status: pick(['online', 'away', 'busy', 'offline']),
						desk: pick(['default', 'vip']),
					};
		const fresh = () => createActionLinkToken(subject(), { secret: SECRET, now });
		const alter = (text: string, from: number, to: number) => {
			const at = from + int(to - from);
			const c = text[at];
			let next = c;
			while (next === c) next = pick([...B64URL]);
			return text.slice(0, at) + next + text.slice(at + 1);
		};

		type Case = { token: unknown; expect?: LinkExpectations; at?: number; kind: string };
		const kinds: Array<() => Promise<Case> | Case> = [
			() => ({
				kind: 'random string',
				token: Array.from({ length: int(160) }, () => pick([...NOISE])).join(''),
			}),
			() => {
				const { token } = fresh();
				return { kind: 'payload character altered', token: alter(token, 0, token.indexOf('.')) };
			},
			() => {
				const { token } = fresh();
				return {
					kind: 'mac character altered',
					token: alter(token, token.indexOf('.') + 1, token.length),
				};
			},
			() => {
				const [payload] = fresh().token.split('.');
				const [, mac] = fresh().token.split('.');
				return { kind: 'spliced halves', token: `${payload}.${mac}` };
			},
			() => ({
				kind: 'another secret',
				token: createActionLinkToken(subject(), { secret: `other-secret-${int(1e9)}-xyz`, now })
					.token,
			}),
			() => {
				const [payload, mac] = fresh().token.split('.');
				const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
				const changed = pick([
					{ g: 'attacker' },
					{ e: claims.e + 1 + int(1e6) },
					{ d: 'other-desk' },
					{ c: 'biz_x:victim' },
					{ a: 'close', c: 'biz_x:victim' },
					{ n: 'BBBBBBBBBBBBBBBBBBBBBB' },
				]);
				const forged = Buffer.from(JSON.stringify({ ...claims, ...changed })).toString('base64url');
				return { kind: 'payload rewritten', token: `${forged}.${mac}` };
			},
			() => {
				const { token } = fresh();
				return random() < 0.5
					? { kind: 'truncated', token: token.slice(0, int(token.length)) }
					: { kind: 'extended', token: token + pick([...B64URL]).repeat(1 + int(4)) };
			},
			() => {
				const lifetimeMs = 1000 + int(86_400_000);
				const made = createActionLinkToken(subject(), { secret: SECRET, now, lifetimeMs });
				return { kind: 'expired', token: made.token, at: made.claims.expiresAt + int(1e7) };
			},
			async () => {
				const { token } = fresh();
				const first = await consumeActionLink(store, token, { secret: SECRET, now });
				if (!first.ok) throw new Error('the first use of a fresh link must work');
				return { kind: 'replayed', token };
			},
			() => {
				const made = fresh();
				const other = pick(
					['wang', 'li', 'zhang', '小王'].filter((a) => a !== made.claims.agentId),
				);
				return { kind: "another agent's", token: made.token, expect: { agentId: other } };
			},
			() => {
				const made = fresh();
				return {
					kind: "another desk's",
					token: made.token,
					expect: { desk: made.claims.desk === 'vip' ? 'default' : 'vip' },
				};
			},
			() => {
				const made = fresh();
				return {
					kind: 'another action',
					token: made.token,
					expect: { actions: [made.claims.action === 'close' ? 'status' : 'close'] },
				};
			},
		];

		const started = process.hrtime.bigint();
		const byReason: Partial<Record<RefusalReason, number>> = {};
		const byKind: Record<string, number> = {};
		let accepted = 0;
		for (let i = 0; i < TOTAL; i++) {
			const c = await kinds[i % kinds.length]();
			const verdict = await consumeActionLink(store, c.token, {
				secret: SECRET,
				now: c.at ?? now + int(1000),
				expect: c.expect,
			});
			byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
			if (verdict.ok) {
				accepted++;
				continue;
			}
			byReason[verdict.reason] = (byReason[verdict.reason] ?? 0) + 1;
		}
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		console.log(
			`agent links: ${TOTAL} forged/altered/expired/replayed/foreign links, ${TOTAL - accepted} refused in ${ms.toFixed(0)} ms\n` +
				`  by reason: ${JSON.stringify(byReason)}\n  by kind: ${JSON.stringify(byKind)}`,
		);
		expect(accepted).toBe(0);
		expect(Object.values(byReason).reduce((a, b) => a + b, 0)).toBe(TOTAL);
		// Each kind was refused for its own reason at least sometimes.
		expect(Object.keys(byReason).sort()).toEqual(
			['bad-signature', 'expired', 'malformed', 'not-yours', 'used', 'wrong-action'].sort(),
		);
		await store.close();
	});
});
