/** What gap clustering reads and answers; its own file so the passes and the entry point do not import each other. */
export interface GapDm {
	text: string;
	at?: number;
	conversationId?: string;
	messageId?: string;
	channel?: string;
}

export interface GapGroup {
	/** DMs in the group (after counting exact-duplicate normalised texts once per DM). */
	size: number;
	/** size / options.totalDms (share of ALL traffic in the range, not of the gaps); 0 when totalDms is 0. */
	share: number;
	/** distinct conversationIds in the group (DMs without one count as their own). */
	conversations: number;
	/** up to options.representatives (default 3) original DM texts: the most central first (highest similarity to the group centroid), distinct after normalisation. */
	representatives: string[];
	/** candidate keywords that characterise the group, best first, at most options.keywords (default 5); normalised (simplified) form. */
	keywords: string[];
	/** indices into the input array, in input order. */
	members: number[];
}
