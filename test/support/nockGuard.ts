// For test files that answer every HTTP call with nock: no request may reach the network, and a
// test fails if it left an interceptor unused (a documented call that the code never made).
import nock from 'nock';

/** Registers the guard's beforeAll/afterEach/afterAll hooks in the calling file (or describe). */
export function nockOnlyWithNoPendingMocks(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}
