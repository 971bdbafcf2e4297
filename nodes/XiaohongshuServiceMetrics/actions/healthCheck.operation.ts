import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	type Alert,
	alertNews,
	checkHealth,
	DEFAULT_HEALTH,
	EventLog,
	type HealthSettings,
	pushAlerts,
	type TokenStatus,
} from '../../shared/serviceMetrics';
import { FieldError, routed, type Routed, xhsClientFor } from '../../shared/n8n';
import { settled } from '../../shared/outcome';
import type { StateStore } from '../../shared/state';
import {
	listQuarantine,
	NOTICE_STREAM,
	QUARANTINE_LIMITS,
	readPushLog,
	REFUSED_STREAM,
} from '../../shared/xiaohongshu';
import { timeZoneField } from '../helpers/fields';

const properties: INodeProperties[] = [
	timeZoneField,
	{
		displayName:
			'Run it from a Schedule Trigger (every 5 minutes). Output 1: alerts (new, worse, or due again), each with what is wrong and what to do. Output 2: problems that are over.',
		name: 'healthNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Alert If No DM For (Minutes)',
		name: 'maxSilenceMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 0,
		description:
			'0 learns the usual gap for each hour of the day from the last days of traffic (quiet nights do not alert)',
	},
	{
		displayName: 'Check Token and Connection',
		name: 'checkToken',
		type: 'boolean',
		default: false,
		description:
			'Whether to obtain a token with the Xiaohongshu credential (refreshing it when due) and warn before the refresh token expires',
	},
	{
		displayName: 'Options',
		name: 'healthOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Baseline (Days)',
				name: 'baselineDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				description: 'History the learned DM gap uses',
			},
			{
				displayName: 'Max Failed Sends (%)',
				name: 'maxFailurePercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 10,
				description: 'Alert above this share of failed sends (at least 3 failures)',
			},
			{
				displayName: 'Max Queue Wait (Minutes)',
				name: 'maxQueueWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
			},
			{
				displayName: 'Max Sync Delay (Seconds)',
				name: 'maxSyncDelaySeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 120,
				description: "From the platform's message time to n8n receiving it (p90)",
			},
			{
				displayName: 'Repeat an Alert After (Minutes)',
				name: 'repeatMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'A problem that lasts is told again after this long; a worse one at once',
			},
			{
				displayName: 'Token Warning (Days)',
				name: 'tokenExpiryDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				description: 'Warn this many days before the refresh token expires',
			},
			{
				displayName: 'Webhook Limit (Seconds)',
				name: 'webhookLimitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: "The platform's limit for answering a push; warns from 60% of it",
			},
			{
				displayName: 'Window (Minutes)',
				name: 'windowMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'Recent time the failure rate and latencies are computed over',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['healthCheck'] } },
	properties,
);

const DAY = 86_400_000;

function settingsFor(context: IExecuteFunctions, i: number, nowMs: number): HealthSettings {
	const o = context.getNodeParameter('healthOptions', i, {}) as IDataObject;
	const timeZone = String(
		context.getNodeParameter('timeZone', i, DEFAULT_HEALTH.timeZone) || DEFAULT_HEALTH.timeZone,
	);
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));
	const num = (value: unknown, fallback: number) =>
		Number.isFinite(Number(value)) && value !== '' && value !== undefined
			? Number(value)
			: fallback;
	return {
		nowMs,
		timeZone,
		maxSilenceMinutes: num(context.getNodeParameter('maxSilenceMinutes', i, 0), 0),
		baselineDays: Math.max(1, num(o.baselineDays, DEFAULT_HEALTH.baselineDays)),
		silenceSensitivity: DEFAULT_HEALTH.silenceSensitivity,
		windowMinutes: num(o.windowMinutes, DEFAULT_HEALTH.windowMinutes),
		maxFailureRate: num(o.maxFailurePercent, DEFAULT_HEALTH.maxFailureRate * 100) / 100,
		minFailures: DEFAULT_HEALTH.minFailures,
		webhookLimitMs: num(o.webhookLimitSeconds, DEFAULT_HEALTH.webhookLimitMs / 1000) * 1000,
		maxQueueWaitMinutes: num(o.maxQueueWaitMinutes, DEFAULT_HEALTH.maxQueueWaitMinutes),
		maxSyncDelaySeconds: num(o.maxSyncDelaySeconds, DEFAULT_HEALTH.maxSyncDelaySeconds),
		tokenExpiryDays: num(o.tokenExpiryDays, DEFAULT_HEALTH.tokenExpiryDays),
	};
}

async function tokenStatus(context: IExecuteFunctions): Promise<TokenStatus> {
	const client = await xhsClientFor(context);
	const record = await settled(() => client.tokens.currentRecord());
	if (!record.ok) return { connectionError: record.error.message };
	const status: TokenStatus = {
		refreshExpiresAt: record.value.refreshExpiresAt,
		accessExpiresAt: record.value.accessExpiresAt,
	};
	// A token alone proves little when it is fresh: one cheap call proves the API answers.
	const call = await settled(() => client.boundAccounts({ pageNum: 1, pageSize: 1 }));
	if (!call.ok) status.connectionError = call.error.message;
	return status;
}

/** The chat message for an alert: what is wrong, then what to do. */
export function alertText(alert: Alert): string {
	const icon = alert.severity === 'critical' ? '🚨' : '⚠️';
	return `${icon} ${alert.title}\n${alert.detail}\n👉 ${alert.action}`;
}

/** Alerts that are new, worse or due again on output 1; problems that are over on output 2. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	nowMs: number,
): Promise<Routed[]> {
	const settings = settingsFor(this, i, nowMs);
	const readDays = Math.max(settings.baselineDays, 2);
	const events = await new EventLog(store).read({
		sinceMs: nowMs - readDays * DAY,
		untilMs: nowMs + 1,
	});
	const token =
		this.getNodeParameter('checkToken', i, false) === true ? await tokenStatus(this) : undefined;
	const sinceMs = nowMs - settings.windowMinutes * 60_000;
	const [quarantined, refused, notices] = await Promise.all([
		listQuarantine(store, { sinceMs: nowMs - QUARANTINE_LIMITS.retentionMs }),
		readPushLog(store, REFUSED_STREAM, sinceMs),
		readPushLog(store, NOTICE_STREAM, sinceMs),
	]);
	const alerts = checkHealth(
		events,
		settings,
		token,
		pushAlerts({ quarantined, refused, notices, sinceMs }),
	);
	const repeatMs =
		Number((this.getNodeParameter('healthOptions', i, {}) as IDataObject).repeatMinutes ?? 60) *
		60_000;
	const scope = `${this.getWorkflow().id ?? 'workflow'}:${this.getNode().id ?? this.getNode().name}`;
	const news = await alertNews(store, scope, alerts, nowMs, repeatMs);
	return [
		...news.fire.map((alert) =>
			routed(0, { ...(alert as unknown as IDataObject), message: alertText(alert) }),
		),
		...news.resolved.map((r) =>
			routed(1, {
				...r,
				message: `✅ Resolved 已恢复: ${r.title} (after ${r.durationMinutes} min)`,
			}),
		),
	];
}
