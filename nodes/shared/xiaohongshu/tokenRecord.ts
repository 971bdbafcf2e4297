import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The current token pair of one app, as kept in the state store. Access and refresh tokens
 * are secrets, and the state store (a SQLite file, a Redis server) is not encrypted the way
 * n8n's credential table is, so the record is sealed with a key derived from the app secret.
 */
export interface TokenRecord {
	accessToken: string;
	accessExpiresAt: number;
	refreshToken: string;
	refreshExpiresAt: number;
	userId?: string;
	/**
	 * Fingerprints of every credential value (auth code or refresh token) this chain grew
	 * from or produced: a credential still holding one of them is behind the chain, not new.
	 */
	lineage: string[];
	refreshedAt: number;
}

const MAX_LINEAGE = 20;

export function fingerprint(kind: 'code' | 'refresh', value: string): string {
	return createHash('sha256').update(`${kind}:${value}`).digest('base64url').slice(0, 22);
}

export function extendLineage(lineage: string[], ...fingerprints: string[]): string[] {
	const next = [...lineage.filter((f) => !fingerprints.includes(f)), ...fingerprints];
	return next.slice(-MAX_LINEAGE);
}

function sealKey(appId: string, appSecret: string): Buffer {
	return createHash('sha256').update(`xhs-token-record|${appId}|${appSecret}`).digest();
}

export function sealRecord(record: TokenRecord, appId: string, appSecret: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealKey(appId, appSecret), iv);
	const data = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
	return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

/** Undefined when the record was sealed under another secret or is damaged. */
export function openRecord(sealed: string, appId: string, appSecret: string): TokenRecord | undefined {
	try {
		const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
		const decipher = createDecipheriv('aes-256-gcm', sealKey(appId, appSecret), iv);
		decipher.setAuthTag(tag);
		const text = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
		return JSON.parse(text) as TokenRecord;
	} catch {
		return undefined;
	}
}
