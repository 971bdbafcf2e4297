/**
 * Nearest-rank percentiles: the smallest sample with at least p% of the samples at or below
 * it. Always an observed value (a real response time someone waited), and easy to check by
 * hand: p50 of [1, 2, 3, 4] is 2, p90 of ten samples is the ninth smallest.
 */
export function percentile(sorted: number[], p: number): number | null {
	if (sorted.length === 0) return null;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1];
}

export interface Spread {
	count: number;
	p50Seconds: number | null;
	p90Seconds: number | null;
	averageSeconds: number | null;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

export function spreadOf(samplesMs: number[]): Spread {
	const sorted = [...samplesMs].sort((a, b) => a - b);
	const sum = sorted.reduce((a, b) => a + b, 0);
	return {
		count: sorted.length,
		p50Seconds: seconds(percentile(sorted, 50)),
		p90Seconds: seconds(percentile(sorted, 90)),
		averageSeconds: sorted.length ? seconds(sum / sorted.length) : null,
	};
}

export function ratio(part: number, whole: number): number | null {
	return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** "45 s", "3 min 20 s", "2 h 5 min": for summaries people read in a chat message. */
export function formatDuration(secondsValue: number | null): string {
	if (secondsValue === null) return '–';
	const s = Math.round(secondsValue);
	if (s < 60) return `${s} s`;
	if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
	const m = Math.round(s / 60);
	return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
