import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields where a user would otherwise type an id: from version 2 a pick list (resource
 * locator) with the ids the package can list, by id or by URL as well; version 1 keeps its
 * plain text field so saved workflows read as before. The execute side reads both the same
 * way (getNodeParameter with extractValue).
 */
const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

type Picker = Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'required'> & {
	/** Version 1's label, kept as it was. */
	v1DisplayName: string;
	/** The expression or text a new node starts with. */
	initial: string;
	placeholder: string;
	searchListMethod: string;
	url?: { placeholder: string; extract: string };
};

function versions(picker: Picker): INodeProperties[] {
	const { displayName, v1DisplayName, name, description, required, initial, placeholder, searchListMethod, url } = picker;
	return [
		{ displayName: v1DisplayName, name, description, required, type: 'string', default: initial, displayOptions: { show: V1 } },
		{
			displayName,
			name,
			description,
			required,
			type: 'resourceLocator',
			default: { mode: 'id', value: initial },
			displayOptions: { show: V2 },
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
				{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
				...(url
					? [{ displayName: 'By URL', name: 'url', type: 'string' as const, placeholder: url.placeholder, extractValue: { type: 'regex' as const, regex: url.extract } }]
					: []),
			],
		},
	];
}

export const accountPicker = (description: string, initial = '={{ $json.accountUserId }}') =>
	versions({
		displayName: 'Business Account',
		v1DisplayName: 'Business Account User ID',
		name: 'accountUserId',
		description,
		required: true,
		initial,
		placeholder: '5f1e2d3c4b5a69788796a5b4',
		searchListMethod: 'searchAccounts',
	});

export const notePicker = (): INodeProperties[] =>
	versions({
		displayName: 'Note',
		v1DisplayName: 'Note ID',
		name: 'noteId',
		description: 'The note to send: pick one of the sending account\'s notes, or paste its ID or link',
		required: true,
		initial: '',
		placeholder: '64a1b2c3d4e5f60718293a4b',
		searchListMethod: 'searchNotes',
		url: {
			placeholder: 'https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4b',
			extract: 'https?://(?:www\\.)?xiaohongshu\\.com/(?:explore|discovery/item)/([0-9a-zA-Z]+)',
		},
	});
