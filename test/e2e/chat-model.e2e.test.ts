import {
	allExecutions,
	dmWorkflow,
	eventually,
	n8nApi,
	replyToNewCustomer,
	sandbox,
	stack,
} from './stack';

/**
 * n8n's own OpenAI Chat Model node, its base URL pointed at the sandbox's OpenAI-compatible
 * model, wired into the full service desk's Keyword Reply, in real n8n. The sandbox's answers
 * are scripted per DM: a good pick, a made-up entry id, prose, a price the entry does not say,
 * low confidence, slowness and 429. Only the good pick may reach the customer, as the entry's
 * own answer; the rest go to a human with the reason on the item; the fast lane never calls
 * the model. The workflow is put back as it was afterwards.
 */
type Json = Record<string, any>;

const KEYWORD_NODE = 'Keyword reply + knowledge base';
const MODEL_NODE = 'Chat model (e2e)';
/** The DMs, each below the knowledge base's threshold but close to an entry (the tail). */
const DM = {
	good: '我怀孕三个月了能抹吗',
	madeUp: '脸上有痘痘能用吗',
	prose: '学生党有没有便宜点的',
	price: '有没有小样试用',
	low: '可以当妆前乳吗',
	slow: '这个能带上飞机吗',
	limited: '晚上用完第二天会油吗',
	fastLane: '我要投诉，收到的是坏的，气死了',
};
const SCRIPT = [
	{ match: DM.good, pick: '孕妇能用吗', confidence: 0.92, reason: '顾客怀孕，问能否使用' },
	{ match: DM.madeUp, pick: '祛痘专区', confidence: 0.95, reason: '问痘痘肌' },
	{ match: DM.prose, text: '亲，学生党可以领20元新客券，到手更便宜哦～' },
	{ match: DM.price, pick: '有什么优惠', confidence: 0.95, reason: '小样9.9元包邮' },
	{ match: DM.low, pick: '孕妇能用吗', confidence: 0.3, reason: '不太确定' },
	{ match: DM.slow, pick: '怎么用', confidence: 0.9, reason: '用法', delayMs: 6000 },
	{ match: DM.limited, status: 429 },
];

let original: Json;
let credentialId: string;

async function putWorkflow(workflow: Json): Promise<void> {
	const api = n8nApi();
	await api.api('POST', `/workflows/${workflow.id}/deactivate`);
	await api.api('PUT', `/workflows/${workflow.id}`, {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	await api.api('POST', `/workflows/${workflow.id}/activate`);
}

beforeAll(async () => {
	const api = n8nApi();
	const credential = await api.api('POST', '/credentials', {
		name: `Sandbox chat model ${Date.now()}`,
		type: 'openAiApi',
		data: { apiKey: 'sk-sandbox-e2e', url: `${stack.sandboxUrl}/llm/v1`, header: false },
	});
	credentialId = credential.id;
	original = await api.api('GET', `/workflows/${dmWorkflow().id}`);
	const keyword = original.nodes.find((n: Json) => n.name === KEYWORD_NODE);
	const wired: Json = structuredClone(original);
	wired.nodes.find((n: Json) => n.name === KEYWORD_NODE).parameters.options = {
		...keyword.parameters.options,
		modelTimeoutSeconds: 2,
	};
	wired.nodes.push({
		id: 'e2e-chat-model',
		name: MODEL_NODE,
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.3,
		position: [keyword.position[0], keyword.position[1] + 220],
		// As n8n's editor creates it: the Responses API on (the sandbox speaks both), no retries
		// so a 429 is seen at once.
		parameters: {
			model: { __rl: true, value: 'sandbox-model', mode: 'id' },
			options: { maxRetries: 0 },
		},
		credentials: { openAiApi: { id: credential.id, name: credential.name } },
	});
	wired.connections[MODEL_NODE] = {
		ai_languageModel: [[{ node: KEYWORD_NODE, type: 'ai_languageModel', index: 0 }]],
	};
	await putWorkflow(wired);
	await sandbox('POST', '/sandbox/llm/script', { answers: SCRIPT });
}, 60000);

afterAll(async () => {
	await sandbox('DELETE', '/sandbox/llm/script').catch(() => undefined);
	if (original) await putWorkflow(original);
	if (credentialId)
		await n8nApi()
			.api('DELETE', `/credentials/${credentialId}`)
			.catch(() => undefined);
}, 60000);

const send = async (text: string) => await replyToNewCustomer(text, 'cust_ai');

/** smartReply of each DM, read from n8n's saved executions of the service desk. */
async function smartReplies(): Promise<Record<string, Json>> {
	const found: Record<string, Json> = {};
	const recent = (await allExecutions(`workflowId=${dmWorkflow().id}`)).slice(0, 40);
	for (const { id } of recent) {
		const execution = await n8nApi().api('GET', `/executions/${id}?includeData=true`);
		const runs = execution.data?.resultData?.runData?.[KEYWORD_NODE] ?? [];
		for (const run of runs)
			for (const output of run.data?.main ?? [])
				for (const item of output ?? []) found[item.json.text] = item.json.smartReply;
	}
	return found;
}

describe("n8n's OpenAI Chat Model node behind the rules, in real n8n", () => {
	it("a good pick answers with the chosen entry's own answer", async () => {
		expect(await send(DM.good)).toMatch(/孕期和哺乳期都可以用/);
	}, 30000);

	it.each([
		['a made-up entry id', DM.madeUp],
		['prose', DM.prose],
		['a price the entry does not say', DM.price],
		['low confidence', DM.low],
		['a model slower than the timeout', DM.slow],
		['429', DM.limited],
	])(
		'%s goes to a human: nothing the model wrote reaches the customer',
		async (_, text) => {
			const reply = await send(text);
			expect(reply).not.toMatch(/20元新客券|9\.9|满 299 减 50|洁面后取黄豆大小|孕期和哺乳期/);
			// The customer hears who helps or that they are in the queue, as without a model.
			expect(reply).toMatch(/客服|排队|稍等|专属/);
		},
		30000,
	);

	it('the fast lane never calls the model', async () => {
		await send(DM.fastLane);
		expect(await sandbox('GET', `/sandbox/llm/calls?dm=${encodeURIComponent('投诉')}`)).toEqual([]);
	}, 30000);

	it('every decision is explained on the item: the choice, the reason, the confidence or why not', async () => {
		const byText = await eventually('the executions of every DM', async () => {
			const all = await smartReplies();
			return Object.values(DM).every((t) => all[t]) && all;
		});
		expect(byText[DM.good]).toMatchObject({
			route: 'matched',
			source: 'ai',
			ai: { outcome: 'answered', entry: '孕妇能用吗', confidence: 0.92 },
		});
		expect(byText[DM.madeUp].ai).toMatchObject({ handBack: 'unknown entry', entry: '祛痘专区' });
		expect(byText[DM.prose].ai).toMatchObject({ handBack: 'prose' });
		expect(byText[DM.price].ai).toMatchObject({ handBack: 'number not in entry' });
		expect(byText[DM.low].ai).toMatchObject({ handBack: 'low confidence' });
		expect(byText[DM.slow].ai).toMatchObject({ handBack: 'timeout' });
		expect(['rate limited', 'model error']).toContain(byText[DM.limited].ai.handBack);
		expect(byText[DM.limited].ai.why).toMatch(/429|rate limit/i);
		expect(byText[DM.fastLane]).toMatchObject({ route: 'urgent' });
		expect(byText[DM.fastLane].ai).toBeUndefined();
	}, 60000);
});
