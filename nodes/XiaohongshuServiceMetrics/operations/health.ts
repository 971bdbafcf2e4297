import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { alertNews } from '../../shared/metrics/alertMemory';
import { EventLog } from '../../shared/metrics/eventLog';
import { checkHealth, DEFAULT_HEALTH, type Alert, type HealthSettings, type TokenStatus } from '../../shared/metrics/healthChecks';
import { xhsClientFor } from '../../shared/n8n/clientFor';
import { settled } from '../../shared/outcome';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';
import { pushAlerts } from '../../shared/metrics/pushHealth';
import { listQuarantine, NOTICE_STREAM, QUARANTINE_LIMITS, readPushLog, REFUSED_STREAM } from '../../shared/xiaohongshu/pushQuarantine';

const DAY = 86_400_000;

function settingsFor(context: IExecuteFunctions, i: number, nowMs: number): HealthSettings {
	const o = context.getNodeParameter('healthOptions', i, {}) as IDataObject;
	const timeZone = String(context.getNodeParameter('timeZone', i, DEFAULT_HEALTH.timeZone) || DEFAULT_HEALTH.timeZone);
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));
	const num = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && value !== '' && value !== undefined ? Number(value) : fallback);
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
	const status: TokenStatus = { refreshExpiresAt: record.value.refreshExpiresAt, accessExpiresAt: record.value.accessExpiresAt };
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

export async function runHealthCheck(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<{ alerts: INodeExecutionData[]; resolved: INodeExecutionData[] }> {
	const settings = settingsFor(context, i, nowMs);
	const readDays = Math.max(settings.baselineDays, 2);
	const events = await new EventLog(store).read({ sinceMs: nowMs - readDays * DAY, untilMs: nowMs + 1 });
	const token = context.getNodeParameter('checkToken', i, false) === true ? await tokenStatus(context) : undefined;
	const sinceMs = nowMs - settings.windowMinutes * 60_000;
	const [quarantined, refused, notices] = await Promise.all([
		listQuarantine(store, { sinceMs: nowMs - QUARANTINE_LIMITS.retentionMs }),
		readPushLog(store, REFUSED_STREAM, sinceMs),
		readPushLog(store, NOTICE_STREAM, sinceMs),
	]);
	const alerts = checkHealth(events, settings, token, pushAlerts({ quarantined, refused, notices, sinceMs }));
	const repeatMs = Number((context.getNodeParameter('healthOptions', i, {}) as IDataObject).repeatMinutes ?? 60) * 60_000;
	const scope = `${context.getWorkflow().id ?? 'workflow'}:${context.getNode().id ?? context.getNode().name}`;
	const news = await alertNews(store, scope, alerts, nowMs, repeatMs);
	return {
		alerts: news.fire.map((alert) => ({ json: { ...(alert as unknown as IDataObject), message: alertText(alert) }, pairedItem: { item: i } })),
		resolved: news.resolved.map((r) => ({
			json: { ...r, message: `✅ Resolved 已恢复: ${r.title} (after ${r.durationMinutes} min)` },
			pairedItem: { item: i },
		})),
	};
}
