import { checkPick } from '../../nodes/shared/modelPick/checkPick';
import { readPick } from '../../nodes/shared/modelPick/readPick';

const candidates = [
	{ id: 'ship', question: '多久发货', answer: '下单后48小时内发货，江浙沪一般2天到。', score: 0.4 },
	{ id: 'return', question: '怎么退货', answer: '7天无理由退货，在订单页申请即可。', score: 0.3 },
];

describe('readPick: the one JSON object the model was asked for', () => {
	it('reads a plain, a fenced and a differently named pick', () => {
		expect(readPick('{"entry":"ship","confidence":0.9,"reason":"问发货时间"}')).toEqual({
			entry: 'ship',
			confidence: 0.9,
			reason: '问发货时间',
			strings: ['问发货时间'],
		});
		expect(readPick('```json\n{"entry_id": "ship", "confidence": "85%"}\n```')).toMatchObject({
			entry: 'ship',
			confidence: 0.85,
		});
		expect(readPick('{"entry": "none", "confidence": 0.9}')?.entry).toBeNull();
		expect(readPick('{"entry": null, "confidence": 1}')?.entry).toBeNull();
		// A reasoning model's thinking comes first; the answer after it counts.
		expect(
			readPick(
				'<think>顾客问发货时间，条目 ship 说48小时</think>\n{"entry":"ship","confidence":0.8}',
			),
		).toMatchObject({ entry: 'ship', strings: [] });
	});

	it('refuses prose, prose around the object, arrays and objects without an entry', () => {
		expect(readPick('您好，我们下单后48小时内发货哦')).toBeUndefined();
		expect(readPick('Sure! {"entry":"ship","confidence":0.9}')).toBeUndefined();
		expect(readPick('[{"entry":"ship"}]')).toBeUndefined();
		expect(readPick('{"answer":"下单后48小时内发货"}')).toBeUndefined();
		expect(readPick('{"entry": "ship", "confidence": 0.9')).toBeUndefined();
		expect(readPick('{"entry": {"id": "ship"}}')).toBeUndefined();
	});

	it('a confidence that is no number in [0, 1] or a percentage is no confidence', () => {
		expect(readPick('{"entry":"ship","confidence":"high"}')?.confidence).toBeNull();
		expect(readPick('{"entry":"ship","confidence":250}')?.confidence).toBeNull();
		expect(readPick('{"entry":"ship","confidence":-0.1}')?.confidence).toBeNull();
	});
});

describe('checkPick: what may answer a customer', () => {
	const pick = (text: string) => checkPick(readPick(text)!, candidates, 0.7);

	it('an offered entry, confident enough, with no invented figures, answers', () => {
		expect(pick('{"entry":"ship","confidence":0.9,"reason":"问多久发货，条目说48小时内"}')).toEqual(
			{
				ok: true,
				candidate: candidates[0],
			},
		);
		// Full-width digits are the same numbers.
		expect(pick('{"entry":"ship","confidence":0.9,"reason":"４８小时内发货"}').ok).toBe(true);
	});

	it('hands back: none, an id it was not offered, low or missing confidence', () => {
		expect(pick('{"entry":null,"confidence":0.9}')).toMatchObject({
			ok: false,
			handBack: 'no entry',
		});
		expect(pick('{"entry":"faq-999","confidence":0.99}')).toMatchObject({
			ok: false,
			handBack: 'unknown entry',
			why: expect.stringContaining('"faq-999"'),
		});
		expect(pick('{"entry":"ship","confidence":0.5}')).toMatchObject({
			ok: false,
			handBack: 'low confidence',
			why: expect.stringContaining('0.50 is below 0.7'),
		});
		expect(pick('{"entry":"ship"}')).toMatchObject({ ok: false, handBack: 'low confidence' });
	});

	it('an offered id copied back with other spacing, case or width is that entry, nothing looser', () => {
		const named = (entry: string) =>
			checkPick(readPick(JSON.stringify({ entry, confidence: 0.9 }))!, candidates, 0.7);
		expect(named(' SHIP ')).toMatchObject({ ok: true, candidate: { id: 'ship' } });
		expect(named('ｓｈｉｐ')).toMatchObject({ ok: true, candidate: { id: 'ship' } });
		expect(named('shipping')).toMatchObject({ ok: false, handBack: 'unknown entry' });
		expect(named('多久发货')).toMatchObject({ ok: false, handBack: 'unknown entry' });
	});

	it('hands back a price or number the entry does not say, in any field the model wrote', () => {
		expect(pick('{"entry":"ship","confidence":0.95,"reason":"现在只要99元包邮"}')).toMatchObject({
			ok: false,
			handBack: 'number not in entry',
			why: expect.stringContaining('"99"'),
		});
		expect(
			pick('{"entry":"return","confidence":0.95,"reason":"可退","reply":"15天内可以退哦"}'),
		).toMatchObject({ ok: false, handBack: 'number not in entry' });
		// The entry's own figures are fine.
		expect(pick('{"entry":"return","confidence":0.95,"reason":"7天无理由"}').ok).toBe(true);
	});
});
