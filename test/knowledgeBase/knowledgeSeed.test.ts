import { goldenFromRows } from '../../nodes/shared/knowledgeBase/goldenSet';
import { previewChange } from '../../nodes/shared/knowledgeBase/rulePreview';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { synonymsFromRows } from '../../nodes/shared/keywordReply/synonyms/synonymRows';
import { listOf } from '../../nodes/shared/listOf';

const seed = require('../../scripts/lib/knowledgeSeed');

describe('the knowledge-base tables npm start seeds', () => {
	it('pass their own golden set, so the first publication goes live', () => {
		const kb = {
			rules: rulesFromJson(seed.ruleRows()),
			faq: faqFromRows(seed.faqRows()),
			protectedTerms: listOf(seed.productNames()),
			synonyms: synonymsFromRows(seed.synonymRows()),
		};
		const report = previewChange(undefined, kb, [], goldenFromRows(seed.goldenRows()));
		expect(
			report.golden.brokenByChange.map((g) => `#${g.row} ${g.text}: ${g.problems.join('; ')}`),
		).toEqual([]);
		expect(report).toMatchObject({ verdict: 'pass', errors: [] });
		expect(report.golden.passed).toBe(13);
	});

	it("need the synonyms table for a product's nickname (golden: 小金瓶多少钱呀)", () => {
		const kb = {
			rules: rulesFromJson(seed.ruleRows()),
			faq: faqFromRows(seed.faqRows()),
			protectedTerms: listOf(seed.productNames()),
		};
		const report = previewChange(undefined, kb, [], goldenFromRows(seed.goldenRows()));
		expect(report.golden.brokenByChange.map((g) => g.text)).toEqual(['小金瓶多少钱呀']);
	});
});
