import type { INodeParameters } from 'n8n-workflow';

/**
 * The node's outputs for its parameters. Also the description's `outputs` expression (the
 * function is put into it as text), so it refers to nothing outside itself.
 */
export const configuredOutputs = (parameters: INodeParameters) => {
	const names: Record<string, string[]> = {
		report: ['Report'],
		healthCheck: ['Alerts', 'Resolved'],
		startSurvey: ['Survey', 'Skipped'],
		readAnswer: ['Score', 'Not an Answer'],
		recoverDms: [
			'Unfinished DMs',
			...(parameters.recoverCrmSync === true ? ['CRM Not Synced'] : []),
		],
		recordEvent: [
			'Recorded',
			...(parameters.oncePerMessage === true ? ['Already Recorded'] : []),
			...(typeof parameters.intakeLimits === 'object' &&
			parameters.intakeLimits !== null &&
			Object.keys(parameters.intakeLimits).length > 0
				? ['Over Limit']
				: []),
		],
	};
	return (names[String(parameters.operation ?? 'report')] ?? names.report).map((displayName) => ({
		type: 'main',
		displayName,
	}));
};
