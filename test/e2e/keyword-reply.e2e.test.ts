import { dmWorkflow, replyToNewCustomer, stack } from './stack';

/**
 * The "keyword auto-reply with knowledge base" template, active in real n8n, answering DMs
 * pushed by the sandbox: rules, multi-level rules, the knowledge base, the fast lane, the
 * hand-over to a human, and messy text.
 */
const ask = async (text: string) => await replyToNewCustomer(text, 'cust_kw');

describe('keyword auto-reply with knowledge base, in real n8n', () => {
	it('is imported, and its keyword node answers DMs in the active assignment template', () => {
		expect(stack.workflows.find((w) => /Keyword auto-reply/.test(w.name))).toMatchObject({
			active: false,
		});
		expect(dmWorkflow().name).toBe('Xiaohongshu · Full service desk (完整客服流水线)');
	});

	it.each([
		['這款面霜價格多少？', /这款面霜 199 元，今天买一送一/],
		['急救精华 duo shao qian', /急救精华 269 元/],
		['保值期多久呀😊', /保质期 3 年/],
		['敏 感 肌 能 用 吗', /敏感肌也能用/],
		['什么时候发货', /48 小时内发货/],
		['我要投诉，收到的是坏的', /非常抱歉.*转接专属客服/],
		['今天就要，特别急！', /已标记加急/],
		['哈哈哈哈', /已转给客服/],
		['不需要加急，慢慢来就好', /已转给客服/],
	])('%s → %s', async (text, expected) => {
		expect(await ask(text)).toMatch(expected);
	});
});
