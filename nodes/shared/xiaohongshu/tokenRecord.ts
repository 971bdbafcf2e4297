import { createHash } from 'node:crypto';
import { openText, sealText } from './sealedText';

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

/** The label keeps the key derivation of records sealed before sealedText.ts existed. */
const label = (appId: string) => `xhs-token-record|${appId}`;

export function sealRecord(record: TokenRecord, appId: string, appSecret: string): string {
	return sealText(JSON.stringify(record), label(appId), appSecret);
}

/** Undefined when the record was sealed under another secret or is damaged. */
export function openRecord(
	sealed: string,
	appId: string,
	appSecret: string,
): TokenRecord | undefined {
	const text = openText(sealed, label(appId), appSecret);
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text) as TokenRecord;
	} catch {
		return undefined;
	}
}
