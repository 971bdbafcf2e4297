import type { INodeProperties } from 'n8n-workflow';
import { accountListResource } from '../../helpers/accountList';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	accountListResource(
		'material',
		'materials (images, cards) of a business account',
		'Get many materials',
	),
	...getAll.description,
];
