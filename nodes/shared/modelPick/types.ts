/**
 * A language model asked to pick one knowledge-base entry for a DM that no rule and no entry
 * answered on its own. The model never writes the reply: it names an entry (or none), and the
 * entry's own answer is what the customer gets.
 */

/** One message of a chat-completions call. */
export interface ChatMessage {
	role: 'system' | 'user';
	content: string;
}

/** What a chat model said, as text, with what it cost when the provider tells. */
export interface ChatAnswer {
	text: string;
	inputTokens?: number;
	outputTokens?: number;
}

/**
 * How the engine talks to a model: n8n's Chat Model sub-node (nodes/shared/n8n/chatModel.ts)
 * or an OpenAI-compatible endpoint (scripts/eval-model.js). It must give up when `signal` aborts.
 */
export type ChatFn = (
	messages: ChatMessage[],
	options: { signal: AbortSignal },
) => Promise<ChatAnswer>;

/** A knowledge-base entry the model may choose, as the FAQ search ranked it for the DM. */
export interface PickCandidate {
	id: string;
	/** The entry's question closest to the DM. */
	question: string;
	answer: string;
	/** The FAQ search's score, below the threshold (else the entry would have answered alone). */
	score: number;
}

export interface ModelPickSettings {
	/** Below this stated confidence the DM goes to a human. */
	minConfidence: number;
	/** Model calls per day and scope; 0 means no cap. */
	dailyCap: number;
	timeoutMs: number;
	/** How many entries the model is shown. */
	candidates: number;
	/** The guard state's namespace (one per node), like the smart reply's. */
	scope: string;
	/** The day the cap counts in. */
	timeZone: string;
}

/** Why a DM the model was consulted for still goes to a human. */
export type HandBackReason =
	| 'no candidates'
	| 'daily cap'
	| 'timeout'
	| 'rate limited'
	| 'model error'
	| 'prose'
	| 'no entry'
	| 'unknown entry'
	| 'low confidence'
	| 'number not in entry';

/** What the model decided for one DM, and what we made of it. Goes into `smartReply.ai`. */
export interface ModelPick {
	outcome: 'answered' | 'handedBack';
	/** The entry the model chose (also when we refused it), or null. */
	entry: string | null;
	/** The model's stated confidence in [0, 1], when it gave one. */
	confidence: number | null;
	/** The model's stated reason, as it wrote it (cut to 300 characters). */
	reason: string | null;
	/** Ours: why it answered or why it went to a human, for the item and the ops lead. */
	why: string;
	handBack?: HandBackReason;
	/** The entries the model was shown, best FAQ score first. */
	candidates: string[];
	/** Wall time of the model call; 0 when no call was made. */
	ms: number;
	inputTokens?: number;
	outputTokens?: number;
	/** True when this DM's decision was made before (crash recovery) and not asked again. */
	remembered?: boolean;
}
