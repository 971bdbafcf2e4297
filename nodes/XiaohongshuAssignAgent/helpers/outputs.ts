import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { maskedFields, routed, type Routed } from '../../shared/n8n';
import type { DeskEvent, DeskLoad } from '../../shared/assignAgent';

/** What an operation did to the desk for one input item. */
export interface DeskResult {
	/** The input item's conversation, if the operation is about one. */
	conversationId?: string;
	events: DeskEvent[];
	load?: DeskLoad;
	/** The items as the operation routed them itself (the link operations), instead of one per event. */
	routed?: Routed[];
	/** False when the operation did not use the desk (a link made, a link only looked at). */
	usedDesk?: boolean;
}

/**
 * Output 0 always carries conversations newly given to an agent (ready for "notify the agent");
 * output 1 the rest: what waits (Assign), or what the operation did.
 */
export const ASSIGNED = 0;
export const OTHER = 1;
/** Open Action Link's further outputs: the confirmation page (GET), and refused links. */
export const CONFIRM_PAGE = 2;
export const REFUSED = 3;

/** How many outputs an operation has (the node's `outputs` expression draws the same). */
export function outputCountOf(operation: string): number {
	if (operation === 'createActionLink') return 1;
	if (operation === 'openActionLink') return 4;
	return 2;
}

const TO_AGENT = new Set(['assigned', 'already', 'backfilled', 'reassigned', 'transferred']);

/** The load (Get Load), then one item per event: the input item's own, or the other conversation's. */
export function deskRouted(
	input: INodeExecutionData,
	{ conversationId, events, load }: DeskResult,
): Routed[] {
	const out: Routed[] = [];
	if (load) out.push(routed(OTHER, { ...input.json, ...(load as unknown as IDataObject) }));
	for (const event of events) {
		const mine = event.conversationId === undefined || event.conversationId === conversationId;
		const fields = mine ? input.json : contextFields(event);
		out.push(
			routed(TO_AGENT.has(event.type) ? ASSIGNED : OTHER, {
				...fields,
				// What the agent's notice shows of the DM: contacts masked (maskedFields).
				...maskedFields(fields),
				assignment: event as unknown as IDataObject,
			}),
		);
	}
	return out;
}

/** For conversations other than the input item's (served from the queue, moved by Sweep). */
function contextFields(event: DeskEvent): IDataObject {
	const context = event.context;
	return {
		conversationId: event.conversationId,
		customerUserId: context?.customerUserId,
		accountUserId: context?.accountUserId,
		thirdAccountId: context?.thirdAccountId,
		nickname: context?.nickname,
		text: context?.text,
		messageId: context?.messageId,
	};
}
