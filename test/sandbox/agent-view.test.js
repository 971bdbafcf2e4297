// The agent view (GET /sandbox/agent) and what it stands on: the assist proxy
// (POST /sandbox/assist → the configured assist URL), its configuration, the conversation list
// with nickname and last message, and an agent's reply pushed as a message_source 2 event.
const http = require('node:http');
const vm = require('node:vm');
const { startSandbox, startReceiver, dmOf, control, request } = require('./helpers');
const { parseArgs, serveOptions } = require('../../sandbox/cli');

/** A stand-in for the n8n assist webhook: records each request, answers with `respond(body, n)`. */
async function startAssistServer(respond) {
	const requests = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			requests.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: JSON.parse(raw),
			});
			for (const w of waiters.splice(0)) w();
			const answer = respond(requests.at(-1).body, requests.length);
			if (answer.hang) return;
			res.writeHead(answer.status ?? 200, { 'Content-Type': answer.type ?? 'application/json' });
			res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook/xhs-assist`,
		requests,
		nextRequest: () => new Promise((r) => waiters.push(r)),
		close() {
			server.closeAllConnections();
			return new Promise((r) => server.close(r));
		},
	};
}

/** What workflows/kb-agent-assist.json answers (nodes/shared/knowledgeBase/agentAssist.ts). */
const ASSIST_ANSWER = {
	route: 'matched',
	tags: ['price'],
	suggestions: [
		{
			rank: 1,
			source: 'rule',
			id: '面霜价格 · cream price',
			title: '面霜价格 · cream price',
			reply: '小红你好，面霜 199 元',
			score: 1,
			automatic: true,
		},
		{
			rank: 2,
			source: 'faq',
			id: 'faq_price',
			title: '多少钱',
			reply: '价格见商品页',
			score: 0.62,
			automatic: false,
		},
	],
	matchedRules: [],
	nearMisses: [
		{
			rule: '优惠 · discount',
			priority: 10,
			lane: 'normal',
			closeness: 0.5,
			missing: ['one of: 优惠, 折扣'],
			reply: '现在有满减',
		},
	],
	bestReply: '小红你好，面霜 199 元',
};

describe('sandbox agent view', () => {
	let sb;
	let rx;
	let assist;
	beforeEach(async () => {
		rx = await startReceiver();
		assist = await startAssistServer(() => ({ body: ASSIST_ANSWER }));
		sb = await startSandbox({ webhookUrl: rx.url });
	});
	afterEach(async () => {
		await sb.close();
		await assist.close();
		await rx.close();
	});

	test('GET /sandbox/agent serves one self-contained HTML page with stable ids for browser tests', async () => {
		const r = await request(`${sb.url}/sandbox/agent`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
		const html = r.text;
		for (const id of [
			'conversation-list',
			'message-list',
			'reply-box',
			'send-button',
			'send-status',
			'assist-pane',
			'assist-note',
			'suggestion-list',
			'near-miss-list',
		])
			expect(html).toContain(`id="${id}"`);
		for (const testid of [
			'conversation-item',
			'conversation-nickname',
			'conversation-last-message',
			'message',
			'message-label',
			'suggestion',
			'suggestion-score',
			'suggestion-reply',
			'suggestion-use',
			'suggestion-send',
			'near-miss',
			'near-miss-use',
			'near-miss-send',
		])
			expect(html).toContain(`data-testid="${testid}"`);
		expect(html).toContain('推荐回复');
		expect(html).toContain('Suggestions');
		expect(html).toContain('🤖 自动回复 auto-reply');
		expect(html).toContain('👩‍💼 客服 agent');
		// offline: nothing loaded from elsewhere, and the script is valid JavaScript
		expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(?!data:)/i);
		const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
		expect(scripts).toHaveLength(1);
		expect(() => new vm.Script(scripts[0])).not.toThrow();
		// it reads and writes through the control API only, and says so when suggestions are off
		for (const route of [
			"'/sandbox/customers'",
			"'/sandbox/events'",
			"'/sandbox/assist'",
			'message_source: 2',
			'r.status === 503',
		])
			expect(scripts[0]).toContain(route);
		expect((await control(sb, '/sandbox')).json.routes).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^GET +\/sandbox\/agent/),
				expect.stringMatching(/^POST +\/sandbox\/assist /),
				expect.stringMatching(/\/sandbox\/assist-url/),
			]),
		);
	});

	test('GET /sandbox/customers carries what the list shows: nickname and last message', async () => {
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', {
			text: '这个面霜多少钱？',
			nickname: '小红',
		});
		await control(sb, '/sandbox/events', 'POST', {
			event: 'message',
			message_source: 2,
			to_user_id: 'cust_1',
			text: '199 元',
		});
		await control(sb, '/sandbox/customers/cust_2/messages', 'POST', { text: '在吗' });
		const list = (await control(sb, '/sandbox/customers')).json;
		expect(
			list.map((c) => [
				c.customer_user_id,
				c.profile.nickname,
				c.messages,
				c.last_message.message_source,
				c.last_message.content.text,
			]),
		).toEqual([
			['cust_1', '小红', 2, 2, '199 元'],
			['cust_2', '顾客_cust_2', 1, 1, '在吗'],
		]);
		expect(typeof list[0].last_message.timestamp).toBe('number');
	});

	test('assist URL: option, GET / POST / DELETE /sandbox/assist-url; only http(s) URLs', async () => {
		expect((await control(sb, '/sandbox/assist-url')).json).toEqual({ url: null });
		expect((await control(sb, '/sandbox/assist-url', 'POST', { url: assist.url })).json).toEqual({
			url: assist.url,
		});
		expect((await control(sb, '/sandbox/assist-url')).json).toEqual({ url: assist.url });
		expect(sb.getAssistUrl()).toEqual({ url: assist.url });
		expect((await control(sb, '/sandbox/assist-url', 'POST', { url: 'not a url' })).status).toBe(
			400,
		);
		expect((await control(sb, '/sandbox/assist-url', 'POST', { url: 'ftp://x/y' })).status).toBe(
			400,
		);
		expect((await control(sb, '/sandbox/assist-url', 'POST', {})).status).toBe(400);
		expect((await control(sb, '/sandbox/assist-url')).json).toEqual({ url: assist.url });
		expect((await control(sb, '/sandbox/assist-url', 'DELETE')).json).toEqual({ url: null });
		expect(sb.setAssistUrl(assist.url)).toEqual({ url: assist.url });
		expect((await control(sb, '/sandbox/assist-url', 'POST', { url: null })).json).toEqual({
			url: null,
		});
		const withOption = await startSandbox({ assistUrl: assist.url });
		try {
			expect((await control(withOption, '/sandbox/assist-url')).json).toEqual({ url: assist.url });
			await control(withOption, '/sandbox/reset', 'POST', { webhook: true, tokens: true });
			expect(withOption.getAssistUrl()).toEqual({ url: assist.url });
		} finally {
			await withOption.close();
		}
	});

	test('assist URL with headers (n8n Header Auth): sent with every forward, named but never shown, dropped with the URL', async () => {
		const header = { Authorization: 'Bearer admin-secret-for-the-test-0001' };
		expect(
			(await control(sb, '/sandbox/assist-url', 'POST', { url: assist.url, headers: header })).json,
		).toEqual({ url: assist.url, headers: ['Authorization'] });
		const shown = await control(sb, '/sandbox/assist-url');
		expect(shown.json).toEqual({ url: assist.url, headers: ['Authorization'] });
		expect(shown.text).not.toContain('admin-secret');
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', { text: '这个面霜多少钱？' });
		const r = await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'cust_1' });
		expect(r.status).toBe(200);
		expect(assist.requests).toHaveLength(1);
		expect(assist.requests[0].headers).toMatchObject({
			authorization: header.Authorization,
			'content-type': 'application/json',
		});
		// a header that is not a header, or one the forwarder owns, is refused and changes nothing
		for (const headers of [
			{ 'Bad Name': 'x' },
			{ Authorization: 'Bearer a\r\nX-Injected: 1' },
			{ 'Content-Type': 'text/plain' },
			['Authorization', 'Bearer x'],
			{ Authorization: 42 },
		])
			expect(
				(await control(sb, '/sandbox/assist-url', 'POST', { url: assist.url, headers })).status,
			).toBe(400);
		expect((await control(sb, '/sandbox/assist-url')).json.headers).toEqual(['Authorization']);
		// a new URL without headers sends none; clearing the URL clears them
		expect(sb.setAssistUrl(assist.url)).toEqual({ url: assist.url });
		await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'cust_1' });
		expect(assist.requests[1].headers.authorization).toBeUndefined();
		expect(sb.setAssistUrl(assist.url, header)).toEqual({
			url: assist.url,
			headers: ['Authorization'],
		});
		expect((await control(sb, '/sandbox/assist-url', 'DELETE')).json).toEqual({ url: null });
		const withOption = await startSandbox({ assistUrl: assist.url, assistHeaders: header });
		try {
			expect(withOption.getAssistUrl()).toEqual({ url: assist.url, headers: ['Authorization'] });
			await control(withOption, '/sandbox/customers/cust_2/messages', 'POST', { text: '多少钱' });
			await control(withOption, '/sandbox/assist', 'POST', { customerUserId: 'cust_2' });
			expect(assist.requests.at(-1).headers.authorization).toBe(header.Authorization);
		} finally {
			await withOption.close();
		}
	});

	test('without an assist URL, POST /sandbox/assist answers 503 with a clear error', async () => {
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', { text: '多少钱' });
		const r = await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'cust_1' });
		expect(r.status).toBe(503);
		expect(r.json).toEqual({ error: 'no assist URL configured' });
		expect(assist.requests).toHaveLength(0);
	});

	test("POST /sandbox/assist forwards the customer's latest message and nickname, and answers the assist JSON", async () => {
		await control(sb, '/sandbox/assist-url', 'POST', { url: assist.url });
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', {
			text: '在吗',
			nickname: '小红',
		});
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', { text: '这个面霜多少钱？' });
		// an agent's reply after it does not change what the suggestions are for
		await control(sb, '/sandbox/events', 'POST', {
			event: 'message',
			message_source: 2,
			to_user_id: 'cust_1',
			text: '在的',
		});
		const r = await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'cust_1' });
		expect(r.status).toBe(200);
		expect(r.json).toEqual(ASSIST_ANSWER);
		expect(assist.requests).toHaveLength(1);
		expect(assist.requests[0]).toMatchObject({
			method: 'POST',
			url: '/webhook/xhs-assist',
			headers: { 'content-type': 'application/json' },
		});
		expect(assist.requests[0].body).toEqual({
			text: '这个面霜多少钱？',
			nickname: '小红',
			customerUserId: 'cust_1',
			conversationId: 'biz_001:cust_1',
		});

		// the page sends the text it shows; given text and nickname win
		await control(sb, '/sandbox/assist', 'POST', {
			customerUserId: 'cust_1',
			business_user_id: 'biz_001',
			text: '怀孕可以用吗',
		});
		await control(sb, '/sandbox/assist', 'POST', { text: '发货了吗', nickname: '阿花' });
		expect(assist.requests.slice(1).map((q) => q.body)).toEqual([
			{
				text: '怀孕可以用吗',
				nickname: '小红',
				customerUserId: 'cust_1',
				conversationId: 'biz_001:cust_1',
			},
			{ text: '发货了吗', nickname: '阿花' },
		]);
		expect((await sb.assist({ customerUserId: 'cust_1' })).body).toEqual(ASSIST_ANSWER);
	});

	test('POST /sandbox/assist: nothing to ask about is 400; a failing assist URL is 502 or 504, never a crash', async () => {
		await control(sb, '/sandbox/assist-url', 'POST', { url: assist.url });
		const none = await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'nobody' });
		expect(none.status).toBe(400);
		expect(none.json.error).toMatch(/no text/);
		await control(sb, '/sandbox/customers/cust_img/messages', 'POST', {
			message_type: 'IMAGE',
			content: { url: 'https://x/1.png' },
		});
		const image = await control(sb, '/sandbox/assist', 'POST', { customerUserId: 'cust_img' });
		expect(image.status).toBe(400);
		expect(image.json.error).toBe("the customer's latest message is IMAGE, not text");
		expect(assist.requests).toHaveLength(0);

		const failing = await startAssistServer((_body, n) =>
			n === 1
				? { status: 500, body: { message: 'Workflow could not be started!' } }
				: { type: 'text/html', body: '<html>oops</html>' },
		);
		try {
			await control(sb, '/sandbox/assist-url', 'POST', { url: failing.url });
			const e500 = await control(sb, '/sandbox/assist', 'POST', { text: '多少钱' });
			expect(e500.status).toBe(502);
			expect(e500.json).toMatchObject({
				error: 'the assist URL answered HTTP 500',
				status: 500,
				body: expect.stringContaining('could not be started'),
			});
			const html = await control(sb, '/sandbox/assist', 'POST', { text: '多少钱' });
			expect(html.status).toBe(502);
			expect(html.json).toMatchObject({ error: 'the assist URL did not answer JSON', status: 200 });
		} finally {
			await failing.close();
		}
		await control(sb, '/sandbox/assist-url', 'POST', { url: failing.url }); // now closed
		const down = await control(sb, '/sandbox/assist', 'POST', { text: '多少钱' });
		expect(down.status).toBe(502);
		expect(down.json.error).toMatch(/^cannot reach the assist URL: ECONNREFUSED/);
	});

	test('a slow assist URL times out with 504; closing the sandbox aborts a forward in flight', async () => {
		const hanging = await startAssistServer(() => ({ hang: true }));
		const quick = await startSandbox({ assistUrl: hanging.url, assistTimeoutMs: 100 });
		try {
			const r = await control(quick, '/sandbox/assist', 'POST', { text: '多少钱' });
			expect(r.status).toBe(504);
			expect(r.json).toEqual({ error: 'the assist URL did not answer within 100 ms' });
			sb.setAssistUrl(hanging.url);
			const seen = hanging.nextRequest();
			const pending = sb.assist({ text: '在吗' });
			await seen;
			await sb.close();
			expect((await pending).status).toBe(502);
		} finally {
			await quick.close();
			await hanging.close();
		}
	});

	test("an agent's reply, as the page sends it, is a source-2 message in the conversation and a push", async () => {
		await control(sb, '/sandbox/customers/cust_1/messages', 'POST', {
			text: '这个面霜多少钱？',
			nickname: '小红',
			wait: true,
		});
		// the body sendReply() in agent-view.html posts
		const sent = await control(sb, '/sandbox/events', 'POST', {
			event: 'message',
			message_source: 2,
			to_user_id: 'cust_1',
			message_type: 'TEXT',
			content: { text: '小红你好，面霜 199 元' },
			from_user_id: 'biz_001',
		});
		expect(sent.status).toBe(200);
		const conv = sb.conversation('cust_1');
		expect(
			conv.messages.map((m) => [m.message_source, m.direction, m.api, m.content.text]),
		).toEqual([
			[1, 'in', false, '这个面霜多少钱？'],
			[2, 'out', false, '小红你好，面霜 199 元'],
		]);
		expect(conv.messages[1].message_id).toBe(sent.json.message_id);
		expect(conv.window).toMatchObject({ open: true, used: 0, remaining: 5 }); // an agent's reply is not an API send
		await rx.waitFor(2);
		const event = dmOf(rx.requests[1]); // a revision-2 DM: plain JSON, content decrypted here
		expect(event).toMatchObject({
			message_id: sent.json.message_id,
			message_source: 2,
			from_user_id: 'biz_001',
			to_user_id: 'cust_1',
			message_type: 'TEXT',
			content: { text: '小红你好，面霜 199 元' },
			user_info: { nickname: '小红' },
		});
	});

	test('serve takes the assist header from --assist-header, else $XHS_SANDBOX_ASSIST_HEADER', () => {
		const env = { XHS_SANDBOX_ASSIST_HEADER: 'Authorization: Bearer from-the-environment' };
		expect(serveOptions(parseArgs(['--port', '0']).flags, env).assistHeaders).toEqual({
			Authorization: 'Bearer from-the-environment',
		});
		expect(
			serveOptions(parseArgs(['--assist-header', 'Authorization: Bearer from-the-flag']).flags, env)
				.assistHeaders,
		).toEqual({ Authorization: 'Bearer from-the-flag' });
		expect(serveOptions({}, {}).assistHeaders).toBeUndefined();
		expect(() => serveOptions(parseArgs(['--assist-header', 'no colon']).flags, {})).toThrow(
			/Name: value/,
		);
	});

	test('serve takes the assist URL from --assist-url, else $XHS_SANDBOX_ASSIST_URL', async () => {
		const env = { XHS_SANDBOX_ASSIST_URL: assist.url };
		expect(serveOptions(parseArgs(['--port', '0']).flags, env).assistUrl).toBe(assist.url);
		expect(
			serveOptions(parseArgs(['--assist-url', 'http://127.0.0.1:9/flag']).flags, env).assistUrl,
		).toBe('http://127.0.0.1:9/flag');
		expect(serveOptions({}, {}).assistUrl).toBeUndefined();
		const served = await startSandbox(
			serveOptions(parseArgs(['--port', '0', '--quiet']).flags, env),
		);
		try {
			expect((await control(served, '/sandbox/assist-url')).json).toEqual({ url: assist.url });
		} finally {
			await served.close();
		}
	});
});
