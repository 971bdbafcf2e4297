import { createHash } from 'node:crypto';
import { FaqIndex, type FaqEntry } from './faqIndex';
import type { Synonym } from '../synonyms/synonymRows';

/** FAQ indexes by content hash: an execution with an unchanged knowledge base builds nothing. */
const cache = new Map<string, FaqIndex>();
const LIMIT = 8;

export function cachedFaqIndex(entries: FaqEntry[], synonyms: Synonym[] = []): FaqIndex {
	const hash = createHash('sha256')
		.update(JSON.stringify(synonyms.length ? [entries, synonyms] : entries))
		.digest('hex');
	let index = cache.get(hash);
	if (!index) {
		index = FaqIndex.build(entries, { synonyms });
		cache.set(hash, index);
		if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
	}
	return index;
}
