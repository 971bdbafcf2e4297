import type { INodeProperties } from 'n8n-workflow';

/**
 * The time range of a report (Service Metrics → Report, Knowledge Base → Find Gaps): the same
 * presets and custom From / To everywhere, read with reportRange's rangeFor.
 */
export function timeRangeFields(
	show: { operation: string[] },
	defaultRange: string,
	description: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Time Range',
			name: 'range',
			type: 'options',
			options: [
				{ name: 'Custom', value: 'custom' },
				{ name: 'Last 24 Hours', value: 'last24Hours' },
				{ name: 'Last 7 Days', value: 'last7Days' },
				{ name: 'Today So Far', value: 'today' },
				{ name: 'Yesterday', value: 'yesterday' },
			],
			default: defaultRange,
			description,
			displayOptions: { show },
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			// Checked when the node runs: n8n cannot tell whether a Time Range expression asks for it.
			description: 'For a custom range',
			displayOptions: { show: { ...show, range: ['custom'] } },
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			// Checked when the node runs: n8n cannot tell whether a Time Range expression asks for it.
			description: 'For a custom range',
			displayOptions: { show: { ...show, range: ['custom'] } },
		},
	];
}
