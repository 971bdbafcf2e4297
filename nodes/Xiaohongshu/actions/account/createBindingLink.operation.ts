import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { qrCode } from '../../../shared/qr';
import { createBindingLink, type XhsClient } from '../../../shared/xiaohongshu';
import { routed, type Routed } from '../../../shared/n8n';

/** A binding starts here: a link (and its QR code, binary property "qrCode") for the account owner to open. */
const properties: INodeProperties[] = [
	{
		displayName: 'Account Code',
		name: 'accountCode',
		type: 'string',
		default: '',
		placeholder: 'shop_shanghai',
		description:
			'Your own name for the account, sent back by the platform when it is bound. Leave empty for a generated one.',
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: '上海旗舰店',
		description: 'Shown on the item of the bind event, to tell bindings apart',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['createBindingLink'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	const link = await createBindingLink(client.store, client.config, {
		accountCode: String(this.getNodeParameter('accountCode', i, '')),
		label: String(this.getNodeParameter('label', i, '')),
	});
	const qr = qrCode(link.url);
	const binary = await this.helpers.prepareBinaryData(
		qr.png,
		`binding-${link.accountCode}.png`,
		'image/png',
	);
	return [
		routed(0, { ...link, qrModules: qr.modules } as IDataObject, { binary: { qrCode: binary } }),
	];
}
