import type { INodeProperties } from 'n8n-workflow';
import { versionedPickList } from '../../shared/n8n';

/** The business account and the note: pick lists from version 2 (see pickList.ts). */
export const accountPicker = (
	description: string,
	initial = '={{ $json.accountUserId }}',
): INodeProperties[] =>
	versionedPickList({
		name: 'accountUserId',
		displayName: 'Business Account',
		description,
		required: true,
		searchListMethod: 'searchAccounts',
		typed: { mode: 'id', placeholder: '5f1e2d3c4b5a69788796a5b4' },
		initial: { mode: 'id', value: initial },
		v1: { displayName: 'Business Account User ID', description, required: true, default: initial },
	});

export const notePicker = (): INodeProperties[] =>
	versionedPickList({
		name: 'noteId',
		displayName: 'Note',
		description:
			"The note to send: pick one of the sending account's notes, or paste its ID or link",
		required: true,
		searchListMethod: 'searchNotes',
		typed: { mode: 'id', placeholder: '64a1b2c3d4e5f60718293a4b' },
		url: {
			placeholder: 'https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4b',
			regex: 'https?://(?:www\\.)?xiaohongshu\\.com/(?:explore|discovery/item)/([0-9a-zA-Z]+)',
		},
		initial: { mode: 'id', value: '' },
		v1: { displayName: 'Note ID', required: true, default: '' },
	});
