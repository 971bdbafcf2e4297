import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';

describe('FAQ rows from a Data Table, a sheet or JSON', () => {
	it('names an entry by "name" over the Data Table\'s row id, and splits questions by line', () => {
		expect(
			faqFromRows([
				{
					id: 7,
					name: '保质期',
					questions: '保质期多久\n 开封后能放多久 \n',
					answer: '三年',
					tags: '保质期, 售前',
				},
			]),
		).toEqual([
			{
				id: '保质期',
				questions: ['保质期多久', '开封后能放多久'],
				answer: '三年',
				tags: ['保质期', '售前'],
			},
		]);
		expect(faqFromRows('[{"id": "a", "questions": ["q"], "answer": "x"}]')[0].id).toBe('a');
		expect(faqFromRows([{ questions: 'q', answer: 'x' }])[0].id).toBe('faq 1');
	});

	it('leaves out drafts, switched-off rows and rows without an answer: they would answer with nothing', () => {
		const rows = [
			{ name: 'live', questions: 'q1', answer: 'a1', status: 'live' },
			{ name: 'draft', questions: 'q2', answer: '', status: 'draft' },
			{ name: 'reviewed but no answer', questions: 'q3', answer: '  ', status: 'live' },
			{ name: '草稿', questions: 'q4', answer: 'a4', status: '草稿' },
			{ name: 'off', questions: 'q5', answer: 'a5', enabled: false },
			{ name: 'off text', questions: 'q6', answer: 'a6', enabled: 'false' },
		];
		expect(faqFromRows(rows).map((e) => e.id)).toEqual(['live']);
	});

	it('refuses what is not a list', () => {
		expect(() => faqFromRows('{"a": 1}')).toThrow('FAQ JSON must be an array of entries');
	});
});
