/**
 * The first pass of any TF-IDF over documents of tokens: each distinct term gets an id in order
 * of first appearance, its document frequency, and each document its term counts by id. The FAQ
 * index (tfidfBuild) and the knowledge-base gap clustering (improve/gaps/termVectors) both
 * build on it.
 */
export interface TermCounts {
	/** term → id, ids 0..df.length − 1 in order of first appearance */
	ids: Map<string, number>;
	/** documents containing each term, by id */
	df: number[];
	/** per document: term id → occurrences */
	counts: Array<Map<number, number>>;
}

export function countTerms(docs: Iterable<Iterable<string>>): TermCounts {
	const ids = new Map<string, number>();
	const df: number[] = [];
	const counts: Array<Map<number, number>> = [];
	for (const tokens of docs) {
		const tf = new Map<number, number>();
		for (const token of tokens) {
			let id = ids.get(token);
			if (id === undefined) {
				id = df.length;
				ids.set(token, id);
				df.push(0);
			}
			const c = tf.get(id);
			if (c === undefined) df[id]++;
			tf.set(id, (c ?? 0) + 1);
		}
		counts.push(tf);
	}
	return { ids, df, counts };
}
