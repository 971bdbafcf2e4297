import type { SleepFn } from './http';

/**
 * Client-side rate limit per app (spec §3: assume 100 requests/s): a token bucket shared by
 * every execution in this n8n process, so parallel executions together stay under the limit.
 */
export class RateLimiter {
	private tokens: number;
	private last: number;

	constructor(
		private readonly perSecond: number,
		private readonly now: () => number = Date.now,
	) {
		this.tokens = perSecond;
		this.last = now();
	}

	/** Milliseconds the caller must wait before its request; reserves the slot. */
	reserve(): number {
		const now = this.now();
		this.tokens = Math.min(
			this.perSecond,
			this.tokens + ((now - this.last) / 1000) * this.perSecond,
		);
		this.last = now;
		this.tokens -= 1;
		return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
	}

	async acquire(sleep: SleepFn): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await sleep(wait);
	}
}

const limiters = new Map<string, RateLimiter>();

export function rateLimiterFor(appKey: string, perSecond: number): RateLimiter {
	const key = `${appKey}|${perSecond}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perSecond);
		limiters.set(key, limiter);
	}
	return limiter;
}
