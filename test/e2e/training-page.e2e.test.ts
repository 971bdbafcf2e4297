import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { stack } from './stack';

/**
 * The sandbox's training page in a real browser (Debian's Chromium), against the real stack:
 * a trainee writes as a customer and sees n8n's auto-reply; starts the complaint scenario and
 * sees the hand-over to an agent tick on the checklist; answers as the agent in the embedded
 * agent view and closes, and the customer window receives the CSAT survey from the agent-desk
 * template. Customer ids start with train_ (no other e2e file uses them).
 */
const { ensureChromium, CHROMIUM_ARGS } = require('../../scripts/lib/chromium');

const WAIT = { timeout: 30000 };
const shot = join(__dirname, '..', '..', '.test-results', 'training-page.png');
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
	browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
	page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
	page.on('pageerror', (error) => pageErrors.push(error.message));
	await page.goto(`${stack.sandboxUrl}/sandbox/training`);
	await page.locator('body[data-ready="true"]').waitFor(WAIT);
}, 120000);

afterAll(async () => {
	await browser?.close();
});

const message = (attrs: string) =>
	page.locator(`#customer-messages [data-testid="chat-message"]${attrs}`);
const check = (type: string, state = 'pass') =>
	page.locator(`[data-testid="check-item"][data-check-type="${type}"][data-state="${state}"]`);

describe('the sandbox training page in Chromium, with n8n', () => {
	it('knows where to close conversations and lists the scenarios', async () => {
		await page.locator('#desk-status[data-configured="true"]').waitFor(WAIT);
		expect(await page.locator('[data-testid="scenario"]').count()).toBeGreaterThanOrEqual(10);
	});

	it('a price question typed as a customer gets the auto-reply in the chat window', async () => {
		await page.fill('#customer-id', `train_e2e_price_${Date.now()}`);
		await page.fill('#customer-nickname', '小雨');
		await page.click('#customer-open');
		await page.locator('#customer-input').pressSequentially('这个面霜多少钱？');
		await page.click('#customer-send');
		await page.locator('#customer-send-status[data-state="sent"]').waitFor(WAIT);
		await message('[data-source="1"]').filter({ hasText: '这个面霜多少钱？' }).waitFor(WAIT);
		const reply = message('[data-source="3"][data-kind="reply"]');
		await reply.waitFor(WAIT);
		expect(await reply.innerText()).toMatch(/亲爱的小雨，这款面霜 199 元/);
	});

	it('the complaint scenario: hand-over event with the agent, the checklist ticks; the agent answers and closes; the CSAT survey arrives', async () => {
		await page.click('[data-testid="scenario-start"][data-scenario-id="complaint"]');
		const customerId = await page.inputValue('#customer-id');
		expect(customerId).toMatch(/^train_complaint_[a-z0-9]+$/);
		await message('[data-source="1"]').filter({ hasText: '我要投诉' }).waitFor(WAIT);

		// n8n tells the customer who helps, and the agent's Feishu bot lands in the team chat.
		const assigned = message('[data-kind="assigned"]');
		await assigned.waitFor(WAIT);
		const agentName = await assigned.getAttribute('data-agent');
		expect(agentName).toMatch(/^(小王|小李|老张)$/);
		expect(await assigned.innerText()).toMatch(/非常抱歉.*（客服(小王|小李|老张)为您服务）/s);
		const event = page.locator(
			'#customer-messages [data-testid="chat-event"][data-kind="notification"]',
		);
		await event.waitFor(WAIT);
		expect(await event.innerText()).toContain(`→ ${agentName}`);
		expect(await event.innerText()).toContain('【加急 · complaint】');
		for (const type of ['reply', 'handoff', 'lane']) await check(type).waitFor(WAIT);
		expect(
			await page
				.locator('[data-testid="check-item"][data-check-type="survey"]')
				.getAttribute('data-state'),
		).toBe('pending');

		// The agent view beside it follows the customer: reply as the agent, then close.
		const agent = page.frameLocator('#agent-frame');
		await agent.locator(`body[data-customer-id="${customerId}"]`).waitFor(WAIT);
		await agent
			.locator('#message-list [data-source="1"]')
			.filter({ hasText: '我要投诉' })
			.waitFor(WAIT);
		await agent
			.locator('#reply-box')
			.pressSequentially('非常抱歉！请发一下订单号，我马上为您处理退款。');
		await agent.locator('#send-button').click();
		await agent.locator('#send-status[data-state="sent"]').waitFor(WAIT);
		await message('[data-source="2"]').filter({ hasText: '我马上为您处理退款' }).waitFor(WAIT);

		await agent.locator('#close-button').click();
		await agent.locator('#close-status[data-state="closed"]').waitFor(WAIT);
		const survey = message('[data-kind="survey"]');
		await survey.waitFor(WAIT);
		expect(await survey.innerText()).toMatch(
			new RegExp(`气炸的阿花您好，${agentName}刚刚为您服务，您满意吗？请回复 1-5 分`),
		);
		await check('survey').waitFor(WAIT);

		mkdirSync(join(shot, '..'), { recursive: true });
		await page.screenshot({ path: shot });
		console.log(`training page screenshot: ${shot}`);

		// Closing again finds nothing open.
		await agent.locator('#close-button').click();
		await agent.locator('#close-status[data-state="nothing"]').waitFor(WAIT);
		expect(pageErrors).toEqual([]);
	}, 180000);
});
