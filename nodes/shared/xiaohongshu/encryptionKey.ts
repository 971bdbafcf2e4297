import { ContentCryptoError } from './contentCryptoError';

/**
 * The console's message encryption key, in either form the platform is known to hand out
 * (spec §4r2): 32 hexadecimal characters are the 16 key bytes in hex (what the public
 * integration decodes), and a 16-byte text is the key as its UTF-8 bytes (revision 1). The
 * two cannot be confused: a 32-character hex text is 32 bytes as text, never a valid key.
 */
export type KeyForm = 'hex' | 'text';

const HEX_KEY = /^[0-9a-fA-F]{32}$/;

export const KEY_FORMS_HINT =
	'The encryption key must be either 32 hexadecimal characters (0-9, a-f) or a text of exactly 16 bytes, as the Xiaohongshu app console shows it';

export function keyForm(key: string): KeyForm | undefined {
	const trimmed = (key ?? '').trim();
	if (HEX_KEY.test(trimmed)) return 'hex';
	return Buffer.byteLength(key ?? '', 'utf8') === 16 ? 'text' : undefined;
}

export function encryptionKeyBytes(key: string): Buffer {
	const form = keyForm(key);
	if (form === 'hex') return Buffer.from(key.trim(), 'hex');
	if (form === 'text') return Buffer.from(key, 'utf8');
	const length = Buffer.byteLength(key ?? '', 'utf8');
	throw new ContentCryptoError(
		`${KEY_FORMS_HINT}; this one has ${length} bytes and is not hexadecimal`,
	);
}
