/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { mergeDm, readProfile, syncToTarget, wantsPurchaseLookup } from './crmSync';
export type { SyncOutcome } from './crmSync';
export type { CrmTarget } from './crmTarget';
export { FactsError, factsFromItem } from './customerFacts';
export type { CustomerFacts, PurchaseSummary } from './customerProfile';
export { FeishuTarget } from './targets/feishuTarget';
export { HttpTarget } from './targets/httpTarget';
export { HubspotTarget } from './targets/hubspotTarget';
export { maskLeads, maskPhone, maskWeChatId } from './maskLeads';
export { readableText, withoutControls } from './readableText';
export {
	confirmPendingRows,
	pendingBacklog,
	queueRows,
	takePendingRows,
	DEFAULT_BATCH_LIMIT,
	DEFAULT_LEASE_MS,
	DEFAULT_MIN_AGE_MS,
} from './pendingRows';
export type { PendingBatch, PendingDm } from './pendingRows';
