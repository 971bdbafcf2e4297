/**
 * A customer's nickname or DM as a person may read it in a team chat, a page or a notice: phones
 * and WeChat ids masked (maskLeads), and the characters that change how text shows rather than
 * what it says taken out. Those are the controls a chat app or a terminal acts on (NUL, escape
 * sequences, backspace, C1), and the direction overrides that make "gpj.exe" read as "exe.jpg"
 * (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C). Line breaks and tabs stay: they are
 * how customers write. Markup needs no treatment here: every page escapes it, and chat messages
 * are sent as plain text.
 */
import { maskLeads } from './maskLeads';

/** Whether a UTF-16 unit is one of the characters taken out (tab U+0009 and line breaks U+000A, U+000D stay). */
function isInvisible(code: number): boolean {
	if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
	if (code >= 0x7f && code <= 0x9f) return true;
	return (
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** The text without controls and direction overrides (line breaks and tabs kept). */
export function withoutControls(text: string): string {
	let out = '';
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		if (!isInvisible(text.charCodeAt(i))) continue;
		out += text.slice(from, i);
		from = i + 1;
	}
	return from === 0 ? text : out + text.slice(from);
}

/** The text as a person may read it: contacts masked, controls and direction overrides gone. */
export function readableText(text: unknown): string {
	if (text === undefined || text === null) return '';
	return maskLeads(withoutControls(String(text)));
}
