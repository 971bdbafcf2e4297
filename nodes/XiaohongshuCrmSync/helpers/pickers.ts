import type { INodeProperties } from 'n8n-workflow';
import { versionedPickList } from '../../shared/n8n';

/** The Feishu tables: pick lists of the Base's tables from version 2, by ID or by the table's link too. */
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

export const tablePicker = ({
	name,
	v1DisplayName,
	displayName,
	required,
	placeholder,
	v1Description,
	description,
}: TablePicker): INodeProperties[] =>
	versionedPickList({
		name,
		displayName,
		description,
		required,
		searchListMethod: 'searchFeishuTables',
		typed: { mode: 'id', placeholder },
		url: {
			placeholder: `https://example.feishu.cn/base/bascnXXXXXXXX?table=${placeholder}`,
			regex: '[?&]table=(tbl[0-9A-Za-z]+)',
		},
		initial: { mode: 'list', value: '' },
		v1: {
			displayName: v1DisplayName,
			default: '',
			placeholder,
			...(required ? { required } : {}),
			...(v1Description ? { description: v1Description } : {}),
		},
	});
