import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Text kept in the state store that a reader of the store must not see (a token pair, a
 * quarantined push holding a customer's DM): AES-256-GCM under a key derived from the app
 * secret and a label naming what is sealed, so only a holder of the credential can open it.
 */
function keyFor(label: string, secret: string): Buffer {
	return createHash('sha256').update(`${label}|${secret}`).digest();
}

export function sealText(text: string, label: string, secret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyFor(label, secret), iv);
	const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

/** Undefined when sealed under another secret or label, or damaged. */
export function openText(sealed: string, label: string, secret: string): string | undefined {
	try {
		const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
		const decipher = createDecipheriv('aes-256-gcm', keyFor(label, secret), iv);
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}
