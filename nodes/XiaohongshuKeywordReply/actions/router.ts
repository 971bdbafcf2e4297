import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { NothingPublishedError } from '../../shared/knowledgeBase';
import { RuleSetError } from '../../shared/keywordReply';
import { recordQuietly, type ServiceEvent } from '../../shared/serviceMetrics';
import {
	connectedChatModel,
	FieldError,
	fieldNodeError,
	runItems,
	stateStoreFor,
} from '../../shared/n8n';
import * as reply from './reply.operation';

/** What a first-time user of the "Published" source needs to do. */
const NOTHING_PUBLISHED_HINT =
	'The "Safe rule changes" template reads the Data Tables xhs_rules, xhs_faq and xhs_golden every minute and publishes them once the golden examples pass; activate it, or POST /webhook/xhs-rules-check to run it at once. To answer from this node instead, set Rules Source and Knowledge Base to "Defined Below".';

function nodeError(context: IExecuteFunctions, error: Error, i: number): NodeOperationError {
	if (error instanceof FieldError)
		return fieldNodeError(context.getNode(), error, i, 'the other DMs went on');
	const message =
		error instanceof RuleSetError
			? error.message
			: error instanceof SyntaxError
				? `Item ${i}: the rules or FAQ JSON is not valid JSON (${error.message})`
				: `Item ${i}: ${error.message}`;
	return new NodeOperationError(context.getNode(), message, {
		itemIndex: i,
		description:
			error instanceof RuleSetError
				? 'Fix the named rules; the other rules were fine.'
				: error instanceof NothingPublishedError
					? NOTHING_PUBLISHED_HINT
					: undefined,
	});
}

/** Every DM in turn; the classified events of the answered ones are recorded once, at the end. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const store = await stateStoreFor(this);
	const events: ServiceEvent[] = [];
	const chatModel = connectedChatModel(this);
	const outputs = await runItems(
		this,
		// A failed item goes, with its error, to No Match: a human looks at it.
		{
			outputs: 3,
			failedOutput: reply.OUTPUT.noMatch,
			nodeError: (error, i) => nodeError(this, error, i),
		},
		async (i) => await reply.execute.call(this, i, store, events, chatModel),
	);
	await recordQuietly(store, events, (m) => this.logger.warn(m));
	return outputs;
}
