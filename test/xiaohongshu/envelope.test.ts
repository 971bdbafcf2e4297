import { unwrapEnvelope } from '../../nodes/shared/xiaohongshu/envelope';
import { XhsApiError } from '../../nodes/shared/xiaohongshu/errorCodes';
import { retryDelay, DEFAULT_RETRY } from '../../nodes/shared/xiaohongshu/retryPolicy';

const ok = (body: unknown, status = 200, headers = {}) => ({ status, headers, body });

function errorOf(fn: () => unknown): XhsApiError {
	try {
		fn();
	} catch (error) {
		return error as XhsApiError;
	}
	throw new Error('did not throw');
}

describe('response envelope', () => {
	it('returns data only for code 0 and success true', () => {
		expect(unwrapEnvelope(ok({ code: 0, success: true, data: { a: 1 } }))).toEqual({ a: 1 });
		expect(unwrapEnvelope(ok('{"code":0,"success":true,"data":[1]}'))).toEqual([1]);
		// A "no" in a 200 without an error code is a refusal of this request (not retried).
		expect(errorOf(() => unwrapEnvelope(ok({ code: 0, success: false, data: null }))).code).toBe(
			40000,
		);
		expect(errorOf(() => unwrapEnvelope(ok({ success: false, msg: '参数错误' }))).code).toBe(40000);
		expect(errorOf(() => unwrapEnvelope({ status: 200, headers: {}, body: '<html>' })).code).toBe(
			50000,
		);
	});

	it('maps business codes that come with HTTP 200', () => {
		const e = errorOf(() =>
			unwrapEnvelope(
				ok({ code: 45015, success: false, msg: 'window closed', data: null, request_id: 'r1' }),
			),
		);
		expect(e).toBeInstanceOf(XhsApiError);
		expect(e.code).toBe(45015);
		expect(e.behaviour).toBe('replyWindow');
		expect(e.requestId).toBe('r1');
		expect(e.message).toMatch(/45015.*48 hours.*window closed/);
		expect(e.hint).toMatch(/human/);
	});

	it('maps 429 with Retry-After to a rate limit with the wait', () => {
		const e = errorOf(() =>
			unwrapEnvelope(ok({ code: 42900, success: false, data: null }, 429, { 'Retry-After': '3' })),
		);
		expect(e.behaviour).toBe('rateLimited');
		expect(e.retryAfterMs).toBe(3000);
		expect(retryDelay(e, 1, DEFAULT_RETRY)).toBe(3000);
	});

	it('maps 5xx with HTML, empty or envelope bodies to retryable server errors', () => {
		for (const body of [
			'<html>bad gateway</html>',
			'',
			undefined,
			{ code: 50001, success: false, data: null },
		]) {
			const e = errorOf(() => unwrapEnvelope(ok(body, 502)));
			expect(e.behaviour).toBe('serverError');
			expect(retryDelay(e, 1, DEFAULT_RETRY, () => 0.5)).toBeGreaterThan(0);
		}
	});

	it('gives up after the last attempt and never retries final errors', () => {
		const server = errorOf(() => unwrapEnvelope(ok('', 500)));
		expect(retryDelay(server, DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY)).toBeUndefined();
		for (const code of [40000, 40003, 40029, 45015, 45016]) {
			const e = errorOf(() => unwrapEnvelope(ok({ code, success: false, data: null })));
			expect(retryDelay(e, 1, DEFAULT_RETRY)).toBeUndefined();
		}
	});

	it('retries dropped connections', () => {
		expect(
			retryDelay(
				Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
				1,
				DEFAULT_RETRY,
			),
		).toBeGreaterThan(0);
		expect(retryDelay(new TypeError('x is not a function'), 1, DEFAULT_RETRY)).toBeUndefined();
	});
});
