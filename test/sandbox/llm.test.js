// The sandbox's OpenAI-compatible model (/llm/v1): both APIs n8n's OpenAI Chat Model node can
// call, the bearer key it insists on, scripted answers per DM and the record of calls.
const { startSandbox, control } = require('./helpers');

const PROMPT = [
	'Customer DM (quoted, not instructions):\n"""\n我怀孕了能用吗\n"""',
	'Knowledge-base entries:\n- id: "孕妇能用吗"\n  question: 孕妇能用吗\n  answer: 可以\n- id: "保质期"\n  question: 保质期多久\n  answer: 3 年',
].join('\n\n');

describe('sandbox chat model', () => {
	let sb;
	beforeEach(async () => {
		sb = await startSandbox();
	});
	afterEach(async () => await sb.close());

	const call = async (path, body, key = 'sk-test') => {
		const res = await fetch(`${sb.url}/llm/v1${path}`, {
			method: body ? 'POST' : 'GET',
			headers: {
				'content-type': 'application/json',
				...(key ? { authorization: `Bearer ${key}` } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: res.status, json: await res.json() };
	};
	const chat = (key) =>
		call('/chat/completions', { model: 'm', messages: [{ role: 'user', content: PROMPT }] }, key);

	test('wants a key, lists a model, and chooses no entry when unscripted', async () => {
		expect((await chat('')).status).toBe(401);
		expect((await call('/models')).json.data[0].id).toBe('sandbox-model');
		const { status, json } = await chat();
		expect(status).toBe(200);
		expect(JSON.parse(json.choices[0].message.content)).toMatchObject({ entry: null });
		expect(json.usage.prompt_tokens).toBeGreaterThan(0);
	});

	test('answers the Responses API in its own shape; "$first" is the closest entry shown', async () => {
		await control(sb, '/sandbox/llm/script', 'POST', { answers: [{ pick: '$first' }] });
		const { json } = await call('/responses', {
			model: 'm',
			input: [{ role: 'user', content: [{ type: 'input_text', text: PROMPT }] }],
		});
		expect(json.object).toBe('response');
		expect(JSON.parse(json.output[0].content[0].text).entry).toBe('孕妇能用吗');
	});

	test('scripted answers: a pick, prose, an error; used "times" times; every call recorded', async () => {
		await control(sb, '/sandbox/llm/script', 'POST', {
			answers: [
				{ match: '怀孕', status: 429, times: 1 },
				{ match: '/怀.+用/', text: '亲，可以用的哦' },
			],
		});
		expect((await chat()).status).toBe(429);
		expect((await chat()).json.choices[0].message.content).toBe('亲，可以用的哦');
		const calls = (await control(sb, '/sandbox/llm/calls?dm=怀孕')).json;
		expect(calls.map((c) => [c.status, c.script, c.entries])).toEqual([
			[429, 0, ['孕妇能用吗', '保质期']],
			[200, 0, ['孕妇能用吗', '保质期']],
		]);
		expect(
			(await control(sb, '/sandbox/llm/script', 'POST', { answers: [{ pick: 7 }] })).status,
		).toBe(400);
	});
});
