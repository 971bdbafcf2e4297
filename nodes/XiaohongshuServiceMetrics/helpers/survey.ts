import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { FieldError, itemFieldParameter } from '../../shared/n8n';

/** What Start CSAT Survey and Read CSAT Answer read alike. */
export interface AgentRef {
	id?: string;
	name?: string;
}

export function required(
	context: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
): string {
	const value = String(itemFieldParameter(context, name, i, '') ?? '').trim();
	if (!value) throw new FieldError(`the field "${label}" is empty`, label);
	return value;
}

export function agentOf(item: IDataObject): AgentRef {
	const assignment = item.assignment as { agent?: AgentRef } | undefined;
	return assignment?.agent ?? {};
}

export function nicknameOf(item: IDataObject): string | undefined {
	const context = (item.assignment as { context?: { nickname?: string } } | undefined)?.context;
	return (typeof item.nickname === 'string' && item.nickname) || context?.nickname || undefined;
}
