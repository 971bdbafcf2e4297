#!/usr/bin/env node
// npm run bench:desk — the full service desk template in a real n8n, two orderings in one run:
// "rows before reply" (the template as it was: CRM Sync and three Data Table writes, then the
// reply) and "reply first" (the template now: the reply, then CRM Sync queues the rows and one
// execution writes many DMs' rows in a batch). For each: first reply p50/p99 and the push's
// acknowledgement p99 at a fixed rate (2, 5 and 10 DMs/s), DMs/s at saturation (a closed loop
// that keeps more DMs waiting than n8n can run), and where an execution's time goes by node type
// (from n8n's own execution records). n8n's floor (Webhook → Respond to Webhook) is measured in
// the same run. The last line is one JSON object.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createSandbox } = require('../sandbox/server');
const { startStack, root } = require('../scripts/lib/stack');
const { freePort, stopAll } = require('../scripts/lib/processes');
const { floorWorkflow } = require('./lib/floorWorkflow');
const { importTemplate } = require('../scripts/lib/provision');

const SECONDS_PER_RATE = Number(process.env.BENCH_DESK_SECONDS || 20);
const RATES = (process.env.BENCH_DESK_RATES || '2,5,10').split(',').map(Number);
const SATURATION_DMS = Number(process.env.BENCH_DESK_SATURATION_DMS || 240);
const SATURATION_CONCURRENCY = 24;
const PROFILE_DMS = 40;
const PROFILE_RATE = 5;
const REPLY_TIMEOUT_MS = 60_000;

const ORDERINGS = {
	old: {
		label: 'rows before reply',
		file: path.join(__dirname, 'fixtures', 'service-desk-rows-before-reply.json'),
	},
	new: {
		label: 'reply first',
		file: path.join(root, 'workflows', 'service-desk.json'),
		// Writes the rows the desk queued, every 5 s: part of this ordering's cost.
		writer: path.join(root, 'workflows', 'crm-rows-writer.json'),
	},
};

/** What customers write, in turn: auto-replies, the fast lane, agents and the queue, leads. */
const DM_MIX = [
	'这个面霜多少钱？',
	'我要投诉，收到的货是坏的',
	'價格多少',
	'在吗',
	'duoshaoqian',
	'加我微信 xhs_fan_2026 详细聊，电话 13800138000',
	'很急，今天就要，能加急吗',
	'多 少 钱',
	'我想问一下合同条款的法律问题',
	'保质期多久',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n) => (Number.isFinite(n) ? Math.round(n) : null);

async function main() {
	const sb = await createSandbox({ port: 0, log: () => {}, rateLimitPerSecond: 1000 });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-bench-desk-'));
	console.log('starting n8n (SQLite, executions not saved on success, as in production)…');
	const stack = await startStack({
		runtimeHome: path.join(root, '.runtime'),
		userFolder,
		n8nPort: await freePort(),
		brokerPort: await freePort(),
		sandboxUrl: sb.url,
		owner: { email: 'bench@example.com', password: 'Bench-Xiaohongshu-2026' },
		n8nEnv: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' },
		log: (m) => console.log(`  ${m}`),
	});
	const context = {
		credentialId: stack.credentialId,
		addresses: { sandboxUrl: sb.url, n8nUrl: stack.n8n.base },
		stateStore: stack.stateStore,
		adminCredential: stack.adminHeader.credential,
		linkCredential: stack.linkSigning.credential,
		pageCredential: stack.pageLogin.credential,
	};

	// Replies are announced by the in-process sandbox: waiting for them costs n8n no CPU (an
	// event, not a poll: the load generator shares the machine's two cores with n8n).
	const waiting = new Map();
	sb.events.on('sent', (send) => {
		const resolve = waiting.get(send.to);
		if (!resolve) return;
		waiting.delete(send.to);
		resolve(performance.now());
	});
	let sequence = 0;
	/** One DM from a new customer: when its first message came back, and the push's ack. */
	const oneDm = (tag) => {
		const customer = `desk_${tag}_${sequence}`;
		const text = DM_MIX[sequence++ % DM_MIX.length];
		const replied = new Promise((resolve) => {
			const timer = setTimeout(() => {
				waiting.delete(customer);
				resolve(undefined);
			}, REPLY_TIMEOUT_MS);
			waiting.set(customer, (at) => {
				clearTimeout(timer);
				resolve(at);
			});
		});
		const pushedAt = performance.now();
		const { done } = sb.customerMessage(customer, { text, nickname: '顾客' });
		const acked = done.then((r) => (r.attempts.find((a) => a.copy === 0) ?? {}).ms);
		return Promise.all([replied, acked]).then(([at, ackMs]) => ({
			replyMs: at === undefined ? undefined : at - pushedAt,
			ackMs,
		}));
	};

	let workflowIds = [];
	const writerId = stack.workflows.find((w) => w.file === 'crm-rows-writer.json')?.id;
	const use = async (ordering, settings) => {
		const { file, writer } = ORDERINGS[ordering];
		const imported = await importTemplate(stack.api, file, { ...context, settings });
		workflowIds = [imported.id];
		if (writer)
			workflowIds.push((await importTemplate(stack.api, writer, { ...context, settings })).id);
		else if (writerId) await stack.api.api('POST', `/workflows/${writerId}/deactivate`);
		// The trigger registers its URL again on activation; n8n may answer 404 for a moment.
		for (let i = 0; i < 200; i++) {
			const res = await fetch(stack.webhookUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"test": true}',
			}).catch(() => undefined);
			if (res && res.status !== 404) break;
			await sleep(100);
		}
		// First runs compile code paths; not part of any figure.
		for (let i = 0; i < 5; i++) await oneDm(`warm${ordering}`);
	};

	const openLoop = async (tag, rate, seconds, once = () => oneDm(tag)) => {
		const total = Math.round(rate * seconds);
		const started = performance.now();
		const runs = [];
		for (let i = 0; i < total; i++) {
			const due = started + (i * 1000) / rate;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			runs.push(once());
		}
		const results = await Promise.all(runs);
		const replies = results.map((r) => r.replyMs).filter((ms) => ms !== undefined);
		const acks = results.map((r) => r.ackMs).filter((ms) => ms !== undefined);
		return {
			dms: total,
			unanswered: total - replies.length,
			reply_p50_ms: round(percentile(replies, 50)),
			reply_p99_ms: round(percentile(replies, 99)),
			ack_p99_ms: round(percentile(acks, 99)),
		};
	};

	const closedLoop = async (tag) => {
		let next = 0;
		let answered = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: SATURATION_CONCURRENCY }, async () => {
				while (next < SATURATION_DMS) {
					next++;
					if ((await oneDm(tag)).replyMs !== undefined) answered++;
				}
			}),
		);
		return +((answered / (performance.now() - started)) * 1000).toFixed(2);
	};

	// Where an execution's time goes: n8n's own per-node executionTime, saved for this block only.
	const profile = async (ordering) => {
		await use(ordering, { saveDataSuccessExecution: 'all' });
		const since = Date.now();
		await openLoop(`prof${ordering}`, PROFILE_RATE, PROFILE_DMS / PROFILE_RATE);
		// The writer's next runs take what the desk queued last.
		await sleep(7000);
		const byType = {};
		let executions = 0;
		let wallMs = 0;
		for (const id of workflowIds) {
			const list = await stack.api.api(
				'GET',
				`/executions?workflowId=${id}&includeData=true&limit=250`,
			);
			const nodeTypes = new Map();
			const workflow = await stack.api.api('GET', `/workflows/${id}`);
			for (const node of workflow.nodes) nodeTypes.set(node.name, node.type.split('.').pop());
			for (const execution of list.data ?? []) {
				if (Date.parse(execution.startedAt) < since) continue;
				const runData = execution.data?.resultData?.runData ?? {};
				executions++;
				wallMs += Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt);
				for (const [name, runs] of Object.entries(runData)) {
					const type = nodeTypes.get(name) ?? name;
					for (const run of runs) byType[type] = (byType[type] ?? 0) + (run.executionTime ?? 0);
				}
			}
		}
		await use(ordering, undefined);
		const inNodes = Object.values(byType).reduce((a, b) => a + b, 0);
		return {
			dms: PROFILE_DMS,
			executions,
			wall_ms_per_dm: +(wallMs / PROFILE_DMS).toFixed(1),
			node_ms_per_dm: +(inNodes / PROFILE_DMS).toFixed(1),
			by_type_ms_per_dm: Object.fromEntries(
				Object.entries(byType)
					.sort((a, b) => b[1] - a[1])
					.map(([type, ms]) => [type, +(ms / PROFILE_DMS).toFixed(2)]),
			),
		};
	};

	const floor = await stack.api.api('POST', '/workflows', floorWorkflow('bench-desk-floor'));
	await stack.api.api('POST', `/workflows/${floor.id}/activate`);
	const floorUrl = `${stack.n8n.base}/webhook/bench-desk-floor`;
	const floorOnce = async () => {
		const t0 = performance.now();
		const res = await fetch(floorUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"text":"这个面霜多少钱？"}',
		});
		await res.text();
		return res.ok ? { replyMs: performance.now() - t0, ackMs: performance.now() - t0 } : {};
	};
	for (let i = 0; i < 200 && (await fetch(floorUrl, { method: 'POST' })).status === 404; i++)
		await sleep(100);

	const figures = { old: { rates: {}, saturation: [] }, new: { rates: {}, saturation: [] } };
	for (const ordering of ['old', 'new']) {
		console.log(`profile: ${ORDERINGS[ordering].label}, ${PROFILE_DMS} DMs at ${PROFILE_RATE}/s…`);
		figures[ordering].profile = await profile(ordering);
	}
	console.log('floor: Webhook → Respond to Webhook at 5/s…');
	const floorRun = await openLoop('floor', 5, SECONDS_PER_RATE, floorOnce);
	// Each rate runs both orderings back to back, the order alternating, so noise hits both.
	let flip = false;
	for (const rate of RATES) {
		for (const ordering of flip ? ['new', 'old'] : ['old', 'new']) {
			await use(ordering);
			console.log(`${ORDERINGS[ordering].label}: ${rate} DMs/s for ${SECONDS_PER_RATE} s…`);
			figures[ordering].rates[rate] = await openLoop(`r${rate}${ordering}`, rate, SECONDS_PER_RATE);
			console.log(`  ${JSON.stringify(figures[ordering].rates[rate])}`);
		}
		flip = !flip;
	}
	for (const ordering of ['old', 'new', 'new', 'old']) {
		await use(ordering);
		console.log(
			`${ORDERINGS[ordering].label}: saturation, ${SATURATION_DMS} DMs, ${SATURATION_CONCURRENCY} waiting at a time…`,
		);
		const dmsPerSecond = await closedLoop(`sat${ordering}`);
		figures[ordering].saturation.push(dmsPerSecond);
		console.log(`  ${dmsPerSecond} DMs/s`);
	}

	const stats = sb.stats();
	const duplicates = sb.sent().length - new Set(sb.sent().map((s) => s.request_id)).size;
	console.log(
		'\n| ordering | DMs/s offered | DMs | unanswered | first reply p50 ms | p99 ms | ack p99 ms |',
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	console.log(
		`| n8n floor | 5 | ${floorRun.dms} | ${floorRun.unanswered} | ${floorRun.reply_p50_ms} | ${floorRun.reply_p99_ms} | - |`,
	);
	for (const rate of RATES)
		for (const ordering of ['old', 'new']) {
			const r = figures[ordering].rates[rate];
			console.log(
				`| ${ORDERINGS[ordering].label} | ${rate} | ${r.dms} | ${r.unanswered} | ${r.reply_p50_ms} | ${r.reply_p99_ms} | ${r.ack_p99_ms} |`,
			);
		}
	for (const ordering of ['old', 'new']) {
		const p = figures[ordering].profile;
		console.log(
			`\n${ORDERINGS[ordering].label}: saturation ${figures[ordering].saturation.join(' / ')} DMs/s; per DM ${p.wall_ms_per_dm} ms of execution wall time over ${p.executions} executions, ${p.node_ms_per_dm} ms in nodes:`,
		);
		for (const [type, ms] of Object.entries(p.by_type_ms_per_dm))
			console.log(
				`  ${type.padEnd(28)} ${String(ms).padStart(7)} ms  ${((ms / p.node_ms_per_dm) * 100).toFixed(1)}%`,
			);
	}
	console.log(
		`\nreplies sent ${sb.sent().length}, sent twice ${duplicates}, push attempts ${stats.pushAttempts}`,
	);
	const at5 = (ordering) => figures[ordering].rates[5] ?? figures[ordering].rates[RATES[0]];
	const newSaturation = median(figures.new.saturation);
	const oldSaturation = median(figures.old.saturation);
	const line = {
		reply_p50_ms_5ps: at5('new').reply_p50_ms,
		reply_p99_ms_5ps: at5('new').reply_p99_ms,
		old_reply_p50_ms_5ps: at5('old').reply_p50_ms,
		old_reply_p99_ms_5ps: at5('old').reply_p99_ms,
		ack_p99_ms: Math.max(...RATES.map((rate) => figures.new.rates[rate].ack_p99_ms ?? Infinity)),
		old_ack_p99_ms: Math.max(
			...RATES.map((rate) => figures.old.rates[rate].ack_p99_ms ?? Infinity),
		),
		unanswered: RATES.reduce((n, rate) => n + figures.new.rates[rate].unanswered, 0),
		saturation_dms_per_s: newSaturation,
		old_saturation_dms_per_s: oldSaturation,
		saturation_ratio_vs_old: +(newSaturation / oldSaturation).toFixed(2),
		floor_p50_ms_5ps: floorRun.reply_p50_ms,
		reply_p50_ratio_vs_floor: +(at5('new').reply_p50_ms / floorRun.reply_p50_ms).toFixed(2),
		node_ms_per_dm: figures.new.profile.node_ms_per_dm,
		old_node_ms_per_dm: figures.old.profile.node_ms_per_dm,
		sent_twice: duplicates,
	};
	await stopAll();
	await sb.close();
	fs.rmSync(userFolder, { recursive: true, force: true });
	console.log(JSON.stringify(line));
}

main().catch(async (error) => {
	console.error(error);
	await stopAll();
	process.exit(1);
});
