// The CLI against an in-process sandbox, with a webhook receiver that answers every DM
// through the send API (a tiny auto-responder).
const { execFile } = require('node:child_process');
const path = require('node:path');
const { startSandbox, startReceiver, dmOf, api, login, sendBody, ACK } = require('./helpers');
const { parseArgs, parseValue, parseDuration, serveOptions } = require('../../sandbox/cli');

const CLI = path.join(__dirname, '../../sandbox/cli.js');
const run = (args) =>
	new Promise((resolve) => {
		execFile(process.execPath, [CLI, ...args], { timeout: 20000 }, (error, stdout, stderr) =>
			resolve({ code: error ? error.code : 0, stdout, stderr }),
		);
	});

describe('sandbox CLI', () => {
	let sb;
	let rx;
	beforeAll(async () => {
		sb = await startSandbox();
		const token = (await login(sb)).access_token;
		rx = await startReceiver((req) => {
			const event = dmOf(req);
			if (event.message_source === 1)
				api(
					sb,
					'/api/open/im/third/send',
					sendBody(event.from_user_id, { text: `收到: ${event.content.text}` }),
					token,
				);
			return ACK;
		});
		sb.setWebhook(rx.url);
	});
	afterAll(async () => {
		await sb.close();
		await rx.close();
	});

	test('dm pushes a DM, prints the message id and the replies', async () => {
		const r = await run([
			'dm',
			'--as',
			'cli_1',
			'--nickname',
			'小红',
			'--replies',
			'1',
			'--wait',
			'15',
			'--url',
			sb.url,
			'多少钱',
		]);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/message_id m_[0-9a-f]+/);
		expect(r.stdout).toContain('收到: 多少钱');
		expect(r.stdout).toMatch(/push acked on attempt 1/);
		expect(sb.conversation('cli_1').profile.nickname).toBe('小红');
	});

	test('inbox prints the conversation', async () => {
		const r = await run(['inbox', 'cli_1', `--url=${sb.url}`]);
		expect(r.stdout).toContain('biz_001:cli_1');
		expect(r.stdout).toContain('多少钱');
		expect(r.stdout).toContain('收到: 多少钱');
	});

	test('faults key=value sets knobs; faults clear resets them', async () => {
		const r = await run([
			'faults',
			'echo=true',
			'rateLimitNext=2',
			'serverErrorMode=html',
			'--url',
			sb.url,
		]);
		expect(r.code).toBe(0);
		expect(sb.faults()).toMatchObject({ echo: true, rateLimitNext: 2, serverErrorMode: 'html' });
		await run(['faults', 'clear', '--url', sb.url]);
		expect(sb.faults()).toMatchObject({ echo: false, rateLimitNext: 0 });
		const bad = await run(['faults', 'nope=1', '--url', sb.url]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/unknown fault nope/);
	});

	test('clock, stats and a clear error when no sandbox runs', async () => {
		const c = await run(['clock', '2h', '--url', sb.url]);
		expect(JSON.parse(c.stdout).offset_ms).toBe(2 * 3600 * 1000);
		const s = await run(['stats', '--url', sb.url]);
		expect(JSON.parse(s.stdout).pushes).toBeGreaterThan(0);
		const down = await run(['stats', '--url', 'http://127.0.0.1:9']);
		expect(down.code).toBe(1);
		expect(down.stderr).toMatch(/cannot reach the sandbox/);
	});

	test('serve starts, prints the credential values, and stops on SIGTERM', async () => {
		const { spawn } = require('node:child_process');
		const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--webhook', rx.url]);
		let out = '';
		await new Promise((resolve) => {
			child.stdout.on('data', (c) => {
				out += c;
				if (out.includes('Send a DM')) resolve();
			});
		});
		expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
		expect(out).toMatch(/Refresh Token\s+rt_/);
		expect(out).toMatch(/Encryption Key\s+73616e64626f786b6579313233343536/);
		expect(out).toMatch(/Wire revision\s+r2\s+signature none/);
		expect(out).toContain('/api/leona/three/im/account/add?appId=sandbox_app&token=');
		expect(out).toContain(rx.url);
		const exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve(code ?? signal)),
		);
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});

	test('revision shows and switches the wire revision and signature mode; verify and accounts', async () => {
		const shown = await run(['revision', '--url', sb.url]);
		expect(JSON.parse(shown.stdout)).toEqual({
			revision: 'r2',
			signature_mode: 'none',
			signature_mode_follows_revision: true,
		});
		const set = await run(['revision', 'r1', '--signature-mode', 'body-hmac', '--url', sb.url]);
		expect(JSON.parse(set.stdout)).toEqual({
			revision: 'r1',
			signature_mode: 'body-hmac',
			signature_mode_follows_revision: false,
		});
		const back = await run(['revision', 'r2', '--by-revision', '--url', sb.url]);
		expect(JSON.parse(back.stdout)).toMatchObject({ revision: 'r2', signature_mode: 'none' });
		const bad = await run(['revision', 'r9', '--url', sb.url]);
		expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/revision must be one of/)]);
		const verify = await run(['verify', '--url', sb.url]);
		expect(JSON.parse(verify.stdout)).toMatchObject({ acked: true, event: { event: 'url_check' } });
		expect(rx.requests.at(-1).rawBody).toBe('{"test":true}');
		expect(JSON.parse((await run(['accounts', '--url', sb.url])).stdout).free).toHaveLength(3);
	});

	test('serve options: --revision, --signature-mode, --push-path-suffix, --free-accounts', () => {
		const o = serveOptions(
			parseArgs([
				'--revision',
				'r1',
				'--signature-mode',
				'body-hmac',
				'--free-accounts',
				'5',
				'--push-path-suffix',
			]).flags,
			{},
		);
		expect(o).toMatchObject({
			wireRevision: 'r1',
			signatureMode: 'body-hmac',
			freeAccounts: 5,
			pushPathSuffix: true,
		});
		expect(serveOptions(parseArgs(['--push-path-suffix=false']).flags, {}).pushPathSuffix).toBe(
			false,
		);
		const none = serveOptions({}, {});
		expect([none.wireRevision, none.signatureMode, none.pushPathSuffix, none.freeAccounts]).toEqual(
			[undefined, undefined, undefined, undefined],
		);
	});

	test('argument helpers', () => {
		expect(parseArgs(['--as', 'c1', '--url=http://x', 'hello', 'world', '--flag'])).toEqual({
			flags: { as: 'c1', url: 'http://x', flag: true },
			rest: ['hello', 'world'],
		});
		expect([parseValue('true'), parseValue('12'), parseValue('drop')]).toEqual([true, 12, 'drop']);
		expect([parseDuration('48h'), parseDuration('30s'), parseDuration('1500')]).toEqual([
			172800000, 30000, 1500,
		]);
	});
});
