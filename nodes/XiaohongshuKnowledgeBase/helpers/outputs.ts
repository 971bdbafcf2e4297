import type { INodeParameters } from 'n8n-workflow';

/** The outputs of each operation, by name; the node's description evaluates this in the editor. */
export const configuredOutputs = (parameters: INodeParameters) => {
	const names: Record<string, string[]> = {
		suggestReplies: ['Suggestions'],
		findGaps: ['Gaps'],
		previewChanges: ['Passed', 'Failed'],
	};
	return (names[String(parameters.operation ?? 'suggestReplies')] ?? names.suggestReplies).map(
		(displayName) => ({ type: 'main', displayName }),
	);
};
