/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { assist, withModelPick } from './agentAssist';
export { findGaps } from './gapClusters';
export { draftFaqRow, gapHtml, gapSummary } from './gapReport';
export { selectGapDms } from './gapSelection';
export { GoldenSetError, goldenFromRows } from './goldenSet';
export { compileKnowledgeBase, dmOutcome, fingerprintOf } from './knowledgeBase';
export type { KnowledgeBase } from './knowledgeBase';
export { previewHtml, previewSummary } from './previewText';
export {
	NothingPublishedError,
	claimPreview,
	publish,
	readPublication,
	requirePublication,
} from './publication';
export type { Publication } from './publication';
export { previewChange } from './rulePreview';
export { previewModel, withModelPreview } from './modelPreview';
export type { ModelPreview } from './modelPreview';
export type { SampleDm } from './rulePreview';
