// The training page (GET /sandbox/training) and what it stands on: its files, served from a
// fixed list; the scenarios (GET /sandbox/scenarios) with the template's roster; and the agent
// view's close button and embedded mode.
const vm = require('node:vm');
const { startSandbox, control, request } = require('./helpers');
const { PAGES } = require('../../sandbox/pages');
const Checks = require('../../sandbox/training/checks');

describe('sandbox training page', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => {
		await sb.close();
	});

	test('GET /sandbox/training serves the page with stable hooks; it loads only its own files', async () => {
		const r = await request(`${sb.url}/sandbox/training`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
		const html = r.text;
		for (const id of [
			'scenario-list',
			'checklist',
			'scenario-goal',
			'customer-id',
			'customer-nickname',
			'customer-open',
			'customer-messages',
			'customer-input',
			'customer-send',
			'customer-send-status',
			'agent-frame',
			'desk-status',
		])
			expect(html).toContain(`id="${id}"`);
		for (const testid of [
			'scenario',
			'scenario-start',
			'check-item',
			'check-label',
			'check-detail',
			'chat-message',
			'chat-message-text',
			'chat-event',
		])
			expect(html).toContain(`data-testid="${testid}"`);
		expect(html).toContain('训练场');
		expect(html).toContain('Training');
		const refs = [...html.matchAll(/<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"/g)].map(
			(m) => m[1],
		);
		expect(refs.filter((u) => !u.startsWith('data:')).sort()).toEqual(
			[
				'/sandbox/agent?embed=1',
				'/sandbox/training/checks.js',
				'/sandbox/training/customer-chat.js',
				'/sandbox/training/page.css',
				'/sandbox/training/page.js',
				'/sandbox/training/scenario-panel.js',
			].sort(),
		);
	});

	test('its scripts and stylesheet are served with their types, and the scripts are valid JavaScript', async () => {
		for (const [address, [file]] of Object.entries(PAGES)) {
			const r = await request(`${sb.url}${address}`);
			expect([address, r.status]).toEqual([address, 200]);
			if (file.endsWith('.js')) {
				expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
				expect(() => new vm.Script(r.text, { filename: file })).not.toThrow();
				expect(r.text).not.toMatch(/https?:\/\//); // nothing from elsewhere
			}
			if (file.endsWith('.css')) expect(r.headers['content-type']).toBe('text/css; charset=utf-8');
		}
		// only the listed files: no path from the request reaches the file system
		for (const bad of [
			'/sandbox/training/server.js',
			'/sandbox/training/../server.js',
			'/sandbox/training/%2e%2e/server.js',
			'/sandbox/training/page.html',
		])
			expect((await request(`${sb.url}${bad}`)).status).toBe(404);
		// the page reads and writes through the control API only
		const scripts = await Promise.all(
			['customer-chat.js', 'scenario-panel.js', 'page.js'].map(
				async (f) => (await request(`${sb.url}/sandbox/training/${f}`)).text,
			),
		);
		const all = scripts.join('\n');
		for (const route of [
			'/sandbox/customers/',
			"'/sandbox/scenarios'",
			"'/sandbox/bot'",
			"'/sandbox/desk-url'",
			'/sandbox/agent?embed=1',
		])
			expect(all).toContain(route);
	});

	test('GET /sandbox/scenarios: about ten tricky customers with distinct ids and checks the page knows, and the roster of the template', async () => {
		const r = await control(sb, '/sandbox/scenarios');
		expect(r.status).toBe(200);
		const { agents, salesBot, scenarios } = r.json;
		expect(agents.map((a) => [a.id, a.name, a.bot])).toEqual([
			['xiaowang', '小王', 'xiaowang'],
			['xiaoli', '小李', 'xiaoli'],
			['laozhang', '老张', 'laozhang'],
		]);
		expect(salesBot).toBe('sales');
		expect(scenarios.length).toBeGreaterThanOrEqual(10);
		expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
		expect(new Set(scenarios.map((s) => s.customer.id)).size).toBe(scenarios.length);
		expect(new Set(scenarios.map((s) => s.customer.nickname)).size).toBe(scenarios.length);
		for (const s of scenarios) {
			expect(s).toMatchObject({
				title: { zh: expect.any(String), en: expect.any(String) },
				goal: { zh: expect.any(String), en: expect.any(String) },
			});
			expect(s.messages.length).toBeGreaterThan(0);
			expect(s.checks.length).toBeGreaterThan(0);
			for (const check of s.checks) {
				expect(Checks.labelOf(check, agents)).not.toBe(check.type);
				if (check.type === 'agent') expect(agents.map((a) => a.id)).toContain(check.agent);
			}
		}
		const texts = scenarios.flatMap((s) => s.messages).join('\n');
		for (const hard of [
			'在吗',
			'投诉',
			'請問這個面霜價格多少',
			'多 少 钱',
			'duoshaoqian',
			'13812345678',
			'急救精华多少钱',
			'不需要加急',
			'我朋友是律师',
			'起诉',
			'保值期',
		])
			expect(texts).toContain(hard);
	});

	test('the agent view has a close button through the desk proxy, follows #customer= changes and has an embedded layout', async () => {
		const html = (await request(`${sb.url}/sandbox/agent`)).text;
		expect(html).toContain('id="close-button"');
		expect(html).toContain('id="close-status"');
		const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])[0];
		for (const part of ["'/sandbox/desk/close'", "'hashchange'", "has('embed')", 'r.body.closed'])
			expect(script).toContain(part);
		expect(html).toContain('body[data-embed]');
	});
});
