import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { slotPlan } from '../../nodes/shared/xiaohongshu/sharedRateLimit';
import { redisTestUrl, tempDir, uniquePrefix } from '../state/helpers';

/**
 * The app's rate across processes: two OS processes on one store (queue mode's main and
 * worker, or two workers) send as fast as the limit lets them; together they stay under it in
 * every sliding second, and neither is starved.
 */
const RATE = 50;
const RUN_MS = 2_000;
function busiestSecond(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= 1000) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

describe('slot plan', () => {
	it('sizes slots so that no sliding second can carry more than the rate', () => {
		expect(slotPlan(50)).toEqual({ slotMs: 125, perSlot: 5 });
		expect(slotPlan(100)).toEqual({ slotMs: 1000 / 9, perSlot: 9 });
		expect(slotPlan(1)).toEqual({ slotMs: 1000, perSlot: 1 });
		for (let rate = 4; rate <= 3000; rate++) {
			const { slotMs, perSlot } = slotPlan(rate);
			const slots = Math.round(1000 / slotMs);
			expect(perSlot * (slots + 2)).toBeLessThanOrEqual(rate);
			// Never below half the rate (a slot plan that wastes most of the limit is a bug too).
			expect((perSlot * 1000) / slotMs).toBeGreaterThanOrEqual(rate / 2);
		}
	});
});

const run = (config: Record<string, unknown>) =>
	new Promise<number[]>((resolve, reject) => {
		const child = spawn(process.execPath, [
			path.join(__dirname, 'fixtures', 'rateWorker.js'),
			JSON.stringify(config),
		]);
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(out) as number[])
				: reject(new Error(`rate worker exited ${code}: ${err}`)),
		);
	});

describe.each([
	[
		'embedded SQLite (one file)',
		() => ({ backend: 'embedded', dbPath: path.join(tempDir('ratelimit'), 'state.sqlite') }),
	],
	[
		'Redis',
		() => ({ backend: 'redis', redisUrl: redisTestUrl(), keyPrefix: uniquePrefix('ratelimit') }),
	],
])('two worker processes on %s', (name, storeConfig) => {
	it(`stay under ${RATE} requests in every sliding second together`, async () => {
		// Both start after their ~1 s of loading TypeScript, and run the same window.
		const shared = {
			...storeConfig(),
			appId: 'app_rate',
			rate: RATE,
			untilMs: Date.now() + 2_500 + RUN_MS,
		};
		const [sentA, sentB] = await Promise.all([run(shared), run(shared)]);
		const all = [...sentA, ...sentB];
		const busiest = busiestSecond(all);
		console.log(
			`[rate] ${name}: ${all.length} requests by two processes (${sentA.length} + ${sentB.length}), busiest sliding second ${busiest} (limit ${RATE})`,
		);
		expect(busiest).toBeLessThanOrEqual(RATE);
		// Not starved: together close to the rate over the part both ran, each with a share.
		expect(all.length).toBeGreaterThanOrEqual(RATE * (RUN_MS / 1000) * 0.7);
		expect(Math.min(sentA.length, sentB.length)).toBeGreaterThan(RATE * 0.2);
	}, 30_000);
});
