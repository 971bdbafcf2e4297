import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	checkActionLink,
	confirmationPage,
	consumeActionLink,
	donePage,
	refusalPage,
	restoreActionLink,
	type LinkClaims,
	type LinkNames,
	type RefusalReason,
} from '../../shared/agentLinks';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import { routed } from '../../shared/n8n';
import { settled } from '../../shared/outcome';
import { listOf } from '../../shared/listOf';
import { linkSigningFor } from '../helpers/links';
import { CONFIRM_PAGE, deskRouted, OTHER, REFUSED, type DeskResult } from '../helpers/outputs';
import { releaseConversation } from './release.operation';
import { setAgentStatus } from './setStatus.operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put a Webhook node before this one (Allow Multiple HTTP Methods: GET and POST, both outputs connected here; Respond: Using "Respond to Webhook" Node). A GET (a click, or a chat app\'s link preview) only gets the Confirm Page; the page\'s button POSTs the token back, and only that acts. Send "page" back from each output with Respond to Webhook (Respond With: Text, header Content-Type: text/html; charset=utf-8).',
		name: 'openLinkNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Token',
		name: 'linkToken',
		type: 'string',
		typeOptions: { password: true },
		default: "={{ $json.body?.t ?? $json.query?.t ?? '' }}",
		description:
			'The link\'s token: "t" of the query (the link) or of the body (the confirmation form)',
	},
	{
		displayName: 'Request Method',
		name: 'linkRequestMethod',
		type: 'string',
		default: "={{ $json.body?.t ? 'POST' : 'GET' }}",
		description:
			'POST acts (the confirmation form posts the token in its body); anything else only shows the confirmation page. The default tells the two apart by the token in the body.',
	},
	{
		displayName: 'Accepted Actions',
		name: 'linkActions',
		type: 'multiOptions',
		options: [
			{ name: 'Close Conversation', value: 'close' },
			{ name: 'Set Status', value: 'status' },
		],
		default: ['close', 'status'],
		description: 'Links of other actions are refused ("wrong-action")',
	},
	{
		displayName: 'Acting Agent ID',
		name: 'actingAgentId',
		type: 'string',
		default: '',
		placeholder: 'wang',
		description:
			'Who is opening the link, when the request says so (e.g. from a header that a login in front of n8n sets): a link made for another agent is refused ("not-yours"). Empty: not checked; the link is for its own agent only anyway.',
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['openActionLink'] } },
	properties,
);

/** The actions this operation performs; a link of any other action is 'wrong-action'. */
const PERFORMED = ['close', 'status'];

type DeskSnapshot = Awaited<ReturnType<DeskStore['readState']>>['state'];

/** A close link acts only on a conversation its agent still has (or one that is gone: nothing to do). */
function ownedElsewhere(state: DeskSnapshot, claims: LinkClaims): boolean {
	if (claims.action !== 'close' || claims.conversationId === undefined) return false;
	const open = state.open[claims.conversationId];
	if (open) return open.agent !== claims.agentId;
	return state.queue.some((entry) => entry.conversationId === claims.conversationId);
}

function namesFor(state: DeskSnapshot, claims: LinkClaims, env: DeskEnvironment): LinkNames {
	const conversationId = claims.conversationId ?? '';
	const context =
		state.open[conversationId]?.context ??
		state.queue.find((entry) => entry.conversationId === conversationId)?.context;
	return {
		customer: context?.nickname || context?.customerUserId || undefined,
		agent: env.roster?.find((agent) => agent.id === claims.agentId)?.name || undefined,
	};
}

/** The claims as the output shows them (the nonce stays inside). */
function claimsView(claims: LinkClaims): IDataObject {
	const view: IDataObject = { action: claims.action, agentId: claims.agentId };
	if (claims.conversationId !== undefined) view.conversationId = claims.conversationId;
	if (claims.status !== undefined) view.status = claims.status;
	if (claims.desk !== undefined) view.desk = claims.desk;
	view.expiresAt = new Date(claims.expiresAt).toISOString();
	return view;
}

const refusal = (reason: RefusalReason): DeskResult => ({
	events: [],
	usedDesk: false,
	routed: [routed(REFUSED, { page: refusalPage(reason), refused: reason })],
});

async function act(desk: DeskStore, claims: LinkClaims, env: DeskEnvironment) {
	if (claims.action === 'close')
		return await releaseConversation(desk, claims.conversationId ?? '', env);
	return await setAgentStatus(desk, claims.agentId, claims.status, env);
}

/**
 * A link opened by an agent. GET: verified without being used, the confirmation page on Confirm
 * Page; nothing changes. POST: verified and used up (once, whatever runs at the same time),
 * then done exactly as Release or Set Status do, with a short page on the first Done item.
 * A refused link goes to Refused with its reason and a page saying it; nothing is done.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	const signing = await linkSigningFor(this, i);
	const token = String(this.getNodeParameter('linkToken', i, '') ?? '');
	const isPost =
		String(this.getNodeParameter('linkRequestMethod', i, 'GET') ?? '')
			.trim()
			.toUpperCase() === 'POST';
	const actingAgent = String(this.getNodeParameter('actingAgentId', i, '') ?? '').trim();
	const options = {
		secret: signing.secret,
		expect: {
			actions: listOf(this.getNodeParameter('linkActions', i, PERFORMED)).filter((action) =>
				PERFORMED.includes(action),
			),
			agentId: actingAgent || undefined,
			desk: desk.desk,
		},
	};

	const checked = await checkActionLink(desk.store, token, options);
	if (!checked.ok) return refusal(checked.reason);
	const { claims } = checked;
	const { state } = await desk.readState();
	if (ownedElsewhere(state, claims)) return refusal('not-yours');
	const names = namesFor(state, claims, env);

	if (!isPost)
		return {
			events: [],
			usedDesk: false,
			routed: [
				routed(CONFIRM_PAGE, {
					page: confirmationPage(token, claims, names, { timeZone: env.policy.timeZone }),
					verified: claimsView(claims),
				}),
			],
		};

	const used = await consumeActionLink(desk.store, token, options);
	if (!used.ok) return refusal(used.reason);
	const done = await settled(async () => await act(desk, claims, env));
	if (!done.ok) {
		// Nothing changed on the desk: the agent may use the same link again.
		await restoreActionLink(desk.store, claims);
		throw done.error;
	}
	const result = done.value;
	const base: IDataObject = { actionLink: claimsView(claims) };
	if (claims.conversationId !== undefined) base.conversationId = claims.conversationId;
	const items = deskRouted({ json: base }, result);
	const own = items.find((item) => item.output === OTHER);
	if (own)
		own.item.json.page = donePage(
			claims,
			result.events[0]?.type === 'notFound' ? 'nothing-to-do' : 'done',
			names,
		);
	return { ...result, routed: items };
}
