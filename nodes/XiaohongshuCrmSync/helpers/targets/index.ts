import type { IExecuteFunctions } from 'n8n-workflow';
import type { CrmTarget } from '../../../shared/crmSync';
import type { StateStore } from '../../../shared/state';
import type { SyncSettings } from '../settings';
import * as feishu from './feishu';
import * as http from './http';
import * as hubspot from './hubspot';

export { feishu, http, hubspot };

/** The CRM the node writes to; "http" for any target other than HubSpot and Feishu, as before. */
export async function targetFor(
	context: IExecuteFunctions,
	target: string,
	store: StateStore,
	settings: SyncSettings,
): Promise<CrmTarget> {
	if (target === 'hubspot') return await hubspot.targetFor(context, settings);
	if (target === 'feishu') return await feishu.targetFor(context, store, settings);
	return await http.targetFor(context, settings);
}
