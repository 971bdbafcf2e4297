/**
 * Which event a push carries (spec §4r2): revision 2 says it by the URL path the platform
 * posts to, and where the path says nothing (one URL for everything) the body's fields do.
 * Event names are revision 1's, so items look the same whichever revision delivered them.
 */
export type PushKind =
	'message' | 'account_bound' | 'account_unbound' | 'kos_auth' | 'comment_intent' | 'lead';

export const PUSH_KINDS: readonly PushKind[] = [
	'message',
	'account_bound',
	'account_unbound',
	'kos_auth',
	'comment_intent',
	'lead',
];

/** The path suffixes of section 4r2, and the label an ops person reads in an alert. */
export const PUSH_SUFFIXES: ReadonlyArray<{ kind: PushKind; suffix: string; label: string }> = [
	{ kind: 'message', suffix: '/open/im/send', label: 'DMs' },
	{ kind: 'account_bound', suffix: '/open/im/third/bind_account', label: 'account bound' },
	{ kind: 'account_unbound', suffix: '/open/im/third/unbind_account', label: 'account unbound' },
	{ kind: 'kos_auth', suffix: '/open/im/auth/bind_user/event', label: 'KOS authorisation' },
	{
		kind: 'comment_intent',
		suffix: '/open/im/intent/comment',
		label: 'comments with purchase intent',
	},
	{ kind: 'lead', suffix: '/open/im/third/data', label: 'leads (留资)' },
];

// Matched on the path's end, and without "/open" or "/third" too, because the integration
// also serves e.g. ".../im/bind_account": a console may append either form.
const PATH_PATTERNS: Array<[RegExp, PushKind]> = [
	[/\/unbind_account\/?$/, 'account_unbound'],
	[/\/bind_account\/?$/, 'account_bound'],
	[/\/bind_user\/event\/?$/, 'kos_auth'],
	[/\/intent\/comment\/?$/, 'comment_intent'],
	[/\/third\/data\/?$/, 'lead'],
	[/\/im\/send\/?$/, 'message'],
];

export function kindFromPath(path: string | undefined): PushKind | undefined {
	if (!path) return undefined;
	const clean = path.split('?')[0];
	return PATH_PATTERNS.find(([pattern]) => pattern.test(clean))?.[1];
}

export function suffixOf(kind: PushKind): string {
	return PUSH_SUFFIXES.find((s) => s.kind === kind)?.suffix ?? '';
}

type Fields = Record<string, unknown>;

const has = (fields: Fields, ...names: string[]) =>
	names.some((n) => fields[n] !== undefined && fields[n] !== null && fields[n] !== '');

/**
 * The kind a body's fields look like, or undefined when they fit none. Order matters: a lead
 * form may name the note it came from, so contact fields decide before a note id does.
 */
export function kindFromFields(fields: Fields): PushKind | undefined {
	// A DM names its message or carries message content between two users; a lead may name
	// both users too (who left the form with whom), and its form fields may sit under "content".
	if (
		has(fields, 'message_id', 'message_type') ||
		(has(fields, 'from_user_id') && has(fields, 'to_user_id') && carriesMessage(fields))
	) {
		return 'message';
	}
	if (has(fields, 'token')) return 'account_bound';
	if (has(fields, 'auth_status', 'kos_user_id')) return 'kos_auth';
	if (has(fields, 'comment', 'comment_id')) return 'comment_intent';
	if (has(fields, 'phone', 'mobile', 'wechat', 'weixin', 'form_id', 'lead_id')) return 'lead';
	if (has(fields, 'note_id', 'noteId')) return 'comment_intent';
	if (has(fields, 'name', 'remark')) return 'lead';
	if (
		has(fields, 'user_id') &&
		Object.keys(fields).every((k) =>
			['user_id', 'account_code', 'app_id', 'third_account_id', 'timestamp'].includes(k),
		)
	) {
		return 'account_unbound';
	}
	return undefined;
}

const MESSAGE_CONTENT = ['text', 'url', 'title', 'note_id', 'image'];

function carriesMessage(fields: Fields): boolean {
	const content = fields.content ?? fields['content-encrypted'];
	if (typeof content === 'string') return true;
	return (
		!!content &&
		typeof content === 'object' &&
		MESSAGE_CONTENT.some((k) => k in (content as Fields))
	);
}

/** Does a body whose path named a kind have at least what that kind needs? */
export function fitsKind(kind: PushKind, fields: Fields): boolean {
	switch (kind) {
		case 'message':
			return has(fields, 'from_user_id') && has(fields, 'to_user_id');
		case 'account_bound':
		case 'account_unbound':
		case 'kos_auth':
			return has(fields, 'user_id', 'account_code');
		default:
			return Object.keys(fields).length > 0;
	}
}
