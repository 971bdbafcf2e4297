/**
 * Xiaohongshu CRM Sync version 2: the Feishu customers and history tables are pick lists of
 * the Base's tables. The list search method as the editor calls it (a fake
 * ILoadOptionsFunctions, Feishu answered by nock), and the version-2 fixture through
 * n8n-core's WorkflowExecute.
 */
import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import nock from 'nock';
import { XiaohongshuCrmSync } from '../../nodes/XiaohongshuCrmSync/XiaohongshuCrmSync.node';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
type Out = { json: Json; pairedItem?: unknown };

const FEISHU = 'https://open.feishu.cn';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

let apps = 0;
/** A Feishu app of its own per test: the tenant token is cached in the state store per app. */
const feishuCredential = () => ({
	appId: `cli_pick_${process.pid}_${apps++}`,
	appSecret: 'feishu-secret',
	baseUrl: FEISHU,
});

/** The editor's load-options context, reduced to what list search uses; HTTP goes through fetch (nock). */
function editor(parameters: Record<string, unknown>, credential: Json): ILoadOptionsFunctions {
	return {
		getCurrentNodeParameter: (name: string) => parameters[name],
		getCredentials: async () => credential,
		getNode: () => ({
			id: 'n',
			name: 'CRM Sync',
			type: 'xiaohongshuCrmSync',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const response = await fetch(String(options.url), {
					method: options.method,
					headers: options.headers as Record<string, string>,
					body: options.body === undefined ? undefined : JSON.stringify(options.body),
				});
				return {
					statusCode: response.status,
					headers: Object.fromEntries(response.headers),
					body: await response.json().catch(() => undefined),
				};
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

function tokenEndpoint(credential: Json) {
	return nock(FEISHU)
		.post(TOKEN_PATH, { app_id: credential.appId, app_secret: credential.appSecret })
		.reply(200, { code: 0, msg: 'ok', tenant_access_token: 't-pick-token', expire: 7200 });
}

const tablesPage = (items: Array<{ table_id: string; name: string }>, more?: string) => ({
	code: 0,
	msg: 'success',
	data: {
		has_more: Boolean(more),
		page_token: more ?? 'tblLast',
		total: items.length,
		items: items.map((t, i) => ({ ...t, revision: i + 1 })),
	},
});

const listSearch = new XiaohongshuCrmSync().methods.listSearch;

describe('CRM Sync pick lists (version 2)', () => {
	it('lists the tables of the Base by name, and filters by what is typed', async () => {
		const credential = feishuCredential();
		tokenEndpoint(credential);
		nock(FEISHU, { reqheaders: { authorization: 'Bearer t-pick-token' } })
			.get('/open-apis/bitable/v1/apps/bascnTEST/tables')
			.query({ page_size: '100' })
			.times(2)
			.reply(
				200,
				tablesPage([
					{ table_id: 'tblCUST', name: '客户' },
					{ table_id: 'tblHIST', name: '私信记录' },
					{ table_id: 'tblX', name: '' },
				]),
			);
		const params = { target: 'feishu', feishuBaseId: 'bascnTEST' };
		const { results, paginationToken } = await listSearch.searchFeishuTables.call(
			editor(params, credential),
		);
		expect(results).toEqual([
			{ name: '客户', value: 'tblCUST' },
			{ name: '私信记录', value: 'tblHIST' },
			{ name: 'tblX', value: 'tblX' },
		]);
		expect(paginationToken).toBeUndefined();
		// The tenant token is reused (from the state store) for the next search.
		expect(
			(await listSearch.searchFeishuTables.call(editor(params, credential), '私信')).results,
		).toEqual([{ name: '私信记录', value: 'tblHIST' }]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('pages through a Base with more tables than one answer holds', async () => {
		const credential = feishuCredential();
		tokenEndpoint(credential);
		const api = nock(FEISHU).get('/open-apis/bitable/v1/apps/bascnBIG/tables');
		api
			.query({ page_size: '100' })
			.reply(200, tablesPage([{ table_id: 'tbl1', name: 'A' }], 'next-page'));
		nock(FEISHU)
			.get('/open-apis/bitable/v1/apps/bascnBIG/tables')
			.query({ page_size: '100', page_token: 'next-page' })
			.reply(200, tablesPage([{ table_id: 'tbl2', name: 'B' }]));
		const first = await listSearch.searchFeishuTables.call(
			editor({ feishuBaseId: 'bascnBIG' }, credential),
		);
		expect(first).toEqual({
			results: [{ name: 'A', value: 'tbl1' }],
			paginationToken: 'next-page',
		});
		const second = await listSearch.searchFeishuTables.call(
			editor({ feishuBaseId: 'bascnBIG' }, credential),
			undefined,
			first.paginationToken,
		);
		expect(second).toEqual({ results: [{ name: 'B', value: 'tbl2' }], paginationToken: undefined });
	});

	it('asks for the Base ID first, as text; a Base the app may not read says what to grant', async () => {
		const credential = feishuCredential();
		for (const feishuBaseId of [undefined, '  ', '={{ $json.base }}']) {
			await expect(
				listSearch.searchFeishuTables.call(editor({ feishuBaseId }, credential)),
			).rejects.toThrow(/^Enter the Base ID first/);
		}
		tokenEndpoint(credential);
		nock(FEISHU)
			.get('/open-apis/bitable/v1/apps/bascnLOCKED/tables')
			.query(true)
			.reply(403, { code: 1254302, msg: 'Permission denied' });
		await expect(
			listSearch.searchFeishuTables.call(editor({ feishuBaseId: 'bascnLOCKED' }, credential)),
		).rejects.toMatchObject({
			message: expect.stringMatching(/Permission denied/),
			hint: expect.stringMatching(/Base scope/),
		});
	});
});

let books = 0;
function fixture(edit: (params: Json) => void = () => undefined): WorkflowFixture {
	const f = loadFixture('crm-sync-feishu-v2');
	const params = f.nodes[1].parameters as Json;
	params.book = `engine-v2-${process.pid}-${Date.now()}-${books++}`;
	edit(params);
	return f;
}

/** A Bitable Base with a customers and a history table, as the Feishu API answers for it. */
function feishuBase(credential: Json) {
	const rows: Record<string, Json[]> = { tblCUST: [], tblHIST: [] };
	nock(FEISHU)
		.persist()
		.post(TOKEN_PATH, { app_id: credential.appId, app_secret: credential.appSecret })
		.reply(200, { code: 0, msg: 'ok', tenant_access_token: 't-tenant-token', expire: 7200 })
		.post(/\/open-apis\/bitable\/v1\/apps\/bascnTEST\/tables\/(tblCUST|tblHIST)\/records\/search/)
		.reply(200, (uri, body: any) => {
			const table = /tables\/(\w+)\//.exec(uri)![1];
			const [condition] = body.filter.conditions;
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
	return rows;
}

async function run(f: WorkflowFixture, credential: Json) {
	const { outputs, errors } = await runWorkflow(f, {
		credentials: { xiaohongshuFeishuApi: credential },
	});
	return { outputs: (outputs['CRM Sync'] ?? []) as Out[][], error: errors['CRM Sync'] };
}

describe('CRM Sync → Feishu Bitable, version 2 fixture', () => {
	it('writes to the customers table picked from the list and the history table given by its link', async () => {
		const credential = feishuCredential();
		const rows = feishuBase(credential);
		const { outputs, error } = await run(fixture(), credential);
		expect(error).toBeUndefined();
		const [synced, failed] = outputs;
		expect(failed).toEqual([]);
		expect(
			rows.tblCUST.map((r) => [r.fields.xhs_user_id, r.fields.message_count, r.fields.phone]),
		).toEqual([
			['cust_c1', 2, '13812345678'],
			['cust_c2', 2, '13900001111'],
		]);
		expect(rows.tblHIST.map((r) => r.fields.message_id).sort()).toEqual([
			'm_crm_1',
			'm_crm_2',
			'm_crm_3',
			'm_crm_4',
		]);
		expect(synced.map((s) => [s.json.messageId, s.json.crm.target, s.pairedItem])).toEqual([
			['m_crm_1', 'feishu', { item: 0 }],
			['m_crm_2', 'feishu', { item: 1 }],
			['m_crm_3', 'feishu', { item: 2 }],
			['m_crm_4', 'feishu', { item: 3 }],
		]);
	});

	it('a table given by ID works the same; no history table picked means no history rows', async () => {
		const credential = feishuCredential();
		const rows = feishuBase(credential);
		const f = fixture((params) => {
			params.feishuCustomerTable = { __rl: true, mode: 'id', value: 'tblCUST' };
			params.feishuHistoryTable = { __rl: true, mode: 'list', value: '' };
		});
		const { outputs, error } = await run(f, credential);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(4);
		expect(rows.tblCUST).toHaveLength(2);
		expect(rows.tblHIST).toEqual([]);
	});

	it('a customers table that comes out empty fails as version 1 does', async () => {
		const credential = feishuCredential();
		const f = fixture(
			(params) => (params.feishuCustomerTable = { __rl: true, mode: 'id', value: '={{ "" }}' }),
		);
		expect((await run(f, credential)).error).toMatch(/the field "Customers Table ID" is empty/);
	});
});
