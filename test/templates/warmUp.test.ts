/**
 * The warm-up's own decisions, without n8n: which agent contacts move to the sandbox, and when
 * the answers of the two companion webhooks mean the service desk is ready.
 */
const { localContact, rulesReady, agentsReady } = require('../../scripts/lib/warmUp');

const sandboxUrl = 'http://127.0.0.1:4780';

describe('warm-up', () => {
	it('points seeded Feishu hooks and earlier sandbox addresses at the sandbox, and leaves the rest', () => {
		expect(
			localContact('https://open.feishu.cn/open-apis/bot/v2/hook/xiaoli', { sandboxUrl }),
		).toBe(`${sandboxUrl}/sandbox/bot/feishu/xiaoli`);
		expect(localContact('http://127.0.0.1:39211/sandbox/bot/feishu/xiaoli', { sandboxUrl })).toBe(
			`${sandboxUrl}/sandbox/bot/feishu/xiaoli`,
		);
		expect(localContact(`${sandboxUrl}/sandbox/bot/feishu/xiaoli`, { sandboxUrl })).toBe(
			`${sandboxUrl}/sandbox/bot/feishu/xiaoli`,
		);
		expect(localContact('https://hooks.example.com/xiaoli', { sandboxUrl })).toBe(
			'https://hooks.example.com/xiaoli',
		);
		expect(localContact('13800000000', { sandboxUrl })).toBe('13800000000');
		expect(localContact(null, { sandboxUrl })).toBeNull();
		expect(localContact('https://open.feishu.cn/open-apis/bot/v2/hook/xiaoli', {})).toBe(
			'https://open.feishu.cn/open-apis/bot/v2/hook/xiaoli',
		);
	});

	it('is ready when a knowledge-base version is live, even one a blocked change left in place', () => {
		expect(
			rulesReady({ verdict: 'pass', published: true, publishedVersion: 1, liveVersion: 1 }),
		).toBe(1);
		expect(
			rulesReady({
				verdict: 'fail',
				published: false,
				blocked: true,
				publishedVersion: null,
				liveVersion: 3,
			}),
		).toBe(3);
		expect(() =>
			rulesReady({
				verdict: 'fail',
				blocked: true,
				liveVersion: null,
				summary: '⛔ 1 golden example broken',
			}),
		).toThrow(
			/could not be published, so the Keyword Reply has nothing to answer from: ⛔ 1 golden example broken\. Fix the rows of xhs_rules/,
		);
		expect(() => rulesReady(undefined)).toThrow(/could not be published/);
	});

	it('is ready when the desk got agents from the table', () => {
		expect(
			agentsReady({ agents: [{ id: 'xiaoli', name: '小李', status: 'online' }] }),
		).toHaveLength(1);
		expect(() => agentsReady({ agents: [] })).toThrow(
			'the desk got no agents from the xhs_agents Data Table: add at least one row with an agent_id, then POST /webhook/xhs-agents-sync',
		);
	});
});
