import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { agentFromRow, rosterFromJson, RosterError, type Agent } from '../../shared/assignAgent';

/** The roster of the node's parameters for one item; none means the roster saved for the desk. */

/** The "Listed Below" rows as the roster reads them: an empty status keeps the agent's current one. */
export function listedRows(agents: unknown): IDataObject[] {
	const rows = (((agents ?? {}) as IDataObject).agent ?? []) as IDataObject[];
	return rows.map((row) => ({ ...row, status: row.status || undefined }));
}

/** Same rows → same roster object, so the engine's per-roster caches hit across items. */
const rosterMemo = new Map<string, Agent[]>();

export function rosterFor(context: IExecuteFunctions, i: number): Agent[] | undefined {
	const source = context.getNodeParameter('rosterSource', i, 'ui') as string;
	if (source === 'saved') return undefined;
	const raw =
		source === 'json'
			? context.getNodeParameter('agentsJson', i, '[]')
			: listedRows(context.getNodeParameter('agents', i, {}));
	const key = typeof raw === 'string' ? raw : JSON.stringify(raw);
	let roster = rosterMemo.get(key);
	if (!roster) {
		roster =
			source === 'json'
				? rosterFromJson(raw)
				: (raw as IDataObject[]).map((row, index) => agentFromRow(row, index));
		if (roster.length === 0) throw new RosterError('the roster has no agents');
		if (rosterMemo.size > 50) rosterMemo.clear();
		rosterMemo.set(key, roster);
	}
	return roster;
}
