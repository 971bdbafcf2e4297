/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { alertNews } from './alertMemory';
export { renderPng, renderSvg } from './chart';
export { fillTemplate, readSurveyAnswer, startSurvey } from './csatSurvey';
export { EventLog, recordQuietly } from './eventLog';
export { DEFAULT_HEALTH, checkHealth } from './healthChecks';
export type { Alert, HealthSettings, TokenStatus } from './healthChecks';
export { pushAlerts } from './pushHealth';
export { claimFirst, releaseClaims } from './recordOnce';
export {
	agentMessageEvent,
	classifiedEvent,
	crmSyncedEvent,
	deskServiceEvents,
	detectSentBy,
	inboundEvent,
	sendEvent,
} from './recorders';
export { reportChartModel } from './reportChart';
export { reportHtml } from './reportHtml';
export { rangeFor } from './reportRange';
export type { RangePreset } from './reportRange';
export { textForLog, validateEvent } from './serviceEvent';
export type { SentBy, ServiceEvent, ServiceEventType } from './serviceEvent';
export { computeMetrics } from './serviceMetrics';
