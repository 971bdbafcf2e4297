/** The agent link pages: bilingual, escaped, a POST form only on the confirmation, nothing echoed on refusal. */
import {
	confirmationPage,
	createActionLinkToken,
	donePage,
	failurePage,
	refusalPage,
	REFUSAL_REASONS,
} from '../../nodes/shared/agentLinks';

const SECRET = 'test-link-signing-secret-0123456789';
const NOW = Date.UTC(2025, 0, 1, 4, 30); // 12:30 in Shanghai
const close = createActionLinkToken(
	{ action: 'close', agentId: 'wang', conversationId: 'biz_001:cust_a1', desk: 'default' },
	{ secret: SECRET, now: NOW },
);
const status = createActionLinkToken(
	{ action: 'status', agentId: 'wang', status: 'away', desk: 'default' },
	{ secret: SECRET, now: NOW },
);

describe('agent link pages', () => {
	it('confirmation of a close link: the question in Chinese and English, a form that POSTs the token', () => {
		const page = confirmationPage(close.token, close.claims, { customer: '小雨' });
		expect(page).toContain('结束与 小雨 的会话？');
		expect(page).toContain('Close the conversation with 小雨?');
		expect(page).toMatch(/<form method="post">/);
		expect(page).toContain(`<input type="hidden" name="t" value="${close.token}">`);
		expect(page).toContain('链接有效至 2025-01-02 12:30（Asia/Shanghai），只能使用一次。');
		expect(page).toContain('<meta name="referrer" content="no-referrer">');
		expect(page).toContain('<meta name="robots" content="noindex,nofollow">');
		expect(page).not.toMatch(/<script|https?:\/\//);
		// Without a nickname: the conversation ID.
		expect(confirmationPage(close.token, close.claims)).toContain(
			'Close the conversation with biz_001:cust_a1?',
		);
	});

	it('confirmation of a status link; an explicit form address; another time zone', () => {
		const page = confirmationPage(
			status.token,
			status.claims,
			{ agent: '小王' },
			{ formAction: 'https://n8n.example.com/webhook/xhs-status', timeZone: 'UTC' },
		);
		expect(page).toContain('把 小王 的状态设为「离开」？');
		expect(page).toContain('Set the status of 小王 to away?');
		expect(page).toContain(
			'<form method="post" action="https://n8n.example.com/webhook/xhs-status">',
		);
		expect(page).toContain('Valid until 2025-01-02 04:30 (UTC), once.');
	});

	it("shows a customer's nickname without their contacts or direction overrides", () => {
		const nickname = '小雨\u202E vx:xiaoyu_2024 13812345678';
		for (const page of [
			confirmationPage(close.token, close.claims, { customer: nickname }),
			donePage(close.claims, 'done', { customer: nickname }),
		]) {
			expect(page).toContain('小雨 vx:xi****24 138****5678');
			expect(page).not.toMatch(/xiaoyu_2024|13812345678|\u202E/);
		}
	});

	it("every text that is not the page's own is escaped", () => {
		const evil = `<script>alert("x")</script>&'`;
		const page = confirmationPage(
			close.token,
			{ ...close.claims, conversationId: evil },
			{ customer: evil, agent: evil },
			{ formAction: `"><script>`, timeZone: 'Asia/Shanghai' },
		);
		expect(page).not.toContain('<script>');
		expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
		expect(page).toContain('action="&quot;&gt;&lt;script&gt;"');
		const done = donePage({ ...status.claims, status: evil }, 'done', { agent: evil });
		expect(done).not.toContain('<script>');
		const other = confirmationPage(close.token, { ...close.claims, action: 'snooze' }, {});
		expect(other).toContain('确认操作「snooze」？');
	});

	it('done pages: closed, already closed, status set', () => {
		expect(donePage(close.claims, 'done', { customer: '小雨' })).toContain(
			'已结束与 小雨 的会话。',
		);
		expect(donePage(close.claims, 'done', { customer: '小雨' })).toContain(
			'The conversation with 小雨 is closed.',
		);
		expect(donePage(close.claims, 'nothing-to-do')).toContain(
			'This conversation was already closed.',
		);
		expect(donePage(status.claims, 'done')).toContain('wang 的状态已设为「离开」。');
		expect(donePage(status.claims, 'done', { agent: '小王' })).toContain(
			'The status of 小王 is now away.',
		);
		for (const page of [donePage(close.claims, 'done'), donePage(status.claims, 'done')]) {
			expect(page).not.toContain('<form');
			expect(page).not.toContain(close.token);
		}
	});

	it('refusal pages: one text per reason, the reason code, nothing of the request', () => {
		const texts = new Set<string>();
		for (const reason of REFUSAL_REASONS) {
			const page = refusalPage(reason);
			expect(page).toContain(`<code>${reason}</code>`);
			expect(page).toContain('Nothing was changed.');
			expect(page).not.toContain('<form');
			texts.add(page);
		}
		expect(texts.size).toBe(REFUSAL_REASONS.length);
		expect(refusalPage('used')).toContain('这个链接已经用过了。');
		expect(refusalPage('expired')).toContain('This link has expired; use a newer one.');
		expect(refusalPage('not-yours')).toContain('这个链接不是给你的');
		// An unknown reason (cannot happen through the types) shows as malformed, not echoed.
		expect(refusalPage('<b>x</b>' as never)).toContain('<code>malformed</code>');
		expect(failurePage()).toContain('Something went wrong and nothing was changed');
	});
});
