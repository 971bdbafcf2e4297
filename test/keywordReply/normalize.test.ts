import { ALIASES } from '../../nodes/shared/keywordReply/aliases';
import {
	aliasTable,
	foldChars,
	normalize,
	normalizeKeyword,
	originalSpan,
} from '../../nodes/shared/keywordReply/normalize';
import { mulberry32 as random } from '../support/seededRandom';

const text = (s: string) => normalize(s).text;
/** The original text a normalised span maps back to. */
const source = (input: string, start: number, end: number) => {
	const span = originalSpan(normalize(input), start, end);
	return input.slice(span.start, span.end);
};

describe('normalize: characters', () => {
	it('traditional → simplified, per character (OpenCC, regional variants included)', () => {
		expect(text('價格')).toBe('价格');
		expect(text('請問')).toBe('请问');
		expect(text('運費')).toBe('运费');
		expect(text('裡面')).toBe('里面'); // TW variant 裡 → 裏 → 里
		expect(text('這個顏色還有嗎')).toBe('这个颜色还有吗');
		expect(text('著名')).toBe('著名'); // simplified text uses 著 too: left alone
	});

	it('case and width', () => {
		expect(text('ＦＵＬＬ-ｗｉｄｔｈ')).toBe('fullwidth');
		expect(text('ＳＰＦ５０　防晒')).toBe('spf50防晒');
		expect(text('Crème BRÛLÉE')).toBe('cremebrulee');
		expect(text('Cre\u0300me')).toBe('creme'); // combining accent
		expect(text('𝐒𝐀𝐋𝐄')).toBe('sale'); // mathematical bold, a favourite of spam
		expect(text('①号 ⼀样')).toBe('1号一样');
	});

	it('white space, zero-width characters and punctuation go; digits and letters stay', () => {
		expect(text('多 少 钱')).toBe('多少钱');
		expect(text('多\t少\n钱\u3000')).toBe('多少钱');
		expect(text('价\u200B格\u200C\u200D\u2060\uFEFF')).toBe('价格');
		expect(text('，。！？、；：“”‘’（）【】《》…～·—「」')).toBe('');
		expect(text('价格？！...(多少) #1 a_b@c.d')).toBe('价格多少1abcd');
		expect(text('¥199')).toBe('¥199');
	});

	it('emoji go: pictographs, skin tones, ZWJ sequences, flags, keycaps, variation selectors', () => {
		expect(text('价😊格')).toBe('价格');
		expect(text('👨‍👩‍👧‍👦 好')).toBe('好');
		expect(text('👍🏽好的')).toBe('好的');
		expect(text('🇨🇳中国🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toBe('中国');
		expect(text('1️⃣号链接 2⃣ #️⃣ 3')).toBe('号链接3');
		expect(text('❤️爱心 ☀️ ✨ ㊙️')).toBe('爱心');
	});

	it('long messages (buffers grow, text is built in chunks)', () => {
		const n = normalize('價格 ，'.repeat(5000) + 'wx');
		expect(n.text).toBe('价格'.repeat(5000) + '微信');
		expect(originalSpan(n, 9999, 10002)).toEqual({ start: 19997, end: 20002 });
	});

	it('keeps supplementary ideographs and drops lone surrogates', () => {
		expect(text('𠀀价')).toBe('𠀀价');
		expect(text('价\uD800格\uDC00')).toBe('价格');
	});
});

describe('normalize: aliases', () => {
	it('applies each kind of alias', () => {
		expect(text('jiage')).toBe('价格'); // pinyin
		expect(text('duoshaoqian')).toBe('多少钱');
		expect(text('Duoshao Qian?')).toBe('多少钱');
		expect(text('支持zfb吗')).toBe('支持支付宝吗'); // abbreviation
		expect(text('加 WX 或 vx 或 ｗｘ')).toBe('加微信或微信或微信');
		expect(text('weixin多少')).toBe('微信多少');
		expect(text('YYDS!!')).toBe('永远的神'); // slang
		expect(text('保值期多久')).toBe('保质期多久'); // homophone typo
		expect(text('包油吗，有优慧吗')).toBe('包邮吗有优惠吗');
		expect(text('什么时候发huo')).toBe('什么时候发货'); // half-typed word
		expect(text('退kuan')).toBe('退款');
		expect(text('發huo')).toBe('发货'); // traditional head, via t2s first
	});

	it('takes the filler out between a service verb and its object', () => {
		expect(text('能改一下地址吗')).toBe('能改地址吗');
		expect(text('帮我開個發票')).toBe('帮我开发票');
		expect(text('补个差价换一个大瓶的')).toBe('补差价换大瓶的');
		expect(text('查下单号')).toBe('查下单号'); // bare 下 stays: 下单
	});

	it('prefers the longest alias', () => {
		expect(text('youhuiquan')).toBe('优惠券');
		expect(text('jms')).toBe('姐妹们');
	});

	it('leaves Latin aliases glued to other Latin letters in the original alone', () => {
		expect(text('wxyz')).toBe('wxyz');
		expect(text('awx')).toBe('awx');
		expect(text('tbh')).toBe('tbh');
		expect(text('jiagex')).toBe('jiagex');
		expect(text('发huoche')).toBe('发huoche');
		expect(text('hello wx')).toBe('hello微信'); // glued only after spaces are gone
		expect(text('wx😊yz')).toBe('微信yz');
		expect(text('wx123')).toBe('微信123');
	});

	it('the alias table (~100 aliases and the shop vocabulary) holds Chinese canonical forms that never feed another alias', () => {
		const table = aliasTable();
		expect(table.size).toBeGreaterThanOrEqual(60);
		expect(table.size).toBeLessThanOrEqual(420);
		expect(new Set(ALIASES.map(([k]) => foldChars(k).text)).size).toBe(ALIASES.length); // no duplicates
		for (const [key, value] of table) {
			expect(foldChars(key).text).toBe(key);
			expect(foldChars(value).text).toBe(value);
			expect(value).toMatch(/^\p{Script=Han}+$/u);
			expect(key).not.toMatch(/^\d|\d$/);
			for (const other of table.keys()) {
				expect(value.includes(other)).toBe(false);
				for (let i = 1; i < Math.min(value.length, other.length); i++) {
					expect(value.endsWith(other.slice(0, i))).toBe(false);
					expect(value.startsWith(other.slice(-i))).toBe(false);
				}
			}
		}
	});
});

describe('normalize: spans in the original', () => {
	it('spans cover removed characters in between, and nothing around', () => {
		expect(source('价😊格', 0, 2)).toBe('价😊格');
		expect(source('，价😊格！', 0, 2)).toBe('价😊格');
		expect(source('多 少 钱？', 1, 3)).toBe('少 钱');
		expect(source('ＦＵＬＬ-ｗｉｄｔｈ', 3, 5)).toBe('Ｌ-ｗ');
	});

	it('never splits a surrogate pair', () => {
		expect(source('a𠀀价', 1, 3)).toBe('𠀀');
		expect(source('a𠀀价', 1, 2)).toBe('𠀀');
		expect(source('a𠀀价', 2, 3)).toBe('𠀀');
		expect(source('𝐒𝐀𝐋𝐄!', 1, 3)).toBe('𝐀𝐋');
	});

	it('a replaced span maps to the whole alias source', () => {
		const n = normalize('加 vx 吧');
		expect(n.text).toBe('加微信吧');
		expect(source('加 vx 吧', 1, 2)).toBe('vx');
		expect(source('加 vx 吧', 1, 4)).toBe('vx 吧');
		expect(source('问下 duoshao qian？', 2, 5)).toBe('duoshao qian');
		expect(source('问下 duoshao qian？', 0, 3)).toBe('问下 duoshao qian');
	});

	it('empty and out-of-range spans', () => {
		expect(originalSpan(normalize('，价格'), 0, 0)).toEqual({ start: 1, end: 1 });
		expect(originalSpan(normalize('价格！'), 2, 2)).toEqual({ start: 2, end: 2 });
		expect(originalSpan(normalize('价格'), -1, 9)).toEqual({ start: 0, end: 2 });
		expect(originalSpan(normalize('！'), 0, 1)).toEqual({ start: 0, end: 0 });
	});
});

// A second, deliberately naive implementation (code points, strings, a sorted alias list) that
// the fast one must agree with on random messy text: same text, same span for every unit.
interface Unit {
	ch: string;
	start: number;
	end: number;
}

const latinLetter = /^[a-z\u00df-\u00f6\u00f8-\u024f]$/;

function reference(input: string): { text: string; units: Unit[] } {
	let units: Unit[] = [];
	for (let i = 0; i < input.length;) {
		const cp = input.codePointAt(i) as number;
		const len = cp > 0xffff ? 2 : 1;
		const prev = units[units.length - 1];
		if (
			cp === 0x20e3 &&
			prev &&
			/[0-9]/.test(prev.ch) &&
			(prev.start === i - 1 || (prev.start === i - 2 && input[i - 1] === '\uFE0F'))
		)
			units.pop();
		const folded =
			len === 1 && cp >= 0xd800 && cp <= 0xdfff ? '' : foldChars(String.fromCodePoint(cp)).text;
		for (const ch of folded.split('')) units.push({ ch, start: i, end: i + len });
		i += len;
	}
	const keys = [...aliasTable().keys()].sort((a, b) => b.length - a.length);
	const latinAt = (p: number) =>
		p >= 0 && p < input.length && latinLetter.test(foldChars(input[p]).text);
	const out: Unit[] = [];
	for (let k = 0; k < units.length;) {
		const at = units.slice(k);
		const key = keys.find((key) => {
			if (
				at
					.slice(0, key.length)
					.map((u) => u.ch)
					.join('') !== key
			)
				return false;
			if (latinLetter.test(key[0]) && latinAt(at[0].start - 1)) return false;
			return !(latinLetter.test(key[key.length - 1]) && latinAt(at[key.length - 1].end));
		});
		if (key === undefined) {
			out.push(units[k++]);
			continue;
		}
		const start = at[0].start;
		const end = at[key.length - 1].end;
		for (const ch of aliasTable().get(key) as string) out.push({ ch, start, end });
		k += key.length;
	}
	units = out;
	return { text: units.map((u) => u.ch).join(''), units };
}

const PIECES = [
	'价',
	'格',
	'價',
	'運費',
	'多',
	'少',
	'钱',
	'请问',
	' ',
	'　',
	'，',
	'！',
	'?',
	'-',
	'😊',
	'👨‍👩‍👧',
	'👍🏻',
	'🇨🇳',
	'1️⃣',
	'2',
	'\u20E3',
	'\u200B',
	'\uFE0F',
	'Ａ',
	'ｗ',
	'x',
	'w',
	'v',
	'a',
	'z',
	'f',
	'b',
	'jia',
	'ge',
	'duoshao',
	'qian',
	'yyds',
	'发',
	'發',
	'huo',
	'退',
	'kuan',
	'保',
	'值',
	'期',
	'包',
	'油',
	'𠀀',
	'𝐇',
	'é',
	'E\u0301',
	'\uD800',
	'İ',
	'5',
	'jm',
	's',
];

function randomTexts(count: number): string[] {
	const next = random(20240611);
	const texts: string[] = [];
	for (let i = 0; i < count; i++) {
		let s = '';
		const pieces = Math.floor(next() * 14);
		for (let j = 0; j < pieces; j++) s += PIECES[Math.floor(next() * PIECES.length)];
		texts.push(s);
	}
	return texts;
}

describe('normalize: properties over generated messy text', () => {
	const texts = randomTexts(3000);

	it('matches the naive reference: text, and the original span of every normalised span', () => {
		const next = random(7);
		for (const input of texts) {
			const n = normalize(input);
			const ref = reference(input);
			expect({ input, text: n.text }).toEqual({ input, text: ref.text });
			for (let r = 0; r < 6 && n.text.length > 0; r++) {
				const a = Math.floor(next() * n.text.length);
				const b = a + 1 + Math.floor(next() * (n.text.length - a));
				const want = { start: ref.units[a].start, end: ref.units[b - 1].end };
				expect({ input, a, b, span: originalSpan(n, a, b) }).toEqual({ input, a, b, span: want });
			}
		}
	});

	it('character spans map back to exactly their source: folding the source gives the span', () => {
		const next = random(11);
		for (const input of texts) {
			const n = foldChars(input);
			if (n.text.length === 0) continue;
			const a = Math.floor(next() * n.text.length);
			const b = a + 1 + Math.floor(next() * (n.text.length - a));
			const span = originalSpan(n, a, b);
			// A span never ends inside a surrogate pair, so one cut in the middle of a pair widens.
			const cut = (i: number) => i > 0 && i < n.text.length && /[\uDC00-\uDFFF]/.test(n.text[i]);
			expect(foldChars(input.slice(span.start, span.end)).text).toBe(
				n.text.slice(cut(a) ? a - 1 : a, cut(b) ? b + 1 : b),
			);
		}
	});

	it('is idempotent', () => {
		for (const input of texts) expect(text(text(input))).toBe(text(input));
	});

	it('every character folds to a fixed point', () => {
		for (let c = 0; c < 0x10000; c++) {
			if (c >= 0xd800 && c <= 0xdfff) continue;
			const once = foldChars(String.fromCharCode(c)).text;
			if (once !== '') expect(foldChars(once).text).toBe(once);
		}
	});

	it('drops every emoji and punctuation character; keeps letters and digits', () => {
		const check = (re: RegExp, from: number, to: number, kept: boolean) => {
			for (let cp = from; cp <= to; cp++) {
				const ch = String.fromCodePoint(cp);
				if (cp >= 0xd800 && cp <= 0xdfff) continue;
				if (re.test(ch) && (foldChars(ch).text !== '') !== kept)
					throw new Error(`U+${cp.toString(16)} ${kept ? 'dropped' : 'kept'}`);
			}
		};
		check(
			/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\p{P}/u,
			0,
			0x1ffff,
			false,
		);
		check(/^(?!\p{Extended_Pictographic})[\p{L}\p{Nd}]$/u, 0, 0xffff, true); // ℹ is a letter and an emoji
	});
});

describe('normalize: keywords and messages agree', () => {
	it.each([
		['價格', '请问价格多少'],
		['多少钱', 'duoshao qian啊'],
		['WX', '可以加vx吗'],
		['包邮', '包油吗😊'],
		['发货', '啥时候發huo'],
		['yyds', 'YYDS！！'],
		['保质期', '保 值 期多久'],
		['ＳＰＦ50', 'spf 50 的'],
	])('keyword %s is found in %s', (keyword, message) => {
		expect(normalize(message).text).toContain(normalizeKeyword(keyword));
	});
});
