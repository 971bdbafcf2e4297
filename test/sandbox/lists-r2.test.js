// Revision 2 lists (spec §5r2, §7r2): pageNo from 1, pageSize 1–100 (default 20), an empty list
// past the end, data {list, total, pageNo, pageSize}; note/list, material/list, page/list,
// comment/list, and bind_users {user_id?} → {list, total}.
const { startSandbox, api, login } = require('./helpers');

describe('sandbox list endpoints (r2)', () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({
			accounts: [{ user_id: 'biz_x', third_account_id: 'ta_x', nickname: '第二家' }],
		});
		token = (await login(sb)).access_token;
	});
	afterAll(() => sb.close());
	const list = (path, body) => api(sb, path, body, token).then((r) => r.json);

	test('note/list of the default business account pages with pageNo/pageSize and echoes them', async () => {
		const p1 = await list('/api/open/im/note/list', {});
		expect(Object.keys(p1.data)).toEqual(['list', 'total', 'pageNo', 'pageSize']);
		expect([p1.data.total, p1.data.list.length, p1.data.pageNo, p1.data.pageSize]).toEqual([
			25, 20, 1, 20,
		]);
		expect(p1.data.list[0]).toEqual({
			note_id: 'note_biz_001_001',
			title: expect.any(String),
			cover: expect.any(String),
		});
		const p2 = await list('/api/open/im/note/list', { pageNo: 2, pageSize: 20 });
		expect([p2.data.list.length, p2.data.pageNo]).toEqual([5, 2]);
		expect(new Set([...p1.data.list, ...p2.data.list].map((n) => n.note_id)).size).toBe(25);
		expect((await list('/api/open/im/note/list', { pageNo: 3 })).data).toEqual({
			list: [],
			total: 25,
			pageNo: 3,
			pageSize: 20,
		});
		expect((await list('/api/open/im/note/list', { pageSize: 100 })).data.list).toHaveLength(25);
		expect((await list('/api/open/im/note/list', { pageSize: 1 })).data.list).toHaveLength(1);
	});

	test('note/list takes an optional user_id; an unbound one is 40000', async () => {
		const r = await list('/api/open/im/note/list', { user_id: 'biz_x', pageSize: 3 });
		expect(r.data.list.map((n) => n.note_id)).toEqual([
			'note_biz_x_001',
			'note_biz_x_002',
			'note_biz_x_003',
		]);
		expect((await list('/api/open/im/note/list', { user_id: 'nobody' })).code).toBe(40000);
	});

	test('revision 1 paging fields are not revision 2 paging: page_num is ignored', async () => {
		expect(
			(await list('/api/open/im/note/list', { page_num: 2, page_size: 5 })).data,
		).toMatchObject({ pageNo: 1, pageSize: 20 });
	});

	test('material/list filters by type when given', async () => {
		const all = await list('/api/open/im/material/list', { pageNo: 1, pageSize: 100 });
		expect(all.data.total).toBe(7);
		expect(all.data.list[0]).toEqual({
			material_id: expect.any(String),
			type: expect.any(String),
			url: expect.any(String),
		});
		const cards = await list('/api/open/im/material/list', {
			type: 'CARD',
			pageNo: 1,
			pageSize: 100,
		});
		expect(cards.data.total).toBe(2);
		expect(cards.data.list.every((m) => m.type === 'CARD')).toBe(true);
		const images = await list('/api/open/im/material/list', {
			type: 'IMAGE',
			pageNo: 2,
			pageSize: 3,
		});
		expect([images.data.total, images.data.list.length]).toEqual([5, 2]);
		expect((await list('/api/open/im/material/list', { type: 'VIDEO' })).data).toEqual({
			list: [],
			total: 0,
			pageNo: 1,
			pageSize: 20,
		});
		expect((await list('/api/open/im/material/list', { type: 3 })).code).toBe(40000);
	});

	test('page/list: five seeded landing pages', async () => {
		const r = await list('/api/open/im/page/list', { pageNo: 1, pageSize: 20 });
		expect(r.data.total).toBe(5);
		expect(r.data.list[0]).toEqual({
			page_id: 'page_001',
			title: expect.any(String),
			url: expect.stringMatching(/^https:\/\//),
		});
		expect(
			(await list('/api/open/im/page/list', { pageNo: 2, pageSize: 3 })).data.list.map(
				(p) => p.page_id,
			),
		).toEqual(['page_004', 'page_005']);
	});

	test('comment/list: a few comments per note, stable; an unknown note has none; noteId is required', async () => {
		const r = await list('/api/open/im/comment/list', {
			noteId: 'note_biz_001_002',
			pageNo: 1,
			pageSize: 20,
		});
		expect(r.data.total).toBe(3);
		for (const c of r.data.list)
			expect(c).toEqual({
				comment_id: expect.any(String),
				note_id: 'note_biz_001_002',
				user_id: expect.any(String),
				nickname: expect.any(String),
				content: expect.any(String),
				create_time: expect.any(Number),
			});
		expect(new Set(r.data.list.map((c) => c.comment_id)).size).toBe(3);
		expect((await list('/api/open/im/comment/list', { noteId: 'note_biz_001_002' })).data).toEqual(
			r.data,
		);
		expect(
			(
				await list('/api/open/im/comment/list', {
					noteId: 'note_biz_001_002',
					pageNo: 2,
					pageSize: 2,
				})
			).data.list,
		).toEqual([r.data.list[2]]);
		expect((await list('/api/open/im/comment/list', { noteId: 'no_such_note' })).data).toEqual({
			list: [],
			total: 0,
			pageNo: 1,
			pageSize: 20,
		});
		expect((await list('/api/open/im/comment/list', {})).code).toBe(40000);
	});

	test('auth/bind_users → {list, total} of the bound accounts; only the one with user_id when given', async () => {
		const all = await list('/api/open/im/auth/bind_users', {});
		expect(all.data).toEqual({
			list: [
				{
					user_id: 'biz_001',
					nickname: expect.any(String),
					third_account_id: 'ta_001',
					auth_status: 2,
				},
				{ user_id: 'biz_x', nickname: '第二家', third_account_id: 'ta_x', auth_status: 2 },
			],
			total: 2,
		});
		expect((await list('/api/open/im/auth/bind_users', { user_id: 'biz_x' })).data).toEqual({
			list: [all.data.list[1]],
			total: 1,
		});
		expect((await list('/api/open/im/auth/bind_users', { user_id: 'nobody' })).data).toEqual({
			list: [],
			total: 0,
		});
	});

	test.each([
		[{ pageSize: 0 }],
		[{ pageSize: 101 }],
		[{ pageSize: '20' }],
		[{ pageSize: 1.5 }],
		[{ pageNo: 0 }],
		[{ pageNo: -1 }],
		[{ pageNo: '1' }],
	])('paging %j → 40000 on every paged list', async (paging) => {
		for (const [path, extra] of [
			['/api/open/im/note/list', {}],
			['/api/open/im/material/list', {}],
			['/api/open/im/page/list', {}],
			['/api/open/im/comment/list', { noteId: 'note_biz_001_001' }],
		]) {
			const r = await list(path, { ...extra, ...paging });
			expect([path, r.code, r.data]).toEqual([path, 40000, null]);
		}
	});

	test('the lists need a valid Access-Token', async () => {
		for (const path of [
			'/api/open/im/note/list',
			'/api/open/im/page/list',
			'/api/open/im/comment/list',
		])
			expect((await api(sb, path, { noteId: 'x' })).json.code).toBe(40001);
	});
});
