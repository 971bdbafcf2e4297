import { createHash } from 'node:crypto';
import { FaqIndex, type FaqEntry } from './faqIndex';

/** FAQ indexes by content hash: an execution with an unchanged knowledge base builds nothing. */
const cache = new Map<string, FaqIndex>();
const LIMIT = 8;

export function cachedFaqIndex(entries: FaqEntry[]): FaqIndex {
	const hash = createHash('sha256').update(JSON.stringify(entries)).digest('hex');
	let index = cache.get(hash);
	if (!index) {
		index = FaqIndex.build(entries);
		cache.set(hash, index);
		if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
	}
	return index;
}
