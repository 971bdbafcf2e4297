import { dataTableRows, eventually, sandbox } from './stack';

/**
 * The CRM part of the active template, in real n8n: every DM and lead form merges into the
 * customer's profile in n8n Data Tables; a phone left in a DM notifies the sales group.
 */
let n = 0;
const customer = () => `cust_crm_${Date.now()}_${++n}`;

describe('customer profiles and leads in n8n Data Tables, in real n8n', () => {
	it('a DM with a phone number: profile, masked history and a lead row, and sales is told', async () => {
		const who = customer();
		await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '我在杭州，想问下面霜多少钱？电话 139 1234 5678',
			nickname: '小雨',
			wait: true,
		});
		const profile = await eventually('the customer row', async () =>
			(await dataTableRows('xhs_customers')).find((r) => r.xhs_user_id === who),
		);
		expect(profile).toMatchObject({
			nickname: '小雨',
			region: '杭州',
			phone: '13912345678',
			message_count: 1,
		});
		const history = await eventually('the history row', async () =>
			(await dataTableRows('xhs_history')).find((r) => r.xhs_user_id === who),
		);
		expect(history.text).toBe('我在杭州，想问下面霜多少钱？电话 139****5678');
		const lead = await eventually('the lead row', async () =>
			(await dataTableRows('xhs_leads')).find((r) => r.xhs_user_id === who),
		);
		expect(lead).toMatchObject({ type: 'phone', value: '13912345678' });
		// Sales is told in a group chat: the number masked there, whole in the lead row above.
		const note = await eventually('the sales notification', async () =>
			((await sandbox('GET', '/sandbox/bot?bot=sales')) as Array<{ text: string }>).find(
				(m) => m.text.startsWith('【新线索】小雨') && m.text.includes('139****5678'),
			),
		);
		expect(note.text).toMatch(
			/^【新线索】小雨 留了电话：139\*\*\*\*5678（完整内容见线索表 xhs_leads/,
		);
		expect(note.text).not.toContain('13912345678');

		// The same customer again: one row, counted twice; a redelivered DM would not count.
		await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '什么时候发货',
			nickname: '小雨',
			wait: true,
		});
		await eventually('the second DM counted', async () =>
			(await dataTableRows('xhs_customers')).find(
				(r) => r.xhs_user_id === who && r.message_count === 2,
			),
		);
		expect(
			(await dataTableRows('xhs_customers')).filter((r) => r.xhs_user_id === who),
		).toHaveLength(1);
	});

	it('a lead form: its fields become the profile and a lead', async () => {
		const who = customer();
		await sandbox('POST', '/sandbox/events', {
			event: 'lead',
			from_user_id: who,
			to_user_id: 'biz_001',
			third_account_id: 'ta_001',
			content: { name: '阿花', phone: '13700001111', city: '上海市' },
			user_info: { nickname: '阿花' },
			wait: true,
		});
		const profile = await eventually('the customer row', async () =>
			(await dataTableRows('xhs_customers')).find((r) => r.xhs_user_id === who),
		);
		expect(profile).toMatchObject({ phone: '13700001111', region: '上海' });
		const lead = await eventually('the lead row', async () =>
			(await dataTableRows('xhs_leads')).find((r) => r.xhs_user_id === who),
		);
		expect(lead).toMatchObject({ type: 'phone', value: '13700001111' });
	});
});
