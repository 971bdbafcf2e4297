#!/usr/bin/env node
// npm run screenshot — with `npm start` running: logs in to the n8n editor in headless
// Chromium (Debian's package, installed when missing), opens each template workflow and
// saves a picture of its canvas to docs/images/; then the report, agent-view, training and
// knowledge-base gap pages.
const fs = require('node:fs');
const path = require('node:path');

const base = process.env.N8N_URL || 'http://127.0.0.1:5678';
const owner = {
	email: process.env.XHS_OWNER_EMAIL || 'owner@example.com',
	password: process.env.XHS_OWNER_PASSWORD || 'Xiaohongshu-DM-2026',
};
const outDir = path.resolve(__dirname, '..', 'docs', 'images');
const { ensureChromium, CHROMIUM_ARGS } = require('./lib/chromium');
const { PAGE_SECRET_FILE, parsePageLogin } = require('./lib/reportPages');

/**
 * The report pages' login (Basic Auth) that `npm start` keeps in n8n's user folder, as a browser
 * gets it from whoever asks once; undefined when there is none (the pages then answer 401).
 */
function pagesLogin() {
	const folder =
		process.env.XHS_N8N_USER_FOLDER || path.resolve(__dirname, '..', '.runtime', 'n8n');
	const file = path.join(folder, PAGE_SECRET_FILE);
	const login = fs.existsSync(file) ? parsePageLogin(fs.readFileSync(file, 'utf8')) : undefined;
	return login && { username: login.user, password: login.password };
}

/**
 * The sandbox's training page with a scenario in progress: the angry complaint sent as the
 * customer, the fast lane and the agent ticked, the agent's first answer sent from the embedded
 * agent view; the conversation stays open, so the survey is still to come.
 */
async function trainingPage(browser, sandboxBase) {
	const page = await browser.newPage({
		viewport: { width: 1600, height: 900 },
		deviceScaleFactor: 1,
	});
	if (!(await page.goto(`${sandboxBase}/sandbox/training`).catch(() => null))?.ok()) return;
	await page.locator('[data-testid="scenario-start"][data-scenario-id="complaint"]').click();
	await page
		.locator('[data-testid="check-item"][data-check-type="lane"][data-state="pass"]')
		.waitFor({ timeout: 20000 })
		.catch(() => undefined);
	const agent = page.frameLocator('#agent-frame');
	await agent
		.locator('#reply-box')
		.fill('非常抱歉！麻烦发一下订单号和过敏部位的照片，我马上为您处理退款🙏');
	await agent.locator('#send-button').click();
	await page
		.locator('[data-testid="chat-message"][data-source="2"]')
		.waitFor({ timeout: 10000 })
		.catch(() => undefined);
	await agent
		.locator('#assist-pane[data-state="ready"]')
		.waitFor({ timeout: 10000 })
		.catch(() => undefined);
	await page.waitForTimeout(800);
	const file = path.join(outDir, 'training-page.png');
	await page.screenshot({ path: file });
	console.log(`saved ${path.relative(process.cwd(), file)}`);
}

async function main() {
	const { chromium } = require('playwright-core');
	const executablePath = ensureChromium();
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	const page = await browser.newPage({
		viewport: { width: 1600, height: 900 },
		deviceScaleFactor: 1,
	});
	await page.goto(`${base}/signin`);
	await page.fill(
		'input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]',
		owner.email,
	);
	await page.fill('input[type="password"]', owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30000 });
	// The editor's own session is bound to its browser id; list the workflows as the frontend does.
	const listed = await page.evaluate(async () => {
		const browserId = localStorage.getItem('n8n-browserId') ?? '';
		return await (await fetch('/rest/workflows', { headers: { 'browser-id': browserId } })).json();
	});
	const workflows =
		[listed.data, listed.data?.data, listed.data?.items, listed.items].find(Array.isArray) ?? [];
	if (workflows.length === 0)
		console.log(`no workflows listed: ${JSON.stringify(listed).slice(0, 300)}`);
	fs.mkdirSync(outDir, { recursive: true });
	for (const wf of workflows.filter((w) => /Xiaohongshu/.test(w.name))) {
		await page.goto(`${base}/workflow/${wf.id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30000 });
		await page.waitForTimeout(1500);
		// Close first-run popups (n8n's "Production Checklist") that would cover the canvas.
		const checklist = page.locator('text=Production Checklist');
		if (await checklist.count()) {
			const close = checklist.locator('xpath=ancestor::*[.//button][1]//button').first();
			if (await close.count()) await close.click().catch(() => page.keyboard.press('Escape'));
		}
		// Fit the whole workflow in view (the canvas's own "zoom to fit" shortcut).
		await page.mouse.click(800, 700);
		await page.keyboard.press('1');
		await page.waitForTimeout(800);
		const file = path.join(
			outDir,
			`editor-${wf.name
				.replace(/[^A-Za-z0-9]+/g, '-')
				.replace(/^-|-$/g, '')
				.toLowerCase()}.png`,
		);
		await page.screenshot({ path: file });
		console.log(`saved ${path.relative(process.cwd(), file)}`);
		// And the settings of its main node, as a user opens them: the assignment, the metrics,
		// else the reply.
		const nodes = page.locator('[data-test-id="canvas-node"]');
		const assign = nodes.filter({ hasText: /Assign an agent/ }).first();
		const metrics = nodes.filter({ hasText: /Yesterday's report|Check the pipeline/ }).first();
		const knowledge = nodes
			.filter({ hasText: /Preview the change|Last week's gaps|Suggest replies/ })
			.first();
		const main = (await assign.count())
			? assign
			: (await metrics.count())
				? metrics
				: (await knowledge.count())
					? knowledge
					: nodes.filter({ hasText: /Reply/ }).first();
		if (await main.count()) {
			await main.dblclick();
			await page.waitForTimeout(1500);
			const kind = (await assign.count())
				? 'assign'
				: (await metrics.count())
					? 'metrics'
					: (await knowledge.count())
						? 'knowledge'
						: 'send';
			const panel = file.replace(/\.png$/, `-${kind}-node.png`);
			await page.screenshot({ path: panel });
			console.log(`saved ${path.relative(process.cwd(), panel)}`);
			await page.keyboard.press('Escape');
		}
	}
	// The live report page of the daily-report template, as a team lead opens the link.
	const report = await browser.newPage({
		viewport: { width: 1100, height: 900 },
		deviceScaleFactor: 1,
		httpCredentials: pagesLogin(),
	});
	const answer = await report.goto(`${base}/webhook/xhs-report?range=today`);
	if (answer?.ok()) {
		await report.waitForTimeout(500);
		const file = path.join(outDir, 'report-page.png');
		await report.screenshot({ path: file, fullPage: true });
		console.log(`saved ${path.relative(process.cwd(), file)}`);
	} else {
		console.log(`no report page (${answer?.status()}): is the daily-report template active?`);
	}
	// The sandbox's agent view with suggestions for the newest conversation, and the gap report page.
	const sandboxBase = process.env.XHS_SANDBOX_URL || 'http://127.0.0.1:4780';
	const agent = await browser.newPage({
		viewport: { width: 1400, height: 860 },
		deviceScaleFactor: 1,
	});
	if ((await agent.goto(`${sandboxBase}/sandbox/agent`).catch(() => null))?.ok()) {
		await agent
			.locator('[data-testid="conversation-item"]')
			.first()
			.click()
			.catch(() => undefined);
		await agent
			.locator('#assist-pane[data-state="ready"]')
			.waitFor({ timeout: 15000 })
			.catch(() => undefined);
		await agent.waitForTimeout(500);
		const file = path.join(outDir, 'sandbox-agent-view.png');
		await agent.screenshot({ path: file });
		console.log(`saved ${path.relative(process.cwd(), file)}`);
	}
	await trainingPage(browser, sandboxBase);
	const gaps = await browser.newPage({
		viewport: { width: 1100, height: 900 },
		deviceScaleFactor: 1,
		httpCredentials: pagesLogin(),
	});
	if ((await gaps.goto(`${base}/webhook/xhs-kb-gaps?range=today`).catch(() => null))?.ok()) {
		await gaps.waitForTimeout(500);
		const file = path.join(outDir, 'kb-gaps-page.png');
		await gaps.screenshot({ path: file, fullPage: true });
		console.log(`saved ${path.relative(process.cwd(), file)}`);
	}
	await browser.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
