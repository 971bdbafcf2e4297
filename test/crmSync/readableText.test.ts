/**
 * A nickname or DM as a team chat or a page shows it: contacts masked like the CRM's notes,
 * the characters that change how text shows (controls, direction overrides) taken out, and
 * everything a customer means kept: line breaks, emoji, markup as the text it is.
 */
import { readableText, withoutControls } from '../../nodes/shared/crmSync';

describe('readableText', () => {
	it('masks the phones and WeChat ids a customer typed, however they typed them', () => {
		expect(readableText('电话13812345678，微信 xiaoyu_2024')).toBe(
			'电话138****5678，微信 xi****24',
		);
		expect(readableText('打我１３８ １２３４ ５６７８')).toContain('138****5678');
		expect(readableText('加v：abc-12345 谢谢')).not.toContain('abc-12345');
	});

	it('takes out controls and direction overrides, keeps line breaks, tabs, emoji and CJK', () => {
		expect(withoutControls('a\u0000b\u001b[31mc\u0007d\u0085e')).toBe('ab[31mcde');
		expect(withoutControls('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
		expect(withoutControls('\u2066x\u2069\u200e\u200f\u061c')).toBe('x');
		expect(withoutControls('第一行\n第二行\r\n\t缩进 💄')).toBe('第一行\n第二行\r\n\t缩进 💄');
		const same = '没有要去掉的';
		expect(withoutControls(same)).toBe(same);
	});

	it('leaves markup as the text it is: pages escape it, chat messages are plain text', () => {
		expect(readableText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
	});

	it('reads nothing as empty, and numbers or other values as their text', () => {
		expect(readableText(undefined)).toBe('');
		expect(readableText(null)).toBe('');
		expect(readableText(42)).toBe('42');
	});
});
