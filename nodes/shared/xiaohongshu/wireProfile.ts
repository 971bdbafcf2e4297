import type { PageArgs, SendableType } from './endpoints';

/**
 * What differs between the two revisions of the wire contract (spec §0, §5, §5r2), as data:
 * the client calls one builder per endpoint and never asks which revision it speaks.
 * Revision 2 follows the one public integration of the DM endpoints; revision 1 is the
 * project's first, inferred contract, kept for setups (and sandboxes) that speak it.
 */
export type WireRevision = 'r1' | 'r2';

export interface SendFields {
	requestId: string;
	messageType: SendableType;
	fromUserId: string;
	toUserId: string;
	thirdAccountId: string;
	timestampMs: number;
	encryptedContent: string;
}

export interface WireProfile {
	revision: WireRevision;
	label: string;
	sendBody(fields: SendFields): Record<string, unknown>;
	boundAccountsBody(page: PageArgs, userId?: string): Record<string, unknown>;
	/** Whether the bound-users list pages (revision 2's body names a user and no page: one call answers all). */
	pagesBoundAccounts: boolean;
	notesBody(userId: string, page: PageArgs): Record<string, unknown>;
	materialsBody(userId: string, page: PageArgs, type?: string): Record<string, unknown>;
	/** 聚光's OAuth clients send an all-digit app id as a JSON number (spec §5r2). */
	oauthAppId(appId: string): string | number;
}

const snakePage = (page: PageArgs) => ({ page_num: page.pageNum, page_size: page.pageSize });
const camelPage = (page: PageArgs) => ({ pageNo: page.pageNum, pageSize: page.pageSize });

const REVISION_1: WireProfile = {
	revision: 'r1',
	label: 'revision 1',
	sendBody: (f) => ({
		request_id: f.requestId,
		message_type: f.messageType,
		from_user_id: f.fromUserId,
		to_user_id: f.toUserId,
		third_account_id: f.thirdAccountId,
		timestamp: f.timestampMs,
		content: f.encryptedContent,
	}),
	boundAccountsBody: (page) => snakePage(page),
	pagesBoundAccounts: true,
	notesBody: (userId, page) => ({ user_id: userId, ...snakePage(page) }),
	materialsBody: (userId, page) => ({ user_id: userId, ...snakePage(page) }),
	oauthAppId: (appId) => appId,
};

const REVISION_2: WireProfile = {
	revision: 'r2',
	label: 'revision 2',
	sendBody: (f) => ({
		// The business account the token belongs to; the integration sends the sender here.
		user_id: f.fromUserId,
		request_id: f.requestId,
		message_type: f.messageType,
		from_user_id: f.fromUserId,
		to_user_id: f.toUserId,
		third_account_id: f.thirdAccountId,
		timestamp: f.timestampMs,
		'content-encrypted': f.encryptedContent,
	}),
	// Never an empty object: n8n's request helper sends no body at all for {} and the platform reads none.
	boundAccountsBody: (page, userId) => (userId ? { user_id: userId } : camelPage(page)),
	pagesBoundAccounts: false,
	// The token names the account in revision 2: its list bodies carry paging only.
	notesBody: (_userId, page) => camelPage(page),
	materialsBody: (_userId, page, type) => ({ ...(type ? { type } : {}), ...camelPage(page) }),
	oauthAppId: (appId) => (/^\d{1,15}$/.test(appId) ? Number(appId) : appId),
};

const PROFILES: Record<WireRevision, WireProfile> = { r1: REVISION_1, r2: REVISION_2 };

export const DEFAULT_REVISION: WireRevision = 'r2';

export function wireProfile(revision: string | undefined): WireProfile {
	return PROFILES[revision as WireRevision] ?? PROFILES[DEFAULT_REVISION];
}

export function isWireRevision(value: unknown): value is WireRevision {
	return value === 'r1' || value === 'r2';
}
