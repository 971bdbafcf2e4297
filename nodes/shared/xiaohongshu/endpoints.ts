/** Endpoint paths and request shapes of the DM API (spec §2, §5). All calls are POST + JSON. */
export const PRODUCTION_BASE_URL = 'https://adapi.xiaohongshu.com';
export const DEFAULT_SANDBOX_BASE_URL = 'http://127.0.0.1:4780';
/** Where production's binding page lives: another host than the API (spec §5r2). */
export const PRODUCTION_BINDING_BASE_URL = 'https://ad.xiaohongshu.com';

export const PATHS = {
	codeExchange: '/api/open/oauth2/access_token',
	pairRenewal: '/api/open/oauth2/refresh_token',
	send: '/api/open/im/third/send',
	boundAccounts: '/api/open/im/auth/bind_users',
	noteList: '/api/open/im/note/list',
	materialList: '/api/open/im/material/list',
	unbindAccount: '/api/open/im/third/unbind_account',
	/** The page an account owner opens to bind an account to this app (spec §5r2). */
	bindingPage: '/api/leona/three/im/account/add',
	/** The sandbox's own registration endpoint; production registers URLs in its console. */
	sandboxWebhook: '/sandbox/webhook',
} as const;

export const ACCESS_TOKEN_HEADER = 'Access-Token';

export interface TokenData {
	access_token: string;
	access_token_expires_in: number;
	refresh_token: string;
	refresh_token_expires_in: number;
	user_id?: string;
	app_id?: string;
	platform_type?: number;
}

export type SendableType = 'TEXT' | 'IMAGE' | 'CARD' | 'NOTE';

export type SendContent =
	| { text: string }
	| { url: string }
	| { title: string; url: string; image: string }
	| { note_id: string };

export interface SendArgs {
	requestId: string;
	messageType: SendableType;
	fromUserId: string;
	toUserId: string;
	thirdAccountId: string;
	content: SendContent;
}

export interface PageArgs {
	pageNum: number;
	pageSize: number;
}

export interface Page<T> {
	list: T[];
	total: number;
}

export interface BoundAccount {
	user_id: string;
	nickname: string;
	third_account_id: string;
	auth_status: number;
}

const LIST_FIELDS = ['list', 'items', 'records', 'rows', 'data', 'result'];
const TOTAL_FIELDS = ['total', 'totalCount', 'total_count', 'count'];

/**
 * One page of a list endpoint, read tolerantly: revision 2's list shapes are not documented,
 * so the items may sit under any of the usual names (or be the data itself), and the total
 * may be missing (then paging stops at the first short page).
 */
export function readPage<T>(data: unknown): Page<T> {
	if (Array.isArray(data)) return { list: data as T[], total: Number.NaN };
	const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
	const listField = LIST_FIELDS.find((f) => Array.isArray(record[f]));
	const nested = !listField
		? LIST_FIELDS.find((f) => record[f] && typeof record[f] === 'object')
		: undefined;
	if (nested) return readPage<T>(record[nested]);
	const totalField = TOTAL_FIELDS.find(
		(f) => Number.isFinite(Number(record[f])) && record[f] !== null && record[f] !== '',
	);
	return {
		list: listField ? (record[listField] as T[]) : [],
		total: totalField ? Number(record[totalField]) : Number.NaN,
	};
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Checks the content shape for a message type before anything is encrypted or sent. */
export function validateSendContent(
	type: SendableType,
	content: Record<string, unknown>,
): string | undefined {
	const need: Record<SendableType, string[]> = {
		TEXT: ['text'],
		IMAGE: ['url'],
		CARD: ['title', 'url', 'image'],
		NOTE: ['note_id'],
	};
	const fields = need[type];
	if (!fields) return `message type "${type}" cannot be sent (use TEXT, IMAGE, CARD or NOTE)`;
	const missing = fields.filter(
		(f) => typeof content[f] !== 'string' || (content[f] as string).trim() === '',
	);
	return missing.length ? `${type} message needs ${missing.join(', ')}` : undefined;
}
