/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { appConfigFor, xhsClientFor } from './clientFor';
export { FieldError, fieldNodeError } from './fieldError';
export { itemFieldParameter } from './itemFieldParameter';
export { n8nHttp } from './httpAdapter';
export { routeOutcomes, routed, runItems } from './itemRunner';
export type { ItemPolicy, Routed } from './itemRunner';
export { knowledgeBaseNameFields, searchKnowledgeBases } from './knowledgeBasePicker';
export { toNodeError } from './nodeErrors';
export { matchesFilter, versionedPickList } from './pickList';
export { stateStoreFor, stateStoreProperty } from './stateStoreParameter';
export { stateStoreNodeMethods } from './stateStoreTest';
export { timeRangeFields } from './timeRangeFields';
export { webhookAppConfig } from './webhookAppConfig';
export { maskedFields } from './maskedFields';
export { calendarFromOptions, calendarOptionFields } from './calendarFields';
export {
	chatModelInput,
	chatModelOptionFields,
	chatModelSettingsFrom,
	connectedChatModel,
	connectedModelPick,
} from './chatModel';
