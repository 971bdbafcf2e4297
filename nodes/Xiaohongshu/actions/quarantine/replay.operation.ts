import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	credentialSecrets,
	InvalidItemError,
	listQuarantine,
	openQuarantined,
	type QuarantineView,
	REPLAY_HEADER,
	REPLAY_SIGNATURE_HEADER,
	signReplay,
	type XhsClient,
} from '../../../shared/xiaohongshu';
import { routed, type Routed } from '../../../shared/n8n';

/**
 * The replay of quarantined pushes once the setting is fixed: each push goes back to the
 * trigger URL it arrived on, and the trigger counts each one once.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Quarantine ID',
		name: 'quarantineId',
		type: 'string',
		default: '',
		placeholder: 'q_…',
		description:
			'Replay only this push. Leave empty to replay every push of this app not replayed yet.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['quarantine'], operation: ['replay'] } },
	properties,
);

interface FullResponse {
	statusCode: number;
	body: unknown;
}

async function replayOne(
	context: IExecuteFunctions,
	client: XhsClient,
	entry: QuarantineView,
): Promise<IDataObject> {
	const base = { quarantineId: entry.id, reason: entry.reason, node: entry.node };
	if (!entry.replayable)
		return {
			...base,
			replayed: false,
			outcome: 'not kept (too large): ask the platform to resend it',
		};
	// The trigger URL is sealed with the push: only a holder of the credential learns it.
	const sealed = await openQuarantined(client.store, entry.id, credentialSecrets(client.config));
	if (!sealed)
		return {
			...base,
			replayed: false,
			outcome: 'expired, or sealed under secrets this credential no longer has',
		};
	if (!sealed.webhookUrl)
		return { ...base, replayed: false, outcome: "the trigger's URL is unknown" };
	try {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url: sealed.webhookUrl,
			headers: {
				[REPLAY_HEADER]: entry.id,
				[REPLAY_SIGNATURE_HEADER]: signReplay(client.config.appSecret, entry.id),
			},
			body: {},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15_000,
		})) as FullResponse;
		const body = (
			response.body && typeof response.body === 'object' ? response.body : {}
		) as IDataObject;
		// Only the trigger's own replay answer counts: a plain acknowledgement means the call did
		// not reach the replay path (a proxy dropping headers, an older trigger version).
		const replayed = response.statusCode === 200 && body.replayed === true;
		const outcome = replayed
			? 'replayed'
			: String(body.reason ?? body.msg ?? `HTTP ${response.statusCode}`);
		return {
			...base,
			replayed,
			outcome,
			...(body.hint ? { hint: body.hint, setting: body.setting } : {}),
		};
	} catch (error) {
		// One unreachable trigger (a deactivated workflow) does not stop the other replays.
		return {
			...base,
			replayed: false,
			outcome: `the trigger could not be reached: ${(error as Error).message}`,
		};
	}
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	const entries = await listQuarantine(client.store, { appId: client.appId });
	const only = String(this.getNodeParameter('quarantineId', i, '')).trim();
	const chosen = entries.filter((e) => (only ? e.id === only : !e.replayed));
	if (only && !chosen.length) {
		throw new InvalidItemError(
			`Quarantine ID "${only}" is not in this app's quarantine (expired, or another app's)`,
			'quarantineId',
		);
	}
	const results: Routed[] = [];
	for (const entry of chosen) results.push(routed(0, await replayOne(this, client, entry)));
	return results;
}
