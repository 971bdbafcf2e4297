import { readableText } from '../crmSync/readableText';
import { esc } from '../html/htmlPage';
import { localTime } from '../hours';
import type { LinkClaims, RefusalReason } from './linkToken';

/**
 * The small pages an agent sees when opening a link: the confirmation (a GET, which a chat
 * app's link preview also fetches, so it only asks), what was done, and why a link was
 * refused. Chinese and English; every text that is not this file's own is escaped; no
 * scripts, no external files, and the referrer is withheld so the token does not travel on.
 */

interface Bilingual {
	zh: string;
	en: string;
}

/** Names to show instead of IDs, when the caller knows them. */
export interface LinkNames {
	/** The customer (nickname), for a close link. */
	customer?: string;
	/** The agent, for a status link. */
	agent?: string;
}

export interface PageOptions {
	/** Where the expiry is told in local time (default Asia/Shanghai). */
	timeZone?: string;
}

const STATUS_WORDS: Record<string, Bilingual> = {
	online: { zh: '在线', en: 'online' },
	busy: { zh: '忙碌', en: 'busy' },
	away: { zh: '离开', en: 'away' },
	offline: { zh: '离线', en: 'offline' },
};

const REFUSALS: Record<RefusalReason, Bilingual> = {
	malformed: {
		zh: '链接不完整或无效，请复制完整的链接。',
		en: 'This link is incomplete or not valid; copy the whole link.',
	},
	'bad-signature': {
		zh: '链接无效（可能被改动过）。',
		en: 'This link is not valid (it may have been changed).',
	},
	expired: { zh: '链接已过期，请使用新的链接。', en: 'This link has expired; use a newer one.' },
	used: { zh: '这个链接已经用过了。', en: 'This link was already used.' },
	'not-yours': {
		zh: '这个链接不是给你的，或者这个会话已不归你处理。',
		en: 'This link is not for you, or the conversation is no longer yours.',
	},
	'wrong-action': {
		zh: '这个链接不能在这里使用。',
		en: 'This link cannot be used here.',
	},
};

const STYLE = `body{font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:0;padding:24px;color:#1f2933;background:#f5f7fa}
main{max-width:480px;margin:40px auto;background:#fff;border:1px solid #e4e7eb;border-radius:8px;padding:24px}
h1{font-size:20px;margin:0 0 4px}p{margin:8px 0;line-height:1.5}.en{color:#52606d}.note{color:#7b8794;font-size:13px}
button{font-size:16px;padding:10px 20px;border:0;border-radius:6px;background:#ff2442;color:#fff;cursor:pointer}
code{background:#f5f7fa;padding:1px 4px;border-radius:3px}`;

function shell(title: Bilingual, body: string): string {
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(title.zh)} · ${esc(title.en)}</title>
<style>
${STYLE}
</style></head><body><main>
${body}
</main></body></html>
`;
}

const heading = (text: Bilingual) => `<h1>${esc(text.zh)}</h1>\n<p class="en">${esc(text.en)}</p>`;

const statusWord = (status: string | undefined): Bilingual =>
	STATUS_WORDS[status ?? ''] ?? { zh: status ?? '', en: status ?? '' };

function question(claims: LinkClaims, names: LinkNames): Bilingual {
	// A nickname is the customer's own text: contacts masked, direction overrides out (readableText).
	const customer = readableText(names.customer || claims.conversationId || '');
	const agent = names.agent || claims.agentId;
	if (claims.action === 'close')
		return {
			zh: `结束与 ${customer} 的会话？`,
			en: `Close the conversation with ${customer}?`,
		};
	if (claims.action === 'status') {
		const word = statusWord(claims.status);
		return {
			zh: `把 ${agent} 的状态设为「${word.zh}」？`,
			en: `Set the status of ${agent} to ${word.en}?`,
		};
	}
	return { zh: `确认操作「${claims.action}」？`, en: `Confirm "${claims.action}"?` };
}

function expiryLine(expiresAt: number, timeZone: string): string {
	const local = localTime(new Date(expiresAt), timeZone);
	const clock = `${local.date} ${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`;
	return `<p class="note">${esc(`链接有效至 ${clock}（${timeZone}），只能使用一次。`)}<br>${esc(`Valid until ${clock} (${timeZone}), once.`)}</p>`;
}

/**
 * The confirmation: the question and a button that POSTs the token back to the page's own
 * address (or to `formAction`). Nothing is done until the button is pressed.
 */
export function confirmationPage(
	token: string,
	claims: LinkClaims,
	names: LinkNames = {},
	options: PageOptions & { formAction?: string } = {},
): string {
	const action = options.formAction ? ` action="${esc(options.formAction)}"` : '';
	const button =
		claims.action === 'close' ? { zh: '结束会话', en: 'Close it' } : { zh: '确认', en: 'Confirm' };
	return shell(
		{ zh: '请确认', en: 'Please confirm' },
		`${heading(question(claims, names))}
<form method="post"${action}>
<input type="hidden" name="t" value="${esc(token)}">
<button type="submit">${esc(button.zh)} · ${esc(button.en)}</button>
</form>
<p class="note">${esc('只有按下按钮才会执行。')}<br>${esc('Nothing happens until you press the button.')}</p>
${expiryLine(claims.expiresAt, options.timeZone ?? 'Asia/Shanghai')}`,
	);
}

/** What a used link did: `outcome` 'done', or 'nothing-to-do' (e.g. the conversation was closed already). */
export function donePage(
	claims: LinkClaims,
	outcome: 'done' | 'nothing-to-do',
	names: LinkNames = {},
): string {
	// A nickname is the customer's own text: contacts masked, direction overrides out (readableText).
	const customer = readableText(names.customer || claims.conversationId || '');
	let text: Bilingual;
	if (claims.action === 'close')
		text =
			outcome === 'done'
				? {
						zh: `已结束与 ${customer} 的会话。`,
						en: `The conversation with ${customer} is closed.`,
					}
				: { zh: '这个会话已经结束了。', en: 'This conversation was already closed.' };
	else if (claims.action === 'status') {
		const word = statusWord(claims.status);
		const agent = names.agent || claims.agentId;
		text = {
			zh: `${agent} 的状态已设为「${word.zh}」。`,
			en: `The status of ${agent} is now ${word.en}.`,
		};
	} else text = { zh: '已完成。', en: 'Done.' };
	return shell({ zh: '已完成', en: 'Done' }, `${heading(text)}`);
}

/** Why a link was refused: the reason's own text and its code, nothing from the request. */
export function refusalPage(reason: RefusalReason): string {
	const text = REFUSALS[reason] ?? REFUSALS.malformed;
	return shell(
		{ zh: '链接不可用', en: 'Link not usable' },
		`${heading(text)}
<p class="note">${esc('什么都没有改变。')} ${esc('Nothing was changed.')} <code>${esc(reason in REFUSALS ? reason : 'malformed')}</code></p>`,
	);
}

/** Something went wrong while acting (the agent may try the same link again). */
export function failurePage(): string {
	return shell(
		{ zh: '出错了', en: 'Something went wrong' },
		heading({
			zh: '出错了，什么都没有改变，请稍后再试一次。',
			en: 'Something went wrong and nothing was changed; try again in a moment.',
		}),
	);
}
