import type { IDataObject } from 'n8n-workflow';
import { readableText } from '../crmSync';

/**
 * `masked`: the item's nickname and text as its notices may show them (phones and WeChat ids
 * masked, controls and direction overrides taken out). The templates' agent and supervisor
 * messages read `$json.masked.text`, so a number a customer typed stays in the CRM, not in a group
 * chat; the item's own `text` stays whole for the reply rules and the CRM.
 */
export function maskedFields(json: IDataObject): { masked: IDataObject } {
	return {
		masked: {
			nickname: readableText(json.nickname),
			text: readableText(json.text),
		},
	};
}
