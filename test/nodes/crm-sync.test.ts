/**
 * Xiaohongshu CRM Sync through n8n-core's WorkflowExecute, one fixture per target, the CRMs
 * answered by nock with their documented request shapes.
 */
import nock from 'nock';

import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
type Out = { json: Json; pairedItem?: unknown };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

let books = 0;
function fixture(
	name: string,
	edit: (params: Json, items: Json[]) => void = () => undefined,
): WorkflowFixture {
	const f = loadFixture(`crm-sync-${name}`);
	const params = f.nodes[1].parameters as Json;
	params.book = `engine-${process.pid}-${Date.now()}-${books++}`;
	const items = JSON.parse(f.nodes[0].parameters.items as string) as Json[];
	edit(params, items);
	f.nodes[0].parameters.items = JSON.stringify(items);
	return f;
}

async function run(f: WorkflowFixture, credentials: Record<string, Json> = {}) {
	const { outputs, errors } = await runWorkflow(f, { credentials });
	return { outputs: (outputs['CRM Sync'] ?? []) as Out[][], error: errors['CRM Sync'] };
}

describe('CRM Sync → any n8n node (records out)', () => {
	it('merges each DM into the profile and puts out profile, history and lead records', async () => {
		const { outputs, error } = await run(fixture('items'));
		expect(error).toBeUndefined();
		const [profiles, history, leads] = outputs;
		expect(profiles.map((p) => [p.json.xhs_user_id, p.json.message_count])).toEqual([
			['cust_c1', 1],
			['cust_c1', 2],
			['cust_c2', 1],
			['cust_c2', 2],
		]);
		expect(profiles[1].json).toMatchObject({
			nickname: '小雨🌸',
			first_contact_at: '2025-11-24T16:00:00.000Z',
			topics: '价格(1), 投诉(1), 面霜(1)',
			intents: '投诉(1), 面霜价格(1)',
			assigned_agent: '老张',
			phone: '13812345678',
			wechat_id: 'xiaoyu_2024',
			region: '上海',
		});
		// The lead form's fields are stated facts; the order number is no phone.
		expect(profiles[3].json).toMatchObject({
			xhs_user_id: 'cust_c2',
			phone: '13900001111',
			region: '杭州',
			gender: 'female',
		});
		// Contacts are masked in history text; whole only in the lead records.
		expect(history[1].json).toMatchObject({
			idempotency_key: 'm_crm_2',
			text: '我要投诉，电话 138****5678，微信 xi****24',
			tags: '投诉',
			agent: '老张',
		});
		expect(leads.map((l) => [l.json.type, l.json.value, l.json.idempotency_key])).toEqual([
			['phone', '13812345678', 'm_crm_2:phone:13812345678'],
			['wechat', 'xiaoyu_2024', 'm_crm_2:wechat:xiaoyu_2024'],
			['phone', '13900001111', 'm_crm_3:phone:13900001111'],
		]);
		expect(leads.map((l) => l.pairedItem)).toEqual([{ item: 1 }, { item: 1 }, { item: 2 }]);
	});

	it('a DM synced twice counts once', async () => {
		const f = fixture('items');
		await run(f);
		const again = await run(f);
		expect(again.outputs[0].map((p) => [p.json.message_count, p.json.duplicate])).toEqual([
			[2, true],
			[2, true],
			[2, true],
			[2, true],
		]);
	});

	it('an item without a message id fails with the field named; the others go on (continue on fail)', async () => {
		const f = fixture('items', (_, items) => delete items[1].messageId);
		expect((await run(f)).error).toMatch(
			/^Item 1: the item has no message id \("messageId"\).*\(field "messageId"\)/,
		);
		(f.nodes[1] as Json).continueOnFail = true;
		const { outputs } = await run(f);
		expect(outputs[0].filter((p) => p.json.error)).toHaveLength(1);
		expect(outputs[1]).toHaveLength(3);
	});
});

const HUBSPOT = 'https://api.hubapi.com';

describe('CRM Sync version 4: reply first, rows queued and written in one batch', () => {
	const batchFixture = () => {
		const f = loadFixture('crm-sync-batch');
		const book = `batch-${process.pid}-${Date.now()}-${books++}`;
		for (const node of f.nodes.slice(1)) (node.parameters as Json).book = book;
		return f;
	};
	const runBatch = async (f: WorkflowFixture) => {
		const { outputs, errors } = await runWorkflow(f, { credentials: {} });
		expect(errors).toEqual({});
		return {
			queued: (outputs['CRM Sync'] ?? [[]])[0] as Out[],
			taken: (outputs['Write Queued Rows'] ?? [[], [], [], [], [], []]) as Out[][],
			confirmed: (outputs['Confirm Rows Written'] ?? [[]])[0] as Out[],
		};
	};

	it('queues each DM (it goes on as itself), then one run takes a profile per customer, every history and lead row, and confirms', async () => {
		const f = batchFixture();
		const { queued, taken, confirmed } = await runBatch(f);
		expect(queued.map((q) => [q.json.messageId, q.json.crm.queued])).toEqual([
			['m_crm_1', true],
			['m_crm_2', true],
			['m_crm_3', true],
			['m_crm_4', true],
		]);
		const [profiles, changed, history, leads, historyAgain, leadsAgain] = taken;
		expect([changed, historyAgain, leadsAgain]).toEqual([[], [], []]);
		// One row per customer, the freshest: the batch writes what the last DM left; both
		// customers are new to the book, so their rows are inserted.
		expect(profiles.map((p) => [p.json.xhs_user_id, p.json.message_count])).toEqual([
			['cust_c1', 2],
			['cust_c2', 2],
		]);
		expect(profiles[0].json).not.toHaveProperty('duplicate');
		// Customers sync in parallel: the rows of one customer keep their order.
		expect(history.map((h) => h.json.idempotency_key).sort()).toEqual([
			'm_crm_1',
			'm_crm_2',
			'm_crm_3',
			'm_crm_4',
		]);
		expect(history.find((h) => h.json.message_id === 'm_crm_2')!.json.text).toBe(
			'我要投诉，电话 138****5678，微信 xi****24',
		);
		expect(leads.map((l) => [l.json.type, l.json.value]).sort()).toEqual([
			['phone', '13812345678'],
			['phone', '13900001111'],
			['wechat', 'xiaoyu_2024'],
		]);
		expect(confirmed.map((c) => c.json)).toEqual([
			{ book: (f.nodes[1].parameters as Json).book, confirmed: true },
		]);
		// The same DMs again (a replay): merged before, so no profile changed and none is
		// written; their rows are queued again (what a crash may have cut off) and written by
		// key, updating the same rows.
		const again = await runBatch(f);
		expect(again.queued.every((q) => q.json.crm.duplicate === true)).toBe(true);
		expect(again.taken.map((o) => o.length)).toEqual([0, 0, 4, 3, 0, 0]);
	});

	it('a version 4 node without the operation field syncs as before (records out with each DM)', async () => {
		const f = fixture('items', (params) => delete params.operation);
		f.nodes[1].typeVersion = 4;
		const { outputs, error } = await run(f);
		expect(error).toBeUndefined();
		expect(outputs.map((o) => o.length)).toEqual([4, 4, 3]);
	});
});

describe('CRM Sync versions and phone leads', () => {
	const dm = {
		event: 'message',
		messageId: 'm_regions',
		customerUserId: 'cust_hk',
		text: '我在香港，电话 +852 9123 4567，公司座机 010-62345678',
		timestampMs: 1764000000000,
	};
	const phonesAt = async (version: number) => {
		const f = fixture('items', (_params, items) => items.splice(0, items.length, dm));
		f.nodes[1].typeVersion = version;
		const { outputs, error } = await run(f);
		expect(error).toBeUndefined();
		return { leads: outputs[2].map((l) => l.json.value), history: outputs[1][0].json.text };
	};

	it('version 3 takes Hong Kong and landline numbers as leads (E.164), 1–2 keep mainland mobiles', async () => {
		expect((await phonesAt(3)).leads).toEqual(['+85291234567', '+861062345678']);
		expect((await phonesAt(2)).leads).toEqual([]);
	});

	it('every version masks them in the history text', async () => {
		for (const version of [2, 3])
			expect((await phonesAt(version)).history).toBe(
				'我在香港，电话 +852****4567，公司座机 +86****5678',
			);
	});
});

describe('CRM Sync → HubSpot', () => {
	it('creates or updates the contact by the custom property and adds one note per DM', async () => {
		const token = 'pat-na1-secret-token';
		const contacts: Json[] = [];
		const notes: Json[] = [];
		const auth = { reqheaders: { authorization: `Bearer ${token}` } };
		nock(HUBSPOT, auth)
			.persist()
			.post('/crm/v3/objects/contacts/search')
			.reply(200, (_uri, body: any) => {
				expect(body).toMatchObject({
					filterGroups: [{ filters: [{ propertyName: 'xhs_user_id', operator: 'EQ' }] }],
					limit: 1,
				});
				const value = body.filterGroups[0].filters[0].value;
				return { total: 0, results: contacts.filter((c) => c.properties.xhs_user_id === value) };
			})
			.post('/crm/v3/objects/contacts')
			.reply(201, (_uri, body: any) => {
				const contact = { id: String(100 + contacts.length), properties: body.properties };
				contacts.push(contact);
				return contact;
			})
			.patch(/\/crm\/v3\/objects\/contacts\/\d+/)
			.reply(200, (uri, body: any) => {
				const contact = contacts.find((c) => uri.endsWith(`/${c.id}`))!;
				Object.assign(contact.properties, body.properties);
				return contact;
			})
			.post('/crm/v3/objects/notes/search')
			.reply(200, (_uri, body: any) => {
				expect(body.filterGroups[0].filters[0]).toMatchObject({
					propertyName: 'hs_note_body',
					operator: 'CONTAINS_TOKEN',
				});
				const marker = body.filterGroups[0].filters[0].value;
				return { results: notes.filter((n) => n.properties.hs_note_body.includes(marker)) };
			})
			.post('/crm/v3/objects/notes')
			.reply(201, (_uri, body: any) => {
				const note = { id: String(900 + notes.length), ...body };
				notes.push(note);
				return note;
			});
		const credentials = { xiaohongshuHubspotApi: { accessToken: token, baseUrl: HUBSPOT } };
		const { outputs, error } = await run(fixture('hubspot'), credentials);
		expect(error).toBeUndefined();
		const [synced, failed] = outputs;
		expect(failed).toEqual([]);
		contacts.sort((a, b) => a.properties.xhs_user_id.localeCompare(b.properties.xhs_user_id));
		expect(contacts.map((c) => c.properties)).toEqual([
			{
				xhs_user_id: 'cust_c1',
				firstname: '小雨🌸',
				phone: '13812345678',
				city: '上海',
				xhs_topics: '价格(1), 投诉(1), 面霜(1)',
			},
			{
				xhs_user_id: 'cust_c2',
				firstname: '阿花',
				phone: '13900001111',
				city: '杭州',
				xhs_topics: '物流(1)',
			},
		]);
		expect(notes).toHaveLength(4);
		const c1 = contacts[0].id;
		const complaint = notes.find((n) => n.properties.hs_note_body.includes('我要投诉'));
		expect(complaint).toMatchObject({
			properties: {
				hs_note_body: expect.stringContaining('我要投诉，电话 138****5678'),
				hs_timestamp: '1764000060000',
			},
			associations: [
				{
					to: { id: c1 },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
				},
			],
		});
		expect(synced.map((s) => s.json.crm.customerId)).toEqual([
			c1,
			c1,
			contacts[1].id,
			contacts[1].id,
		]);

		// A replay of the same DMs writes no second note.
		await run(fixture('hubspot'), credentials);
		expect(notes).toHaveLength(4);
		expect(contacts).toHaveLength(2);
	});

	it('a refused token is a failed item with the hint, and never shows the token', async () => {
		nock(HUBSPOT).post('/crm/v3/objects/contacts/search').times(4).reply(401, {
			status: 'error',
			message: 'Authentication credentials not found.',
			category: 'INVALID_AUTHENTICATION',
		});
		const { outputs } = await run(
			fixture('hubspot', (_, items) => items.splice(1)),
			{ xiaohongshuHubspotApi: { accessToken: 'pat-secret-xyz', baseUrl: HUBSPOT } },
		);
		const [, failed] = outputs;
		expect(failed).toHaveLength(1);
		expect(failed[0].json.crmSync).toMatchObject({
			target: 'hubspot',
			retryable: false,
			error: expect.stringMatching(/HubSpot findContactBy failed \(HTTP 401\)/),
		});
		expect(JSON.stringify(failed[0].json)).not.toContain('pat-secret-xyz');
		expect(failed[0].json.messageId).toBe('m_crm_1');
	});
});

const FEISHU = 'https://open.feishu.cn';

describe('CRM Sync → Feishu Bitable', () => {
	it('gets one tenant token, upserts the customer row by xhs_user_id and adds history rows once', async () => {
		const rows: Record<string, Json[]> = { tblCUST: [], tblHIST: [] };
		let tokenRequests = 0;
		nock(FEISHU)
			.persist()
			.post('/open-apis/auth/v3/tenant_access_token/internal', {
				app_id: 'cli_test',
				app_secret: 'feishu-secret',
			})
			.reply(200, () => {
				tokenRequests++;
				return { code: 0, msg: 'ok', tenant_access_token: 't-tenant-token', expire: 7200 };
			})
			.post(/\/open-apis\/bitable\/v1\/apps\/bascnTEST\/tables\/(tblCUST|tblHIST)\/records\/search/)
			.reply(200, function (uri, body: any) {
				expect(this.req.headers.authorization).toBe('Bearer t-tenant-token');
				const table = /tables\/(\w+)\//.exec(uri)![1];
				const [condition] = body.filter.conditions;
				expect(body.filter.conjunction).toBe('and');
				expect(condition.operator).toBe('is');
				const items = rows[table].filter(
					(r) => r.fields[condition.field_name] === condition.value[0],
				);
				return { code: 0, msg: 'success', data: { items, has_more: false, total: items.length } };
			})
			.post(
				/\/open-apis\/bitable\/v1\/apps\/bascnTEST\/tables\/(tblCUST|tblHIST)\/records\?client_token=/,
			)
			.reply(200, (uri, body: any) => {
				const table = /tables\/(\w+)\//.exec(uri)![1];
				const record = { record_id: `rec${table}${rows[table].length}`, fields: body.fields };
				rows[table].push(record);
				return { code: 0, msg: 'success', data: { record } };
			})
			.put(/\/open-apis\/bitable\/v1\/apps\/bascnTEST\/tables\/tblCUST\/records\/rec\w+/)
			.reply(200, (uri, body: any) => {
				const record = rows.tblCUST.find((r) => uri.endsWith(r.record_id))!;
				Object.assign(record.fields, body.fields);
				return { code: 0, msg: 'success', data: { record } };
			});
		const credentials = {
			xiaohongshuFeishuApi: { appId: 'cli_test', appSecret: 'feishu-secret', baseUrl: FEISHU },
		};
		const { outputs, error } = await run(fixture('feishu'), credentials);
		expect(error).toBeUndefined();
		expect(outputs[1]).toEqual([]);
		expect(tokenRequests).toBe(1);
		expect(
			rows.tblCUST.map((r) => [r.fields.xhs_user_id, r.fields.message_count, r.fields.phone]),
		).toEqual([
			['cust_c1', 2, '13812345678'],
			['cust_c2', 2, '13900001111'],
		]);
		// Customers sync in parallel, each customer's DMs in order.
		expect(rows.tblHIST.map((r) => r.fields.message_id).sort()).toEqual([
			'm_crm_1',
			'm_crm_2',
			'm_crm_3',
			'm_crm_4',
		]);
		await run(fixture('feishu'), credentials);
		expect(rows.tblHIST).toHaveLength(4);
		expect(rows.tblCUST).toHaveLength(2);
	});
});

describe('CRM Sync with purchase records from the ark API (the sandbox)', () => {
	it("adds the customer's order count, total and last order to the profile", async () => {
		nock.enableNetConnect('127.0.0.1');
		const { createSandbox } = require('../../sandbox/server');
		const sb = await createSandbox({ port: 0 });
		try {
			const f = fixture('items', (params, items) => {
				params.includePurchases = true;
				items.splice(0, items.length, {
					messageId: 'm_buy_1',
					customerUserId: 'cust_1',
					nickname: '小红',
					text: '我买的精华发货了吗',
					timestampMs: Date.now(),
				});
			});
			const credentials = {
				xiaohongshuArkApi: {
					environment: 'sandbox',
					baseUrl: sb.url,
					appId: sb.app.ark_app_id,
					appSecret: sb.app.ark_app_secret,
					accessToken: sb.app.ark_access_token,
				},
			};
			f.nodes[1].credentials = { xiaohongshuArkApi: { id: 'ark', name: 'Ark sandbox' } };
			const { outputs, error } = await run(f, credentials);
			expect(error).toBeUndefined();
			const [profile] = outputs[0];
			expect(profile.json).toMatchObject({
				xhs_user_id: 'cust_1',
				purchase_count: 2,
				last_order_at: expect.any(String),
				last_order_status: expect.any(String),
			});
			expect(profile.json.purchase_total).toBeGreaterThan(0);
		} finally {
			await sb.close();
			nock.disableNetConnect();
		}
	});
});

describe('CRM Sync → in-house HTTP CRM, with a 500 stretch in the middle of 1,000 DMs', () => {
	it('every contact and history entry exists exactly once after a replay of the failed items', async () => {
		const customers = new Map<string, Json>();
		const messages = new Map<string, Json>();
		let requests = 0;
		let duplicatesRefused = 0;
		// Requests 500–1100 fail; every third of them after the CRM already stored it (the answer is lost).
		const failing = (n: number) => n >= 500 && n < 1100;
		nock('https://crm.example.com', { reqheaders: { 'x-api-key': 'crm-key' } })
			.persist()
			.put(/\/api\/customers\/.+/)
			.reply(function (uri, body: any) {
				const n = ++requests;
				const store = () => customers.set(decodeURIComponent(uri.split('/').pop()!), body.customer);
				if (failing(n)) {
					if (n % 3 === 0) store();
					return [500, { error: 'database unavailable' }];
				}
				store();
				return [200, { id: `c-${body.customer.xhs_user_id}` }];
			})
			.post('/api/messages')
			.reply(function (_uri, body: any) {
				const n = ++requests;
				const key = this.req.headers['idempotency-key'] as string;
				expect(key).toBe(body.idempotency_key);
				const store = () => {
					if (messages.has(key)) duplicatesRefused++;
					else messages.set(key, body);
				};
				if (failing(n)) {
					if (n % 3 === 0) store();
					return [500, { error: 'database unavailable' }];
				}
				if (messages.has(key)) {
					duplicatesRefused++;
					return [409, { error: 'duplicate', id: key }];
				}
				store();
				return [201, { id: key }];
			});
		const dms = Array.from({ length: 1000 }, (_, i) => ({
			messageId: `m_chaos_${i}`,
			customerUserId: `cust_chaos_${i % 200}`,
			nickname: `顾客${i % 200}`,
			text: i % 50 === 0 ? `电话 139${String(10_000_000 + i).slice(0, 8)}` : `第 ${i} 条私信`,
			timestampMs: 1764000000000 + i * 1000,
		}));
		const f = fixture('http', (_, items) => items.splice(0, items.length, ...dms));
		const credentials = {
			xiaohongshuCrmHttpApi: { headerName: 'X-Api-Key', secretValue: 'crm-key' },
		};
		const first = await run(f, credentials);
		expect(first.error).toBeUndefined();
		const [synced, failed] = first.outputs;
		expect(synced.length + failed.length).toBe(1000);
		expect(failed.length).toBeGreaterThan(50);
		expect(failed[0].json.crmSync).toMatchObject({
			target: 'http',
			retryable: true,
			attempts: 2,
			error: expect.stringMatching(/HTTP 500/),
		});

		// The replay: the failed items, as they came out, back into the node.
		const replay = fixture('http', (_, items) =>
			items.splice(0, items.length, ...failed.map((x) => x.json)),
		);
		(replay.nodes[1].parameters as Json).book = (f.nodes[1].parameters as Json).book;
		const second = await run(replay, credentials);
		expect(second.outputs[1]).toEqual([]);
		expect(second.outputs[0].every((x) => x.json.crmSync === undefined)).toBe(true);

		expect(messages.size).toBe(1000);
		expect(customers.size).toBe(200);
		// Each customer's profile counts its 5 DMs once, whatever was retried or replayed.
		expect([...customers.values()].every((c) => c.message_count === 5)).toBe(true);
		expect(customers.get('cust_chaos_0')).toMatchObject({ phone: '13910000000' });
		// Ambiguous failures were re-sent and refused by the idempotency key, never stored twice.
		expect(duplicatesRefused).toBeGreaterThan(0);
	}, 120_000);
});
