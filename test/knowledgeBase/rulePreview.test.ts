import { goldenFromRows, GoldenSetError } from '../../nodes/shared/knowledgeBase/goldenSet';
import type { KnowledgeBase } from '../../nodes/shared/knowledgeBase/knowledgeBase';
import { previewSummary } from '../../nodes/shared/knowledgeBase/previewText';
import { previewChange } from '../../nodes/shared/knowledgeBase/rulePreview';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { FAQ_ROWS, GOLDEN_ROWS, PROTECTED, recentDms, RULE_ROWS } from './kbFixture';

const kb = (rules: object[] = RULE_ROWS, faq: object[] = FAQ_ROWS): KnowledgeBase => ({
	rules: rulesFromJson(rules),
	faq: faqFromRows(faq),
	protectedTerms: [PROTECTED],
});
const golden = goldenFromRows(GOLDEN_ROWS);

describe('the golden set as rows', () => {
	it('reads routes in English or Chinese and names the row and column of a bad one', () => {
		expect(golden.map((g) => g.route)).toEqual([
			'matched',
			'matched',
			'urgent',
			'matched',
			'matched',
			'matched',
			'noMatch',
		]);
		expect(() => goldenFromRows([{ text: 'x', expected_route: 'maybe' }])).toThrow(
			'row 1, column "expected_route": "maybe" is not a route',
		);
		expect(() =>
			goldenFromRows([
				{ text: 'ok', expected_route: 'matched' },
				{ text: '', expected_route: 'matched' },
			]),
		).toThrow(GoldenSetError);
		expect(() => goldenFromRows([{ text: 'nothing expected' }])).toThrow(
			'row 1, column "expected_route": expects nothing',
		);
	});
});

describe('previewing a rule change', () => {
	it('an unchanged knowledge base passes with nothing moving, and says which rules never fire and which overlap', () => {
		const r = previewChange(kb(), kb(), recentDms(), golden);
		expect(r.verdict).toBe('pass');
		expect(r.golden).toMatchObject({ total: 7, passed: 7, brokenByChange: [], alreadyFailing: [] });
		expect(r.changes.total).toBe(0);
		// 17 recent DMs in 6 texts, plus 7 golden texts (这个面霜多少钱 is in both): 12 distinct.
		expect(r.sampled).toEqual({ recent: 17, golden: 7, distinctTexts: 12 });
		// 加急's only mention is negated (不需要加急), so it never fires either.
		expect(r.neverFired).toEqual(['加急', '过时活动']);
		// Every 面霜价格 DM is also a 问价格 DM: the plain rule never answers those, but it answers
		// others (多少钱), so it is an overlap, not a shadow.
		expect(r.overlaps[0]).toEqual({
			higher: '面霜价格',
			lower: '问价格',
			together: 4,
			lowerAlone: 7,
			shadowed: false,
		});
		expect(r.faqOverlaps).toEqual([]);
	});

	it('catches a deliberately broken rule: a broad promotion rule that steals the price answers', () => {
		const broken = [
			...RULE_ROWS,
			{ name: '优惠活动', priority: 30, any: '钱, 优惠, 便宜', replies: '现在全场 8 折🎉' },
		];
		const r = previewChange(kb(), kb(broken), recentDms(), golden);
		expect(r.verdict).toBe('fail');
		expect(r.golden.brokenByChange.map((g) => [g.row, g.problems])).toEqual([
			[1, ['rule "面霜价格" no longer answers ("优惠活动" does)']],
			// 怎么卖 is the shopper's 多少钱 (the shop vocabulary): the promotion's 钱 takes it too.
			[4, ['rule "问价格" no longer answers ("优惠活动" does)']],
		]);
		// 多少钱 ×5 and 这个面霜多少钱 ×3 now get the promotion; 优惠券怎么用 ×2 and 能便宜点吗 ×2 are newly answered.
		expect(r.changes.byKind).toEqual({
			'now answered': 4,
			'no longer answered': 0,
			'into the fast lane': 0,
			'out of the fast lane': 0,
			'different answer': 8,
		});
		expect(r.changes.examples[0]).toEqual({
			text: '多少钱',
			kind: 'different answer',
			before: 'auto-reply by rule "问价格"',
			after: 'auto-reply by rule "优惠活动"',
			count: 5,
		});
		expect(r.overlaps.filter((o) => o.shadowed).map((o) => [o.higher, o.lower])).toEqual([
			['优惠活动', '面霜价格'],
		]);
		const summary = previewSummary(r, { published: false, blocked: true });
		expect(summary).toContain('⛔');
		expect(summary).toContain(
			'#1 "这个面霜多少钱": rule "面霜价格" no longer answers ("优惠活动" does)',
		);
		expect(summary).toContain('未发布');
	});

	it('a rule that does not compile fails before anything is replayed', () => {
		const r = previewChange(
			kb(),
			kb([...RULE_ROWS, { name: '手机号', regex: '/1[3-9\\d{9}/', sets_tags: '留资' }]),
			recentDms(),
			golden,
		);
		expect(r.verdict).toBe('fail');
		expect(r.errors).toEqual([
			{
				rule: '手机号',
				level: 'error',
				message:
					'invalid regex: Invalid regular expression: /1[3-9\\d{9}/: Unterminated character class',
			},
		]);
		expect(r.sampled.distinctTexts).toBe(0);
	});

	it('a removed keyword shows as DMs no longer answered; an example already failing does not block', () => {
		const rules = RULE_ROWS.map((r) => (r.name === '发货时间' ? { ...r, any: '几天到' } : r));
		const withOldFailure = goldenFromRows([
			...GOLDEN_ROWS,
			{ text: '优惠券怎么用', expected_route: 'matched' },
		]);
		const r = previewChange(kb(), kb(rules), recentDms(), withOldFailure);
		expect(r.changes.byKind['no longer answered']).toBe(4);
		expect(r.golden.brokenByChange.map((g) => g.row)).toEqual([5]);
		expect(r.golden.alreadyFailing.map((g) => [g.row, g.passedBefore])).toEqual([[8, false]]);
		const fixedOnly = previewChange(kb(), kb(), recentDms(), withOldFailure);
		expect(fixedOnly.verdict).toBe('pass');
	});

	it("with nothing live yet, every golden failure is the change's own", () => {
		const r = previewChange(
			undefined,
			kb(RULE_ROWS.filter((x) => x.name !== '投诉')),
			recentDms(),
			golden,
		);
		expect(r.verdict).toBe('fail');
		expect(r.golden.brokenByChange.map((g) => [g.row, g.passedBefore, g.got])).toEqual([
			[3, null, 'to a human'],
		]);
		expect(r.changes.total).toBe(0);
	});

	it("finds FAQ entries that answer each other's questions", () => {
		const faq = [
			...FAQ_ROWS,
			{ id: '过期', questions: '过期了还能用吗\n过期能用吗', answer: '过期请勿使用' },
		];
		const r = previewChange(kb(), kb(RULE_ROWS, faq), [], golden);
		expect(r.faqOverlaps).toEqual([
			{ entry: '保质期', question: '过期了还能用吗', otherEntry: '过期', score: 1 },
		]);
	});
});
