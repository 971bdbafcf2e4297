/**
 * English and mixed DMs against a Chinese knowledge base: the shop vocabulary turns the words
 * it knows into Chinese, and the little English words no question holds are left out of the
 * comparison; content words stay.
 */
import { FaqIndex } from '../../nodes/shared/keywordReply/faq/faqIndex';
import { addLatinWords, faqTextKnown } from '../../nodes/shared/keywordReply/faq/faqText';

describe('Latin words in FAQ matching', () => {
	it('are words as written, even though normalising removes the spaces', () => {
		const known = new Set<string>();
		addLatinWords('Mate60 有手机壳吗？支持PD快充吗', known);
		expect([...known].sort()).toEqual(['mate', 'pd']);
		expect(faqTextKnown('is it ok for mate60?', known)).toBe('mate60');
		expect(faqTextKnown('PD快充 支持吗', known)).toBe('pd快充支持吗');
		// The little words go; a content word no question holds stays, as evidence against.
		expect(faqTextKnown('any stores in Shanghai', known)).toBe('门店shanghai');
		expect(faqTextKnown('is there any live', known)).toBe('live');
	});

	it('an English question finds its Chinese entry; English chatter finds nothing', () => {
		const index = FaqIndex.build([
			{ id: 'stores', questions: ['有线下门店吗', '门店在哪里'], answer: '上海、杭州有门店' },
			{ id: 'case', questions: ['Mate60 有手机壳吗'], answer: '有的' },
			{ id: 'fast', questions: ['支持PD快充吗'], answer: '支持 PD 3.0' },
			{ id: 'retinol', questions: ['能和A醇一起用吗'], answer: '分早晚用' },
		]);
		expect(index.search('any stores?')[0]?.id).toBe('stores');
		expect(index.search('do you have one for mate60')[0]?.id).toBe('case');
		expect(index.search('hi there, how are you')).toEqual([]);
		expect(index.search('thanks a lot')).toEqual([]);
		// "a" the article is not the A of A醇; what is left of an English DM must say something.
		expect(index.search('i wanna talk to a real person')).toEqual([]);
		expect(index.search('A醇能一起用吗')[0]?.id).toBe('retinol');
	});
});

describe('typed pinyin in FAQ matching', () => {
	const index = FaqIndex.build([
		{ id: 'men', questions: ['男生能用吗'], answer: '可以' },
		{ id: 'reapply', questions: ['防晒需要补涂吗'], answer: '两小时补一次' },
		{ id: 'pregnant', questions: ['孕妇能用吗'], answer: '可以' },
	]);
	it('is Chinese not yet chosen: heard by its sound, with or without spaces', () => {
		expect(index.search('nan sheng neng yong ma')[0]?.id).toBe('men');
		expect(index.search('nanshengnengyongma')[0]?.id).toBe('men');
		expect(index.search('fang shai yao bu tu ma')[0]?.id).toBe('reapply');
	});
	it('one English word that reads as pinyin ("line", "can") is still English', () => {
		expect(faqTextKnown('line', new Set())).toBe('line');
		expect(faqTextKnown('can', new Set())).toBe('');
	});
});
