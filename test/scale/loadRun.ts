/**
 * The scale run shared by the single-instance baseline and queue mode: real n8n with the
 * templates, an in-process sandbox (so replies are seen the moment they are sent), a thousand
 * customers who each write one DM that the platform delivers three times at once, and a
 * closed loop of `concurrency` customers waiting for their answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { createSandbox } = require('../../sandbox/server');
const { startStack, root } = require('../../scripts/lib/stack');
const { freePort, stopAll, stopProcess } = require('../../scripts/lib/processes');
const { allRows, findDataTable } = require('../../scripts/lib/dataTables');

export interface SentMessage {
	to: string;
	request_id: string;
	content: { text?: string };
	at: string;
}

/** One DM of each kind the pipeline routes differently, in turn. */
export const DM_MIX: Array<{ kind: 'auto' | 'human' | 'lead'; text: string }> = [
	{ kind: 'auto', text: '这个面霜多少钱？' },
	{ kind: 'human', text: '我要投诉，收到的货是坏的' },
	{ kind: 'auto', text: '價格多少' },
	{ kind: 'human', text: '在吗' },
	{ kind: 'auto', text: 'duoshaoqian' },
	{ kind: 'lead', text: '加我微信 xhs_fan_2026 详细聊，电话 13800138000' },
	{ kind: 'human', text: '很急，今天就要，能加急吗' },
	{ kind: 'auto', text: '多 少 钱' },
	{ kind: 'human', text: '我想问一下合同条款的法律问题' },
	{ kind: 'auto', text: '保质期多久' },
];

export interface ScaleStack {
	mode: 'single' | 'queue';
	sb: any;
	stack: any;
	userFolder: string;
	close(): Promise<void>;
}

export async function startScaleStack(
	mode: 'single' | 'queue',
	log: (m: string) => void,
): Promise<ScaleStack> {
	const sb = await createSandbox({ port: 0, log: () => {}, rateLimitPerSecond: 1000 });
	const userFolder = mkdtempSync(join(tmpdir(), `xhs-scale-${mode}-`));
	const stack = await startStack({
		runtimeHome: join(root, '.runtime'),
		userFolder,
		n8nPort: await freePort(),
		brokerPort: await freePort(),
		sandboxUrl: sb.url,
		owner: { email: 'scale@example.com', password: 'Scale-Xiaohongshu-2026' },
		// As a production setup would: successful executions are not stored.
		n8nEnv: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' },
		queue:
			mode === 'queue'
				? { workers: 2, concurrency: 10, dataDir: join(userFolder, 'services'), fresh: true }
				: undefined,
		log,
	}).catch(async (error: Error) => {
		await stopAll();
		await sb.close();
		throw error;
	});
	return {
		mode,
		sb,
		stack,
		userFolder,
		async close() {
			await stopAll();
			await sb.close();
			rmSync(userFolder, { recursive: true, force: true });
			// As root the cluster lives in postgres's home (scripts/lib/services.js).
			if (stack.services?.postgres?.dataDir)
				rmSync(stack.services.postgres.dataDir, { recursive: true, force: true });
		},
	};
}

export interface LoadOptions {
	dms: number;
	concurrency: number;
	prefix: string;
	/** Called once when this share of the DMs is answered (queue mode kills a worker there). */
	midway?: { share: number; action: () => Promise<void> };
	/** How long a DM may take before the run stops waiting for it (crash recovery takes minutes). */
	straggleMs: number;
}

export interface LoadResult {
	customers: string[];
	latencies: Map<string, number>;
	unanswered: string[];
	wallMs: number;
	answeredMs: number;
	sent: SentMessage[];
}

export async function runLoad(sb: any, options: LoadOptions): Promise<LoadResult> {
	const customers = Array.from(
		{ length: options.dms },
		(_, i) => `${options.prefix}_${String(i).padStart(4, '0')}`,
	);
	const waiting = new Map<string, () => void>();
	const firstReplyAt = new Map<string, number>();
	const onSent = (sent: SentMessage) => {
		if (!firstReplyAt.has(sent.to)) firstReplyAt.set(sent.to, performance.now());
		waiting.get(sent.to)?.();
	};
	sb.events.on('sent', onSent);
	const postedAt = new Map<string, number>();
	let answered = 0;
	let midwayDone = false;
	const started = performance.now();
	let next = 0;
	const stragglers: Array<Promise<void>> = [];
	try {
		await Promise.all(
			Array.from({ length: options.concurrency }, async () => {
				while (next < customers.length) {
					const i = next++;
					const customer = customers[i];
					const dm = DM_MIX[i % DM_MIX.length];
					const replied = new Promise<void>((resolve) => waiting.set(customer, resolve));
					postedAt.set(customer, performance.now());
					sb.customerMessage(customer, { text: dm.text, nickname: `客户${i}` });
					// A DM cut off by a dying worker is answered minutes later by the recovery: the
					// loop goes on with the next customer and the run waits for it at the end.
					const inTime = await Promise.race([
						replied.then(() => true),
						sleep(20000).then(() => false),
					]);
					if (!inTime) stragglers.push(replied);
					answered++;
					if (
						options.midway &&
						!midwayDone &&
						answered >= options.midway.share * customers.length
					) {
						midwayDone = true;
						await options.midway.action();
					}
				}
			}),
		);
		const loadEnd = performance.now();
		await Promise.race([Promise.all(stragglers), sleep(options.straggleMs)]);
		const latencies = new Map<string, number>();
		for (const c of customers) {
			const at = firstReplyAt.get(c);
			if (at !== undefined) latencies.set(c, at - (postedAt.get(c) as number));
		}
		const lastReply = Math.max(...[...firstReplyAt.values()]);
		return {
			customers,
			latencies,
			unanswered: customers.filter((c) => !firstReplyAt.has(c)),
			wallMs: loadEnd - started,
			answeredMs: lastReply - started,
			sent: (sb.sent() as SentMessage[]).filter((s) => s.to.startsWith(`${options.prefix}_`)),
		};
	} finally {
		sb.events.off('sent', onSent);
	}
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Unref'd: the waits raced against replies (20 s per DM, 8 min for stragglers) would otherwise
 * keep jest alive for minutes after the suite is done. The running stack keeps the loop alive.
 */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Kills a worker the way an OOM killer or a lost host does: no chance to finish its jobs. */
export async function killWorker(worker: any): Promise<void> {
	await stopProcess(worker, 'SIGKILL', 0);
}

/** Rows of an n8n Data Table, all pages. */
/** Every row of one of the templates' data tables (paged: n8n gives at most 250 at a time). */
export async function tableRows(
	api: any,
	projectId: string,
	name: string,
): Promise<Array<Record<string, any>>> {
	const table = await findDataTable(api, projectId, name);
	if (!table) throw new Error(`no data table ${name}`);
	return allRows(api, projectId, table.id);
}
