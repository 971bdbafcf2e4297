import { RateLimiter } from '../../nodes/shared/xiaohongshu/rateLimiter';

describe('client-side rate limit (token bucket)', () => {
	it('lets a burst of perSecond through, then spaces requests at 1/perSecond', () => {
		let t = 0;
		const limiter = new RateLimiter(10, () => t);
		const waits = Array.from({ length: 13 }, () => limiter.reserve());
		expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
		expect(waits.slice(10)).toEqual([100, 200, 300]);
		t += 1000;
		// A second later the bucket has refilled what the waiting callers did not use.
		expect(limiter.reserve()).toBe(0);
	});

	it('never lets more than perSecond + burst through in any second', () => {
		let t = 0;
		const limiter = new RateLimiter(100, () => t);
		let admittedInFirstSecond = 0;
		for (let i = 0; i < 1000; i++) {
			if (limiter.reserve() < 1000) admittedInFirstSecond++;
		}
		expect(admittedInFirstSecond).toBeLessThanOrEqual(200);
	});
});
