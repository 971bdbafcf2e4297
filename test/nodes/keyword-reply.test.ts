import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
const run = async (fixture: WorkflowFixture) => await runWorkflow(fixture, { credentials: {} });
const outputsOf = (outputs: Record<string, { json: Json; pairedItem?: unknown }[][]>) => {
	const [matched = [], urgent = [], noMatch = []] = outputs['Keyword Reply'];
	return { matched, urgent, noMatch };
};
let scope = 0;
/** A fresh node id gives a fresh guard scope (cooldowns, caps, variant turns). */
function fresh(name: string): WorkflowFixture {
	const f = loadFixture(name);
	f.nodes[1].id = `kw-${process.pid}-${Date.now()}-${scope++}`;
	return f;
}

describe('Xiaohongshu Keyword Reply through the engine: rules in the node', () => {
	it('routes to Matched / Urgent / No Match with the reply and the reasons', async () => {
		const { outputs, errors } = await run(fresh('keyword-reply-ui'));
		expect(errors).toEqual({});
		const { matched, urgent, noMatch } = outputsOf(outputs);
		// 急救精华 is a product: its 急 is not urgency, and the price question is answered.
		expect(matched.map((i) => i.json.messageId)).toEqual(['m_kw_1', 'm_kw_5']);
		expect(matched[1].json.smartReply.ignoredMentions[0]).toMatchObject({
			text: '急',
			reason: 'inside a product name',
		});
		expect(matched[0].json.reply).toBe('面霜 199 元，今天买一送一🎁');
		expect(matched[0].json.smartReply).toMatchObject({
			route: 'matched',
			rule: '面霜价格',
			priority: 5,
			source: 'rule',
			tags: expect.arrayContaining(['面霜', '价格']),
		});
		expect(matched[0].pairedItem).toEqual({ item: 0 });

		expect(urgent.map((i) => i.json.messageId)).toEqual(['m_kw_2']);
		expect(urgent[0].json.reply).toBe('非常抱歉🙏 已为您转接专人处理');
		expect(urgent[0].json.smartReply.reason).toMatch(/fast lane: rule "投诉"/);

		const noMatchIds = noMatch.map((i) => i.json.messageId);
		expect(noMatchIds).toEqual(['m_kw_3', 'm_kw_4', 'm_kw_6']);
		const byId = Object.fromEntries(noMatch.map((i) => [i.json.messageId, i.json.smartReply]));
		expect(byId.m_kw_4.ignoredMentions[0]).toMatchObject({ text: '加急', reason: 'negated' });
		expect(byId.m_kw_6).toMatchObject({ suppressed: 'own message' });
	});

	it('positions of matched keywords point into the original text', async () => {
		const { outputs } = await run(fresh('keyword-reply-ui'));
		const item = outputsOf(outputs).matched[0].json;
		const price = item.smartReply.matchedRules.find((m: Json) => m.rule === '问价格').keywords[0];
		expect(item.text.slice(price.start, price.end)).toBe('價格');
	});

	it('answers a customer once per cooldown, then hands over to a human', async () => {
		const f = fresh('keyword-reply-ui');
		const first = outputsOf((await run(f)).outputs);
		expect(first.matched).toHaveLength(2);
		// The same customers write again: new DMs, inside the cooldown.
		const items = JSON.parse(f.nodes[0].parameters.items as string) as Json[];
		f.nodes[0].parameters.items = JSON.stringify(
			items.map((dm) => ({ ...dm, messageId: `${dm.messageId}_again` })),
		);
		const again = outputsOf((await run(f)).outputs);
		expect(again.matched).toHaveLength(0);
		const handed = again.noMatch.find((i) => i.json.messageId === 'm_kw_1_again')!.json.smartReply;
		expect(handed).toMatchObject({ suppressed: 'cooldown', reply: null });
	});

	it('gives a DM run again (crash recovery) the answer it got, not a cooldown, and counts it once', async () => {
		const f = fresh('keyword-reply-ui');
		f.nodes[1].parameters.options = { cooldownMinutes: 10, dailyCap: 2 };
		const dm = (n: number) => ({
			messageId: `m_re_${n}`,
			customerUserId: 'cust_re',
			conversationId: 'biz_001:cust_re',
			nickname: '小雨',
			text: '多少钱',
			direction: 'inbound',
		});
		f.nodes[0].parameters.items = JSON.stringify([dm(1)]);
		const first = outputsOf((await run(f)).outputs).matched[0].json;
		// Run again as is: a fresh decision would take the next variant (and meet the cooldown).
		const rerun = outputsOf((await run(f)).outputs).matched;
		expect(rerun).toHaveLength(1);
		expect(rerun[0].json.reply).toBe(first.reply);
		expect(rerun[0].json.smartReply.suppressed).toBeNull();
		// The cap (2 a day) counted m_re_1 once: of two more DMs (no cooldown now), one is answered.
		f.nodes[1].parameters.options = { cooldownMinutes: 0, dailyCap: 2 };
		f.nodes[0].parameters.items = JSON.stringify([dm(2), dm(3)]);
		const { matched, noMatch } = outputsOf((await run(f)).outputs);
		expect(matched.map((i) => i.json.messageId)).toEqual(['m_re_2']);
		expect(noMatch.map((i) => i.json.smartReply.suppressed)).toEqual(['daily cap']);
	});

	it('caps auto-replies per conversation per day', async () => {
		const f = fresh('keyword-reply-ui');
		f.nodes[1].parameters.options = { cooldownMinutes: 0, dailyCap: 2 };
		f.nodes[0].parameters.items = JSON.stringify(
			[1, 2, 3].map((n) => ({
				messageId: `m_cap_${n}`,
				customerUserId: 'cust_cap',
				conversationId: 'biz_001:cust_cap',
				nickname: '小雨',
				text: '价格多少',
				direction: 'inbound',
			})),
		);
		const { matched, noMatch } = outputsOf((await run(f)).outputs);
		expect(matched).toHaveLength(2);
		expect(noMatch.map((i) => i.json.smartReply.suppressed)).toEqual(['daily cap']);
	});

	it('uses reply variants in turn', async () => {
		const f = fresh('keyword-reply-ui');
		f.nodes[1].parameters.options = { cooldownMinutes: 0 };
		f.nodes[0].parameters.items = JSON.stringify(
			[1, 2, 3].map((n) => ({
				messageId: `m_v_${n}`,
				customerUserId: `cust_v${n}`,
				nickname: `顾客${n}`,
				text: '多少钱',
				direction: 'inbound',
			})),
		);
		const { matched } = outputsOf((await run(f)).outputs);
		expect(matched.map((i) => i.json.reply)).toEqual([
			'亲爱的顾客1，这款面霜 199 元😉',
			'顾客2您好～面霜现在 199 元哦🎁',
			'亲爱的顾客3，这款面霜 199 元😉',
		]);
	});

	it('uses the out-of-hours reply outside business hours and on holidays', async () => {
		const f = fresh('keyword-reply-ui');
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
			new Date(),
		);
		f.nodes[1].parameters.options = {
			useBusinessHours: true,
			timeZone: 'Asia/Shanghai',
			holidays: today,
			cooldownMinutes: 0,
		};
		f.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_h',
				customerUserId: 'cust_h',
				nickname: 'H',
				text: '今天发货吗',
				direction: 'inbound',
			},
		]);
		const { matched } = outputsOf((await run(f)).outputs);
		expect(matched[0].json.reply).toBe('客服已下班，明早 9 点为您处理🌙');
		expect(matched[0].json.smartReply.businessHours).toBe('closed');
	});
});

describe('Xiaohongshu Keyword Reply through the engine: rules and FAQ from JSON', () => {
	it('answers from JSON rules, falls back to the knowledge base, and refuses to guess', async () => {
		const f = fresh('keyword-reply-json');
		f.nodes[1].onError = 'continueRegularOutput';
		const { outputs, errors } = await run(f);
		expect(errors).toEqual({});
		const { matched, noMatch } = outputsOf(outputs);
		expect(matched.map((i) => [i.json.messageId, i.json.smartReply.source])).toEqual([
			['m_kw_1', 'rule'],
			['m_kw_2', 'faq'],
		]);
		expect(matched[1].json.reply).toBe('顾客2，保质期三年，开封后建议一年内用完哦🌿');
		expect(matched[1].json.smartReply.faq).toMatchObject({ id: '保质期' });
		// Chatter gets no guessed answer; the item with a broken rule set fails alone, naming the rule.
		expect(noMatch.map((i) => i.json.messageId)).toEqual(['m_kw_3', 'm_kw_4']);
		expect(noMatch[1].json.error).toMatch(/rule "broken": invalid regex/);
	});

	it('stops the execution on a broken rule set unless the node continues on error', async () => {
		const { errors } = await run(fresh('keyword-reply-json'));
		expect(errors['Keyword Reply']).toMatch(/rule "broken": invalid regex/);
	});
});

describe('Xiaohongshu Keyword Reply through the engine: more rule features', () => {
	const rows = [
		{
			name: '留电话',
			regex: '/1[3-9]\\d{9}/',
			replies: '收到您的电话📞 客服稍后联系您',
			priority: 2,
		},
		{ name: '价格', any: '价格, 多少钱', none: '不买', replies: '面霜 199 元😉', priority: 1 },
		{ name: '敏感肌面霜', all: '敏感肌, 面霜', replies: '敏感肌可以放心用这款面霜💧', priority: 3 },
	];
	const fixtureWith = (options: Record<string, unknown>, texts: string[]) => {
		const f = fresh('keyword-reply-json');
		f.nodes[1].parameters = {
			...f.nodes[1].parameters,
			faqSource: 'none',
			options: { cooldownMinutes: 0, ...options },
		};
		f.nodes[0].parameters.items = JSON.stringify(
			texts.map((text, n) => ({
				messageId: `m_more_${n}`,
				customerUserId: `cust_more_${n}`,
				nickname: `顾客${n}`,
				text,
				direction: 'inbound',
				rules: rows,
			})),
		);
		return f;
	};

	it('regex, none and all conditions decide, and the highest priority answers', async () => {
		const { matched, noMatch } = outputsOf(
			(
				await run(
					fixtureWith({}, [
						'我电话 13812345678，面霜多少钱',
						'多少钱？算了不买了',
						'敏感肌能用这个面霜吗',
					]),
				)
			).outputs,
		);
		expect(matched.map((i) => [i.json.messageId, i.json.reply])).toEqual([
			['m_more_0', '收到您的电话📞 客服稍后联系您'],
			['m_more_2', '敏感肌可以放心用这款面霜💧'],
		]);
		expect(noMatch.map((i) => i.json.messageId)).toEqual(['m_more_1']);
	});

	it('"every matching rule answers" joins the replies in priority order', async () => {
		const { matched } = outputsOf(
			(await run(fixtureWith({ matchMode: 'all' }, ['我电话 13812345678，面霜多少钱']))).outputs,
		);
		expect(matched[0].json.reply).toBe('收到您的电话📞 客服稍后联系您\n面霜 199 元😉');
	});
});
