/**
 * The knowledge base reads a DM whole and clause by clause: the question in a long DM is as
 * close as it would be alone, and a clause is held to the same threshold as a DM.
 */
import { clauses, FaqIndex } from '../../nodes/shared/keywordReply/faq/faqIndex';

const index = FaqIndex.build([
	{ id: 'flight', questions: ['充电宝能带上飞机吗', '充电宝可以带上高铁吗'], answer: '可以…' },
	{ id: 'makeup', questions: ['用完能马上化妆吗', '会搓泥吗'], answer: '等两分钟…' },
	{ id: 'stock', questions: ['有货吗', '还有现货吗'], answer: '有的' },
]);

describe('FAQ clauses', () => {
	it('splits where a clause ends as written, never on spaces', () => {
		expect(clauses('晚上涂了这个，第二天能直接化妆吗？会不会起屑')).toEqual([
			'晚上涂了这个',
			'第二天能直接化妆吗',
			'会不会起屑',
		]);
		expect(clauses('does it support fast charging')).toEqual(['does it support fast charging']);
		expect(clauses('退 款')).toEqual(['退 款']);
	});

	it('finds the question after a clause about something else', () => {
		const text = '我不是要退货也不是要换货，订单备注也改好了，就想问充电宝能带上高铁吗';
		const [hit] = index.search(text, { threshold: 0 });
		expect(hit.id).toBe('flight');
		// Its clause scores as that clause alone; the whole DM, diluted, would not pass.
		expect(hit.score).toBeCloseTo(index.search('就想问充电宝能带上高铁吗')[0].score, 6);
		expect(hit.score).toBeGreaterThan(0.6);
	});

	it('holds a clause to the threshold like a DM: chatter clauses answer nothing', () => {
		expect(index.search('在吗，你好，哈哈哈哈')).toEqual([]);
		expect(index.search('好的，谢谢')).toEqual([]);
	});

	it('keeps one hit per entry, the best of its clauses', () => {
		const hits = index.search('还有现货吗，用完能马上化妆吗', { topK: 3 });
		expect(hits.map((h) => h.id).sort()).toEqual(['makeup', 'stock']);
		expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
	});
});
