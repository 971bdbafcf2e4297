/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export {
	confirmationPage,
	donePage,
	failurePage,
	refusalPage,
	type LinkNames,
	type PageOptions,
} from './linkPages';
export {
	createActionLinkToken,
	DEFAULT_LINK_LIFETIME_MS,
	LinkConfigError,
	MAX_LINK_LIFETIME_MS,
	MIN_SECRET_LENGTH,
	REFUSAL_REASONS,
	verifyActionLinkToken,
	type LinkAction,
	type LinkClaims,
	type LinkExpectations,
	type LinkSigning,
	type LinkSubject,
	type LinkVerdict,
	type RefusalReason,
} from './linkToken';
export { actionLinkUrl, TOKEN_PARAMETER } from './linkUrl';
export { checkActionLink, consumeActionLink, restoreActionLink, usedLinkKey } from './linkUse';
