// Revision 1 (spec §5 list endpoints, §7 paging): page_num from 1, page_size 1–100 (default 20),
// an empty list past the end, total counts the items. Revision 2's lists: lists-r2.test.js.
const { startSandbox, api, login } = require('./helpers');

describe('sandbox list endpoints (r1)', () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({
			wireRevision: 'r1',
			accounts: [{ nickname: '第二家' }, { user_id: 'biz_x', third_account_id: 'ta_x' }],
			materials: 7,
		});
		token = (await login(sb)).access_token;
	});
	afterAll(() => sb.close());
	const list = (path, body) => api(sb, path, body, token).then((r) => r.json);

	test('bind_users lists the bound accounts', async () => {
		const r = await list('/api/open/im/auth/bind_users', {});
		expect(r.data.total).toBe(3);
		expect(r.data.list[0]).toEqual({
			user_id: 'biz_001',
			nickname: expect.any(String),
			third_account_id: 'ta_001',
			auth_status: 2,
		});
		expect(r.data.list.map((a) => a.user_id)).toEqual(['biz_001', 'biz_002', 'biz_x']);
		const p2 = await list('/api/open/im/auth/bind_users', { page_num: 2, page_size: 2 });
		expect(p2.data).toEqual({
			list: [expect.objectContaining({ user_id: 'biz_x', third_account_id: 'ta_x' })],
			total: 3,
		});
	});

	test('note/list pages with the default size 20 and ends with an empty list', async () => {
		const p1 = await list('/api/open/im/note/list', { user_id: 'biz_001' });
		expect(p1.data.total).toBe(25);
		expect(p1.data.list).toHaveLength(20);
		expect(p1.data.list[0]).toEqual({
			note_id: expect.any(String),
			title: expect.any(String),
			cover: expect.any(String),
		});
		const p2 = await list('/api/open/im/note/list', { user_id: 'biz_001', page_num: 2 });
		expect(p2.data.list).toHaveLength(5);
		const ids = new Set([...p1.data.list, ...p2.data.list].map((n) => n.note_id));
		expect(ids.size).toBe(25);
		const p3 = await list('/api/open/im/note/list', { user_id: 'biz_001', page_num: 3 });
		expect(p3).toMatchObject({ code: 0, data: { list: [], total: 25 } });
		const all = await list('/api/open/im/note/list', { user_id: 'biz_001', page_size: 100 });
		expect(all.data.list).toHaveLength(25);
	});

	test('material/list pages', async () => {
		const r = await list('/api/open/im/material/list', {
			user_id: 'biz_001',
			page_num: 3,
			page_size: 3,
		});
		expect(r.data.total).toBe(7);
		expect(r.data.list).toHaveLength(1);
		expect(r.data.list[0]).toEqual({
			material_id: expect.any(String),
			type: expect.any(String),
			url: expect.any(String),
		});
	});

	test.each([
		[{ page_size: 0 }],
		[{ page_size: 101 }],
		[{ page_size: '20' }],
		[{ page_size: 1.5 }],
		[{ page_num: 0 }],
		[{ page_num: -1 }],
	])('paging %j → 40000', async (paging) => {
		const r = await list('/api/open/im/note/list', { user_id: 'biz_001', ...paging });
		expect([r.code, r.data]).toEqual([40000, null]);
		expect((await list('/api/open/im/auth/bind_users', paging)).code).toBe(40000);
	});

	test('page_size 1 and 100 are accepted', async () => {
		expect(
			(await list('/api/open/im/note/list', { user_id: 'biz_001', page_size: 1 })).data.list,
		).toHaveLength(1);
		expect(
			(await list('/api/open/im/note/list', { user_id: 'biz_001', page_size: 100 })).code,
		).toBe(0);
	});

	test('user_id is required and must be a bound account', async () => {
		expect((await list('/api/open/im/note/list', {})).code).toBe(40000);
		expect((await list('/api/open/im/material/list', { user_id: 'nobody' })).code).toBe(40000);
		expect((await list('/api/open/im/note/list', { user_id: 'biz_x' })).data.total).toBe(25);
	});

	test('lists need a valid Access-Token', async () => {
		expect((await api(sb, '/api/open/im/note/list', { user_id: 'biz_001' })).json.code).toBe(40001);
	});
});
