/**
 * n8n's queue mode at scale (issue 8): main + 2 workers on Redis and PostgreSQL, the state store
 * on Redis. A thousand customers each write one DM, every DM is delivered three times at once,
 * and one worker is killed (SIGKILL) when 40% are answered. The same load first runs on one
 * n8n instance (SQLite, embedded state store) as the baseline; the figures of both are printed
 * and written to .test-results/scale-figures.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	DM_MIX,
	killWorker,
	percentile,
	runLoad,
	sleep,
	startScaleStack,
	tableRows,
	type LoadResult,
	type ScaleStack,
} from './loadRun';
import { deskLoadMonitor, type DeskSample } from './deskMonitor';
import { DEFAULT_POLICY } from '../../nodes/shared/assignAgent/routingPolicy';

const DMS = Number(process.env.XHS_SCALE_DMS || 1000);
const CONCURRENCY = 20;
/** Recover Unfinished DMs takes DMs 3 minutes old, once a minute; a margin for its run. */
const RECOVERY_PASS_MS = (3 + 1 + 0.75) * 60_000;
const log = (m: string) => console.log(`[scale] ${m}`);

interface Figures {
	dms: number;
	deliveries: number;
	/** DMs answered in time (under 20 s) per second of load. */
	throughputPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	p99WithoutRecoveredMs: number;
	/** DMs a dead worker cut off before their reply, answered minutes later by the recovery branch. */
	recovered: number;
	/** Sends the platform had already delivered when a DM ran again: answered from its request id, not sent twice. */
	sendReplays: number;
	loadSeconds: number;
	/** Until the last reply, recovered DMs included. */
	lastReplySeconds: number;
	/** How long n8n took to acknowledge a push (each first delivery and its copies). */
	ackP50Ms: number;
	ackP99Ms: number;
	/** Pushes not acknowledged within the platform's 5 s (redelivered). */
	acksOver5s: number;
}

function figuresOf(
	result: LoadResult,
	deliveries: number,
	sendReplays: number,
	ackMs: number[],
): Figures {
	const all = [...result.latencies.values()];
	const onTime = all.filter((ms) => ms < 20000);
	return {
		dms: result.customers.length,
		deliveries,
		throughputPerSecond: +((onTime.length / result.wallMs) * 1000).toFixed(2),
		p50Ms: Math.round(percentile(all, 50)),
		p99Ms: Math.round(percentile(all, 99)),
		p99WithoutRecoveredMs: Math.round(percentile(onTime, 99)),
		recovered: all.length - onTime.length,
		sendReplays,
		loadSeconds: +(result.wallMs / 1000).toFixed(1),
		lastReplySeconds: +(result.answeredMs / 1000).toFixed(1),
		ackP50Ms: Math.round(percentile(ackMs, 50)),
		ackP99Ms: Math.round(percentile(ackMs, 99)),
		acksOver5s: ackMs.filter((ms) => ms >= 5000).length,
	};
}

async function warmUp(env: ScaleStack, customer: string) {
	// The first send exchanges the token: done before the load, as on any running system.
	const replied = new Promise<void>((resolve) => {
		const on = (s: { to: string }) => {
			if (s.to === customer) {
				env.sb.events.off('sent', on);
				resolve();
			}
		};
		env.sb.events.on('sent', on);
	});
	env.sb.customerMessage(customer, { text: '价格', nickname: 'warm' });
	await Promise.race([
		replied,
		sleep(60000).then(() => Promise.reject(new Error('no reply to the warm-up DM in 60 s'))),
	]);
}

const results: Record<
	string,
	{ result: LoadResult; figures: Figures; pushes: number; attempts: number }
> = {};
let queueChecks: {
	samples: DeskSample[];
	customers: Array<Record<string, any>>;
	history: Array<Record<string, any>>;
	leads: Array<Record<string, any>>;
	killedAt?: number;
	/** The executions the killed worker was running. */
	cutOff: string[];
	/** DMs answered before the kill whose CRM Sync it cut off: the recovery synced them alone. */
	crmOnlyRecovered: number;
} = { samples: [], customers: [], history: [], leads: [], cutOff: [], crmOnlyRecovered: 0 };

async function measure(mode: 'single' | 'queue'): Promise<void> {
	const env = await startScaleStack(mode, log);
	try {
		await warmUp(env, `warm_${mode}`);
		env.sb.setFaults({ duplicateDeliveries: 2 });
		const statsBefore = env.sb.stats();
		const loadStartedAt = Date.now();
		const monitor =
			mode === 'queue' ? deskLoadMonitor(env.stack.services.redis, 'beauty-brand') : undefined;
		const result = await runLoad(env.sb, {
			dms: DMS,
			concurrency: CONCURRENCY,
			prefix: `s${mode[0]}`,
			straggleMs: 8 * 60_000,
			midway:
				mode === 'queue'
					? {
							share: 0.4,
							action: async () => {
								// The platform answers slowly for a moment, so the worker dies with sends in
								// flight: the platform delivers them and the worker never hears back, the
								// hardest case for "exactly once" (the recovery runs those DMs again).
								// The team chat is slow too: DMs whose customer was told who helps wait for
								// the agent's notice before CRM Sync, so the kill also cuts DMs off between
								// the reply and the CRM write (the recovery syncs those alone).
								// The kill waits until the worker runs a few executions (its own log says).
								env.sb.setFaults({ apiLatencyMs: 1500, botLatencyMs: 3000 });
								const victim = env.stack.workers[0];
								const since = Date.now();
								while (victim.running.size < 3 && Date.now() - since < 15000) await sleep(25);
								// Long enough for the slow sends to end: DMs told who helps them now wait
								// for the agent's notice, with CRM Sync still ahead of them.
								await sleep(2000);
								queueChecks.cutOff = [...victim.running];
								queueChecks.killedAt = Date.now();
								log(
									`killing ${victim.name} (SIGKILL) with ${Math.round(0.4 * DMS)} DMs answered, running executions ${queueChecks.cutOff.join(', ') || 'none'}`,
								);
								await killWorker(victim);
								env.sb.setFaults({ apiLatencyMs: 0, botLatencyMs: 0 });
							},
						}
					: undefined,
		});
		if (queueChecks.killedAt && mode === 'queue') {
			// DMs whose reply went out just before the kill have no recorded outcome: the recovery
			// runs them again 3 minutes after arrival, on its next minute. Wait for that pass, then
			// count replies again: a second reply to any of them would show now.
			const until = queueChecks.killedAt + RECOVERY_PASS_MS;
			log(
				`waiting ${Math.max(0, Math.round((until - Date.now()) / 1000))} s for the crash recovery's pass`,
			);
			await sleep(Math.max(0, until - Date.now()));
			result.sent = (env.sb.sent() as LoadResult['sent']).filter((s) => s.to.startsWith('sq_'));
			queueChecks.crmOnlyRecovered = await countKeys(
				env.stack.services.redis,
				'xhs:kv:seen:recover:*:crm',
			);
		}
		const statsAfter = env.sb.stats();
		if (monitor) queueChecks.samples = await monitor.stop();
		const acks = (env.sb.deliveries() as Array<{ event: string; at: string; ms: number }>)
			.filter((d) => d.event === 'message' && Date.parse(d.at) >= loadStartedAt)
			.map((d) => d.ms);
		const figures = figuresOf(
			result,
			statsAfter.pushAttempts - statsBefore.pushAttempts,
			statsAfter.sendReplays - statsBefore.sendReplays,
			acks,
		);
		results[mode] = {
			result,
			figures,
			pushes: statsAfter.pushes - statsBefore.pushes,
			attempts: statsAfter.pushAttempts - statsBefore.pushAttempts,
		};
		log(`${mode}: ${JSON.stringify(figures)}`);
		if (mode === 'queue') {
			const { projectId } = env.stack.dataTables;
			// Replies go first; CRM Sync queues the rows and the CRM rows writer writes them every
			// 5 s: the pause lets its last batches land before the tables are read.
			await sleep(15000);
			const mine = (rows: Array<Record<string, any>>) =>
				rows.filter((r) => String(r.xhs_user_id ?? '').startsWith('sq_'));
			queueChecks.customers = mine(await tableRows(env.stack.api, projectId, 'xhs_customers'));
			queueChecks.history = mine(await tableRows(env.stack.api, projectId, 'xhs_history'));
			queueChecks.leads = mine(await tableRows(env.stack.api, projectId, 'xhs_leads'));
		}
	} finally {
		await env.close();
	}
}

beforeAll(async () => {
	await measure('single');
	await measure('queue');
	const out = {
		dms: DMS,
		concurrency: CONCURRENCY,
		copiesPerDm: 3,
		single: results.single.figures,
		queue: results.queue.figures,
		executionsCutOffByTheKill: queueChecks.cutOff.length,
		syncedByTheRecoveryAfterTheirReply: queueChecks.crmOnlyRecovered,
		ratios: {
			throughput: +(
				results.queue.figures.throughputPerSecond / results.single.figures.throughputPerSecond
			).toFixed(2),
			p50: +(results.queue.figures.p50Ms / results.single.figures.p50Ms).toFixed(2),
			p99WithoutRecovered: +(
				results.queue.figures.p99WithoutRecoveredMs / results.single.figures.p99WithoutRecoveredMs
			).toFixed(2),
		},
	};
	mkdirSync(join(__dirname, '..', '..', '.test-results'), { recursive: true });
	writeFileSync(
		join(__dirname, '..', '..', '.test-results', 'scale-figures.json'),
		JSON.stringify(out, null, 2),
	);
	console.log(`[scale] figures\n${JSON.stringify(out, null, 2)}`);
});

/** Keys matching a pattern in Redis (the state store's recovery claims), counted with SCAN. */
async function countKeys(redis: { host: string; port: number }, pattern: string): Promise<number> {
	const { default: Redis } = await import('ioredis');
	const client = new Redis({ host: redis.host, port: redis.port, lazyConnect: true });
	await client.connect();
	try {
		let cursor = '0';
		let count = 0;
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
			cursor = next;
			count += keys.length;
		} while (cursor !== '0');
		return count;
	} finally {
		client.disconnect();
	}
}

function repliesPerCustomer(result: LoadResult): Map<string, number> {
	const counts = new Map<string, number>();
	for (const s of result.sent) counts.set(s.to, (counts.get(s.to) ?? 0) + 1);
	return counts;
}

describe.each(['single', 'queue'])('%s', (mode) => {
	it('every DM was delivered three times and answered exactly once', () => {
		const { result, pushes, attempts } = results[mode];
		expect(pushes).toBe(DMS);
		expect(attempts).toBeGreaterThanOrEqual(3 * DMS);
		expect(result.unanswered).toEqual([]);
		const counts = repliesPerCustomer(result);
		const twice = [...counts.entries()].filter(([, n]) => n > 1);
		expect(twice).toEqual([]);
		expect(counts.size).toBe(DMS);
	});
});

describe('queue mode, one worker killed mid-way', () => {
	it('the kill cut executions off mid-run (else the checks below would prove little)', () => {
		expect(queueChecks.cutOff.length).toBeGreaterThan(0);
	});

	it("no agent ever had more open conversations than their capacity (plus the fast lanes' reserved slot)", () => {
		const { samples } = queueChecks;
		expect(samples.length).toBeGreaterThan(20);
		// Complaints and urgent orders may take one slot above capacity (routingPolicy reservedSlots).
		const reserved = Math.max(
			DEFAULT_POLICY.lanes.complaint.reservedSlots,
			DEFAULT_POLICY.lanes.urgent.reservedSlots,
		);
		const over = samples.flatMap((s) =>
			s.agents
				.filter((a) => a.open > a.capacity + reserved || a.open !== a.openListed)
				.map((a) => ({ at: s.at, ...a })),
		);
		expect(over).toEqual([]);
		// The desk did fill up: the check saw agents at capacity, not an idle desk.
		expect(samples.some((s) => s.agents.some((a) => a.open === a.capacity && a.capacity > 0))).toBe(
			true,
		);
	});

	it("every customer, DM and lead is in the CRM exactly once, the killed worker's DMs included", () => {
		const customers = results.queue.result.customers;
		const countBy = (rows: Array<Record<string, any>>, key: string) => {
			const m = new Map<string, number>();
			for (const r of rows) m.set(String(r[key]), (m.get(String(r[key])) ?? 0) + 1);
			return m;
		};
		const byCustomer = countBy(queueChecks.customers, 'xhs_user_id');
		const history = countBy(queueChecks.history, 'idempotency_key');
		const leads = countBy(queueChecks.leads, 'idempotency_key');
		expect(
			[...byCustomer.values(), ...history.values(), ...leads.values()].filter((n) => n !== 1),
		).toEqual([]);
		// A DM the kill cut off before its reply runs again whole; one whose reply went out but whose
		// send never reported back runs again whole too (the platform answers the send from its
		// request id); one cut off between its recorded reply and CRM Sync is synced alone by the
		// recovery's second output (test/nodes/service-metrics.test.ts shows that path).
		log(`DMs synced by the recovery after their reply: ${queueChecks.crmOnlyRecovered}`);
		const missing = customers.filter((c) => byCustomer.get(c) !== 1);
		log(
			`CRM: ${byCustomer.size} customers, ${history.size} DMs, ${leads.size} leads; missing: ${missing.length ? missing.join(', ') : 'none'}`,
		);
		expect(missing).toEqual([]);
		expect(history.size).toBe(DMS);
		const leadDms = customers.filter((_c, i) => DM_MIX[i % DM_MIX.length].kind === 'lead').length;
		// Each lead DM leaves a WeChat id and a phone number.
		expect(leads.size).toBe(2 * leadDms);
	});
});
