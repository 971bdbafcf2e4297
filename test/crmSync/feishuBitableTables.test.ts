import nock from 'nock';
import { CrmApiError } from '../../nodes/shared/crmHttp/crmApiError';
import { FeishuBitableClient } from '../../nodes/shared/feishu/bitableClient';
import { MemoryTokenCache } from '../../nodes/shared/feishu/feishuAuth';
import { nockOnlyWithNoPendingMocks } from '../support/nockGuard';
import { fakeSleep, fetchHttp } from './fetchHttp';

/** The Bitable table list (GET …/apps/:app_token/tables), as the CRM Sync node's pick list uses it. */
const BASE = 'https://open.feishu.cn';
const APP_ID = 'cli_a1b2c3d4e5f6a7b8';
const APP_SECRET = 'dskLLdkasdjlasdKKsecretValue0001';
const APP_TOKEN = 'NQRxbRkBMa6OnZsjtERcxhNWnNh';
const TABLES = `/open-apis/bitable/v1/apps/${APP_TOKEN}/tables`;
const TOKEN = 't-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abc01';
const TOKEN_2 = 't-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abc02';

nockOnlyWithNoPendingMocks();

function client(retry?: Record<string, number>) {
	const { sleep, waits } = fakeSleep();
	return {
		client: new FeishuBitableClient({
			http: fetchHttp,
			appId: APP_ID,
			appSecret: APP_SECRET,
			tokenCache: new MemoryTokenCache(),
			sleep,
			random: () => 0.5,
			retry,
		}),
		waits,
	};
}

function tokenEndpoint(token = TOKEN) {
	return nock(BASE)
		.post('/open-apis/auth/v3/tenant_access_token/internal', {
			app_id: APP_ID,
			app_secret: APP_SECRET,
		})
		.reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
}

const api = (token = TOKEN) => nock(BASE, { reqheaders: { authorization: `Bearer ${token}` } });

describe('FeishuBitableClient.listTables', () => {
	it('GETs the tables of the Base with the tenant token, 100 a page, and reads id, name and revision', async () => {
		tokenEndpoint();
		api()
			.get(TABLES)
			.query({ page_size: '100' })
			.reply(200, {
				code: 0,
				msg: 'success',
				data: {
					has_more: false,
					page_token: 'tblKTJaSbJ4ZwQ3e',
					total: 2,
					items: [
						{ table_id: 'tblCUST', revision: 3, name: '客户' },
						{ table_id: 'tblHIST', revision: 1, name: '私信记录' },
					],
				},
			});
		const { client: feishu } = client();
		expect(await feishu.listTables(APP_TOKEN)).toEqual({
			tables: [
				{ table_id: 'tblCUST', name: '客户', revision: 3 },
				{ table_id: 'tblHIST', name: '私信记录', revision: 1 },
			],
			hasMore: false,
			pageToken: undefined,
		});
	});

	it('passes page size and page token on, and gives the next page token while there are more', async () => {
		tokenEndpoint();
		api()
			.get(TABLES)
			.query({ page_size: '2', page_token: 'p/1=' })
			.reply(200, {
				code: 0,
				msg: 'success',
				data: {
					has_more: true,
					page_token: 'p2',
					total: 5,
					items: [
						{ table_id: 'tbl3', name: 'C' },
						{ table_id: 'tbl4', name: 'D' },
					],
				},
			});
		const { client: feishu } = client();
		const page = await feishu.listTables(APP_TOKEN, { pageSize: 2, pageToken: 'p/1=' });
		expect(page).toMatchObject({ hasMore: true, pageToken: 'p2' });
		expect(page.tables.map((t) => t.table_id)).toEqual(['tbl3', 'tbl4']);
	});

	it('an empty Base is an empty list', async () => {
		tokenEndpoint();
		api()
			.get(TABLES)
			.query(true)
			.reply(200, { code: 0, msg: 'success', data: { has_more: false, items: null, total: 0 } });
		expect((await client().client.listTables(APP_TOKEN)).tables).toEqual([]);
	});

	it('refreshes a refused token once, and retries a rate limit', async () => {
		tokenEndpoint();
		api()
			.get(TABLES)
			.query(true)
			.reply(200, { code: 99991663, msg: 'Invalid access token for authorization' });
		tokenEndpoint(TOKEN_2);
		api(TOKEN_2)
			.get(TABLES)
			.query(true)
			.reply(
				429,
				{ code: 99991400, msg: 'request trigger frequency limit' },
				{ 'x-ogw-ratelimit-reset': '1' },
			);
		api(TOKEN_2)
			.get(TABLES)
			.query(true)
			.reply(200, {
				code: 0,
				msg: 'success',
				data: { has_more: false, items: [{ table_id: 'tblA', name: 'A' }] },
			});
		const { client: feishu, waits } = client({ maxAttempts: 2 });
		expect((await feishu.listTables(APP_TOKEN)).tables).toEqual([
			{ table_id: 'tblA', name: 'A', revision: undefined },
		]);
		expect(waits).toEqual([1000]);
	});

	it('a Base the app may not read fails with the permission hint; an empty app token is refused before any call', async () => {
		tokenEndpoint();
		api().get(TABLES).query(true).reply(403, { code: 1254302, msg: 'Permission denied' });
		const error = await client()
			.client.listTables(APP_TOKEN)
			.then(
				() => undefined,
				(e: unknown) => e,
			);
		expect(error).toBeInstanceOf(CrmApiError);
		expect(error).toMatchObject({ vendor: 'feishu', kind: 'auth', operation: 'listTables' });
		expect((error as CrmApiError).hint).toMatch(/Base scope/);
		await expect(client().client.listTables('  ')).rejects.toMatchObject({
			kind: 'badRequest',
			operation: 'listTables',
		});
	});
});
