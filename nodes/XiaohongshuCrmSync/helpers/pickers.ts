import type { INodeProperties } from 'n8n-workflow';

/**
 * The Feishu tables: from version 2 pick lists (resource locators) of the tables of the Base,
 * by ID or by the table's link as well; version 1 keeps its plain text fields. The execute
 * side reads both with getNodeParameter's extractValue.
 */
const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

interface TablePicker {
	name: string;
	v1DisplayName: string;
	displayName: string;
	required?: boolean;
	placeholder: string;
	/** Version 1's description, kept as it was. */
	v1Description?: string;
	description: string;
}

export const tablePicker = ({ name, v1DisplayName, displayName, required, placeholder, v1Description, description }: TablePicker): INodeProperties[] => [
	{
		displayName: v1DisplayName,
		name,
		type: 'string',
		default: '',
		...(required ? { required } : {}),
		placeholder,
		...(v1Description ? { description: v1Description } : {}),
		displayOptions: { show: V1 },
	},
	{
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(required ? { required } : {}),
		description,
		displayOptions: { show: V2 },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchFeishuTables', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `https://example.feishu.cn/base/bascnXXXXXXXX?table=${placeholder}`,
				extractValue: { type: 'regex', regex: '[?&]table=(tbl[0-9A-Za-z]+)' },
			},
		],
	},
];
