// Closing a conversation from the sandbox's pages: POST /sandbox/desk/close does what the agent
// would do with the signed close link of their team chat notice (结束会话：…/webhook/xhs-close
// ?conversation=…&t=…): it posts the token, as the link's confirmation button does, to the
// agent-desk template's webhook (POST <n8n>/webhook/xhs-close {t}) at the configured desk URL,
// and says whether the desk closed it. The stand-in for n8n checks the links with the real
// signing engine and answers with its real pages.
const http = require('node:http');
const { startSandbox, control } = require('./helpers');
const { parseArgs, serveOptions } = require('../../sandbox/cli');
const { closeUrl, closeLinkOf, latestCloseToken, pageText } = require('../../sandbox/desk');
const {
	actionLinkUrl,
	createActionLinkToken,
	donePage,
	refusalPage,
	verifyActionLinkToken,
} = require('../../nodes/shared/agentLinks');

const SECRET = 'sandbox-desk-test-link-secret-0123';

/** A close link as the templates' Create Action Link makes it (with the conversation as a label). */
function closeLink(base, conversationId, agentId = 'xiaoli', path = 'xhs-close') {
	const { token } = createActionLinkToken(
		{ action: 'close', agentId, conversationId, desk: 'beauty-brand' },
		{ secret: SECRET },
	);
	const url = actionLinkUrl(
		`${base}/webhook/${path}?conversation=${encodeURIComponent(conversationId)}`,
		token,
	);
	return { url, token };
}

/** The notice "Notify the agent (Feishu bot)" posts, into the sandbox's team chat. */
async function notify(sb, bot, conversationId, closeUrlText) {
	const text = `【新私信】小雨：在吗\n分配原因：least loaded; load 1/3\n结束会话：${closeUrlText}\n暂离：http://127.0.0.1:5678/webhook/xhs-status?t=x.y`;
	const r = await control(sb, `/sandbox/bot/feishu/${bot}`, 'POST', {
		msg_type: 'text',
		content: { text },
	});
	expect(r.status).toBe(200);
	return conversationId;
}

/**
 * A stand-in for n8n's agent-desk template: POST /webhook/xhs-close {t} checks the token with
 * the engine, uses it once, and answers the template's pages (the done page, "already closed"
 * when the desk had nothing open, the refusal page with 403). Records each request.
 */
async function startFakeN8n({ open = new Set(), hang = false, status } = {}) {
	const requests = [];
	const used = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const body = raw ? JSON.parse(raw) : undefined;
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (hang) return;
			const answer = (code, page) => {
				res.writeHead(code, { 'Content-Type': 'text/html; charset=utf-8' });
				res.end(page);
			};
			if (status) return answer(status, 'boom');
			if (new URL(req.url, 'http://x').pathname !== '/webhook/xhs-close') {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				return res.end(
					'{"code":404,"message":"The requested webhook \\"POST xhs-close\\" is not registered."}',
				);
			}
			const verdict = verifyActionLinkToken(body?.t ?? '', { secret: SECRET });
			if (!verdict.ok) return answer(403, refusalPage(verdict.reason));
			if (used.has(verdict.claims.nonce)) return answer(403, refusalPage('used'));
			used.add(verdict.claims.nonce);
			const closed = open.delete(verdict.claims.conversationId);
			return answer(
				200,
				donePage(verdict.claims, closed ? 'done' : 'nothing-to-do', { customer: '小雨' }),
			);
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		base: `http://127.0.0.1:${server.address().port}`,
		requests,
		open,
		close() {
			server.closeAllConnections();
			return new Promise((r) => server.close(r));
		},
	};
}

describe('sandbox desk proxy (closing a conversation in n8n with the agent link)', () => {
	let sb;
	let n8n;
	beforeEach(async () => {
		n8n = await startFakeN8n();
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
		await notify(sb, 'xiaoli', 'biz_001:cust_1', closeLink(n8n.base, 'biz_001:cust_1').url);
		const r = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(r.status).toBe(503);
		expect(r.json).toEqual({ error: 'no desk URL configured' });
		expect(n8n.requests).toHaveLength(0);
	});

	test("closing by customer posts the token of the agent's close link, once; the second close finds it used", async () => {
		sb.setDeskUrl(n8n.base);
		n8n.open.add('biz_001:cust_1');
		const link = closeLink(n8n.base, 'biz_001:cust_1');
		await notify(sb, 'xiaoli', 'biz_001:cust_1', link.url);
		const first = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({
			conversationId: 'biz_001:cust_1',
			closed: true,
			text: '已结束与 小雨 的会话。 The conversation with 小雨 is closed.',
		});
		// What the confirmation page's button sends: a POST of the token, to the desk's own close webhook.
		expect(n8n.requests).toHaveLength(1);
		expect(n8n.requests[0]).toMatchObject({
			method: 'POST',
			url: '/webhook/xhs-close',
			body: { t: link.token },
		});
		expect(n8n.requests[0].headers['content-type']).toBe('application/json');

		const again = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(again.status).toBe(200);
		expect(again.json).toEqual({
			conversationId: 'biz_001:cust_1',
			closed: false,
			refused: 'used',
			text: '这个链接已经用过了。 This link was already used. 什么都没有改变。 Nothing was changed. used',
		});
	});

	test('the latest close link of that conversation counts: not an older one, another conversation, or another desk', async () => {
		sb.setDeskUrl(n8n.base);
		n8n.open.add('biz_001:cust_1');
		const older = closeLink(n8n.base, 'biz_001:cust_1', 'xiaowang');
		const latest = closeLink(n8n.base, 'biz_001:cust_1', 'xiaoli');
		await notify(sb, 'xiaowang', 'biz_001:cust_1', older.url);
		await notify(sb, 'xiaoli', 'biz_001:cust_1', latest.url);
		// Later notices about other conversations, and the website chat's own close link.
		await notify(sb, 'xiaoli', 'biz_001:cust_10', closeLink(n8n.base, 'biz_001:cust_10').url);
		await notify(
			sb,
			'xiaoli',
			'biz_001:cust_1',
			closeLink(n8n.base, 'biz_001:cust_1', 'xiaoli', 'xhs-webchat-close').url,
		);
		const r = await control(sb, '/sandbox/desk/close', 'POST', {
			conversationId: 'biz_001:cust_1',
		});
		expect(r.json.closed).toBe(true);
		expect(n8n.requests.map((q) => q.body.t)).toEqual([latest.token]);
	});

	test('another business account, an id with a space or 中文, and a conversation nobody was told about', async () => {
		sb.setDeskUrl(n8n.base);
		n8n.open.add('biz_002:cust_2');
		await notify(sb, 'xiaoli', 'x', closeLink(n8n.base, 'biz_002:cust_2').url);
		expect(
			(
				await control(sb, '/sandbox/desk/close', 'POST', {
					customerUserId: 'cust_2',
					business_user_id: 'biz_002',
				})
			).json.closed,
		).toBe(true);
		n8n.open.add('biz_001:cust 3/中');
		await notify(sb, 'xiaoli', 'x', closeLink(n8n.base, 'biz_001:cust 3/中').url);
		expect(
			(await sb.closeConversation({ conversationId: 'biz_001:cust 3/中' })).body,
		).toMatchObject({ conversationId: 'biz_001:cust 3/中', closed: true });

		const requests = n8n.requests.length;
		const never = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_9' });
		expect(never.status).toBe(200);
		expect(never.json).toMatchObject({ conversationId: 'biz_001:cust_9', closed: false });
		expect(never.json.text).toMatch(/never assigned/);
		expect(n8n.requests).toHaveLength(requests);

		const none = await control(sb, '/sandbox/desk/close', 'POST', {});
		expect(none.status).toBe(400);
		expect(none.json).toEqual({ error: 'customerUserId or conversationId is required' });
	});

	test('a link the desk had nothing open for is not closed; a refused link (signed with another secret) is an error', async () => {
		sb.setDeskUrl(n8n.base);
		await notify(sb, 'xiaoli', 'x', closeLink(n8n.base, 'biz_001:cust_4').url);
		expect(
			(await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_4' })).json,
		).toEqual({
			conversationId: 'biz_001:cust_4',
			closed: false,
			text: '这个会话已经结束了。 This conversation was already closed.',
		});

		const { token } = createActionLinkToken(
			{ action: 'close', agentId: 'xiaoli', conversationId: 'biz_001:cust_5' },
			{ secret: 'an-older-secret-of-this-n8n-0000' },
		);
		await notify(
			sb,
			'xiaoli',
			'x',
			actionLinkUrl(`${n8n.base}/webhook/xhs-close?conversation=biz_001%3Acust_5`, token),
		);
		const refused = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_5' });
		expect(refused.status).toBe(502);
		expect(refused.json).toEqual({
			error: "n8n refused the agent's close link: bad-signature",
			status: 403,
			refused: 'bad-signature',
		});
	});

	test('the links and pages it reads', () => {
		const link = closeLink('http://127.0.0.1:5678', 'biz_001:cust 3/中+x');
		expect(link.url).toMatch(
			/^http:\/\/127\.0\.0\.1:5678\/webhook\/xhs-close\?conversation=biz_001%3Acust\+3%2F%E4%B8%AD%2Bx&t=/,
		);
		expect(closeLinkOf(`【新私信】a：b\n结束会话：${link.url}\n暂离：…`)).toEqual({
			conversationId: 'biz_001:cust 3/中+x',
			token: link.token,
		});
		for (const text of [
			'no link',
			'结束会话：not a url',
			'结束会话：http://127.0.0.1:5678/webhook/xhs-close?conversation=biz_001%3Ac',
			`结束会话：${closeLink('http://h', 'c', 'a', 'xhs-webchat-close').url}`,
		])
			expect(closeLinkOf(text)).toBeUndefined();
		const notices = [
			{ id: 1, text: `结束会话：${closeLink('http://h', 'c:1').url}` },
			{ id: 2, text: `结束会话：${link.url}` },
		];
		expect(latestCloseToken(notices, 'biz_001:cust 3/中+x')).toBe(link.token);
		expect(latestCloseToken(notices, 'c:2')).toBeUndefined();
		expect(pageText(refusalPage('expired'))).toBe(
			'链接已过期，请使用新的链接。 This link has expired; use a newer one. 什么都没有改变。 Nothing was changed. expired',
		);
	});

	test('n8n behind a path keeps its path', () => {
		expect(closeUrl('https://example.com/n8n')).toBe('https://example.com/n8n/webhook/xhs-close');
		expect(closeUrl('http://127.0.0.1:5678/')).toBe('http://127.0.0.1:5678/webhook/xhs-close');
	});

	test('a failing desk is 502 (HTTP error, unreachable) or 504 (too slow), never a crash', async () => {
		await notify(sb, 'xiaoli', 'x', closeLink(n8n.base, 'biz_001:cust_1').url);
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

		const failing = await startFakeN8n({ status: 500 });
		try {
			sb.setDeskUrl(failing.base);
			const error = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
			expect(error.status).toBe(502);
			expect(error.json).toEqual({
				error: 'the desk URL answered HTTP 500',
				status: 500,
				body: 'boom',
			});
		} finally {
			await failing.close();
		}

		const down = await startFakeN8n();
		await down.close();
		sb.setDeskUrl(down.base);
		const refused = await control(sb, '/sandbox/desk/close', 'POST', { customerUserId: 'cust_1' });
		expect(refused.status).toBe(502);
		expect(refused.json.error).toMatch(/^cannot reach the desk URL: ECONNREFUSED/);

		const hanging = await startFakeN8n({ hang: true });
		const quick = await startSandbox({ deskUrl: hanging.base, deskTimeoutMs: 100 });
		try {
			await notify(quick, 'xiaoli', 'x', closeLink(hanging.base, 'biz_001:cust_1').url);
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
