// Closing a conversation from the sandbox's pages: POST /sandbox/desk/close forwards to the
// agent-desk template's webhook (GET <n8n>/webhook/xhs-close?conversation=<business>:<customer>)
// at the configured desk URL (n8n's base URL), and says whether the desk had it open.
const http = require('node:http');
const { startSandbox, control } = require('./helpers');
const { parseArgs, serveOptions } = require('../../sandbox/cli');
const { closeUrl } = require('../../sandbox/desk');

/** What workflows/agent-desk.json's "Answer the agent" node answers (text). */
const CLOSED = '会话已结束 ✅ 下一位客户会自动分配给您。Conversation closed.';
const NOTHING = '这个会话已经结束或不存在。Nothing to close.';

/** A stand-in for n8n: records each request, answers `respond(url, n)` ({status, body, hang}). */
async function startFakeN8n(respond) {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		const answer = respond(req.url, requests.length);
		if (answer.hang) return;
		res.writeHead(answer.status ?? 200, {
			'Content-Type': answer.type ?? 'text/plain; charset=utf-8',
		});
		res.end(answer.body ?? '');
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		base: `http://127.0.0.1:${server.address().port}`,
		requests,
		close() {
			server.closeAllConnections();
			return new Promise((r) => server.close(r));
		},
	};
}

describe('sandbox desk proxy (closing a conversation in n8n)', () => {
	let sb;
	let n8n;
	const open = new Set();
	beforeEach(async () => {
		open.clear();
		// Like the template: the first close of an open conversation releases it, a second finds nothing.
		n8n = await startFakeN8n((url) => {
			const u = new URL(url, 'http://x');
			if (u.pathname !== '/webhook/xhs-close')
				return {
					status: 404,
					type: 'application/json',
					body: '{"code":404,"message":"The requested webhook \\"GET xhs-close\\" is not registered."}',
				};
			const id = u.searchParams.get('conversation');
			return { body: open.delete(id) ? CLOSED : NOTHING };
		});
		sb = await startSandbox();
	});
	afterEach(async () => {
		await sb.close();
		await n8n.close();
	});

	test('desk URL: option, GET / POST / DELETE /sandbox/desk-url; only http(s) URLs; reset keeps it', async () => {
		expect((await control(sb, '/sandbox/desk-url')).json).toEqual({ url: null });
		expect((await control(sb, '/sandbox/desk-url', 'POST', { url: n8n.base })).json).toEqual({
			url: `${n8n.base}/`,
		});
		expect(sb.getDeskUrl()).toEqual({ url: `${n8n.base}/` });
		expect((await control(sb, '/sandbox/desk-url', 'POST', { url: 'nope' })).status).toBe(400);
		expect((await control(sb, '/sandbox/desk-url', 'POST', { url: 'ftp://x/' })).status).toBe(400);
		expect((await control(sb, '/sandbox/desk-url', 'POST', {})).json).toEqual({
			error: 'url is required (null clears it)',
		});
		await control(sb, '/sandbox/reset', 'POST', { webhook: true, tokens: true });
		expect((await control(sb, '/sandbox/desk-url')).json).toEqual({ url: `${n8n.base}/` });
		expect((await control(sb, '/sandbox/desk-url', 'DELETE')).json).toEqual({ url: null });
		expect(sb.setDeskUrl(n8n.base)).toEqual({ url: `${n8n.base}/` });
		expect((await control(sb, '/sandbox/desk-url', 'POST', { url: null })).json).toEqual({
			url: null,
		});
		const withOption = await startSandbox({ deskUrl: n8n.base });
		try {
			expect((await control(withOption, '/sandbox/desk-url')).json).toEqual({
				url: `${n8n.base}/`,
			});
		} finally {
			await withOption.close();
		}
		const routes = (await control(sb, '/sandbox')).json.routes;
		expect(routes).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^POST +\/sandbox\/desk\/close /),
				expect.stringMatching(/^GET\|POST\|DELETE \/sandbox\/desk-url/),
			]),
		);
	});

	test('without a desk URL, closing answers 503 with a clear error and calls nobody', async () => {
		const r = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(r.status).toBe(503);
		expect(r.json).toEqual({ error: 'no desk URL configured' });
		expect(n8n.requests).toHaveLength(0);
	});

	test("closing by customer forwards the Trigger's conversation id to the close webhook and says whether it was open", async () => {
		sb.setDeskUrl(n8n.base);
		open.add('biz_001:cust_1');
		const first = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ conversationId: 'biz_001:cust_1', closed: true, text: CLOSED });
		expect(n8n.requests[0]).toMatchObject({
			method: 'GET',
			url: '/webhook/xhs-close?conversation=biz_001%3Acust_1',
		});
		const again = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(again.json).toEqual({ conversationId: 'biz_001:cust_1', closed: false, text: NOTHING });

		// another business account, or the conversation id itself (as the notification's link has it)
		open.add('biz_002:cust_2');
		expect(
			(
				await control(sb, '/sandbox/desk/close', 'POST', {
					customerUserId: 'cust_2',
					business_user_id: 'biz_002',
				})
			).json.closed,
		).toBe(true);
		open.add('biz_001:cust 3/中');
		expect(
			(await sb.closeConversation({ conversationId: 'biz_001:cust 3/中' })).body,
		).toMatchObject({ conversationId: 'biz_001:cust 3/中', closed: true });
		expect(n8n.requests.at(-1).url).toBe(
			'/webhook/xhs-close?conversation=biz_001%3Acust%203%2F%E4%B8%AD',
		);

		const none = await control(sb, '/sandbox/desk/close', 'POST', {});
		expect(none.status).toBe(400);
		expect(none.json).toEqual({ error: 'customerUserId or conversationId is required' });
	});

	test('n8n behind a path keeps its path', () => {
		expect(closeUrl('https://example.com/n8n', 'biz_001:c')).toBe(
			'https://example.com/n8n/webhook/xhs-close?conversation=biz_001%3Ac',
		);
		expect(closeUrl('http://127.0.0.1:5678/', 'biz_001:c')).toBe(
			'http://127.0.0.1:5678/webhook/xhs-close?conversation=biz_001%3Ac',
		);
	});

	test('a failing desk is 502 (HTTP error, unreachable) or 504 (too slow), never a crash', async () => {
		sb.setDeskUrl(`${n8n.base}/wrong-prefix/`);
		const notRegistered = await control(sb, '/sandbox/desk/close', 'POST', {
			customerUserId: 'cust_1',
		});
		expect(notRegistered.status).toBe(502);
		expect(notRegistered.json).toMatchObject({
			error: 'the desk URL answered HTTP 404',
			status: 404,
			body: expect.stringContaining('not registered'),
		});

		const down = await startFakeN8n(() => ({}));
		await down.close();
		sb.setDeskUrl(down.base);
		const refused = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(refused.status).toBe(502);
		expect(refused.json.error).toMatch(/^cannot reach the desk URL: ECONNREFUSED/);

		const hanging = await startFakeN8n(() => ({ hang: true }));
		const quick = await startSandbox({ deskUrl: hanging.base, deskTimeoutMs: 100 });
		try {
			const slow = await control(quick, '/sandbox/desk/close', 'POST', {
				customerUserId: 'cust_1',
			});
			expect(slow.status).toBe(504);
			expect(slow.json).toEqual({ error: 'the desk URL did not answer within 100 ms' });
		} finally {
			await quick.close();
			await hanging.close();
		}
	});

	test('serve takes the desk URL from --desk-url, else $XHS_SANDBOX_DESK_URL', () => {
		const env = { XHS_SANDBOX_DESK_URL: 'http://127.0.0.1:5678' };
		expect(serveOptions(parseArgs(['--port', '0']).flags, env).deskUrl).toBe(
			'http://127.0.0.1:5678',
		);
		expect(serveOptions(parseArgs(['--desk-url', 'http://127.0.0.1:9']).flags, env).deskUrl).toBe(
			'http://127.0.0.1:9',
		);
		expect(serveOptions({}, {}).deskUrl).toBeUndefined();
	});
});
