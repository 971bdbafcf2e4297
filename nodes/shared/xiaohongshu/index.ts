export * from './appConfig';
export * from './client';
export * from './contentCrypto';
export * from './endpoints';
export * from './envelope';
export * from './errorCodes';
export * from './http';
export * from './pushEvent';
export * from './pushReceiver';
export * from './pushSignature';
export * from './retryPolicy';
export * from './tokenManager';
export { applyAccountEvent } from './accountEvents';
export { createBindingLink } from './bindingLink';
export { readAccounts, updateAccount } from './boundAccounts';
export type { KnownAccount } from './boundAccounts';
export { diagnoseUnreadable, eventNotice, revisionNotice } from './pushDiagnosis';
export { PUSH_SUFFIXES, kindFromPath, suffixOf } from './pushKinds';
export type { PushKind } from './pushKinds';
export {
	NOTICE_STREAM,
	QUARANTINE_LIMITS,
	REFUSED_STREAM,
	claimReplay,
	credentialSecrets,
	findQuarantined,
	listQuarantine,
	logPushNotice,
	logRefusedPush,
	openQuarantined,
	quarantinePush,
	readPushLog,
	releaseReplay,
} from './pushQuarantine';
export type { QuarantineView } from './pushQuarantine';
export {
	REPLAY_HEADER,
	REPLAY_SIGNATURE_HEADER,
	signReplay,
	verifyReplay,
} from './replaySignature';
export { readSandboxWebhook, registerSandboxWebhook, removeSandboxWebhook } from './sandboxWebhook';
