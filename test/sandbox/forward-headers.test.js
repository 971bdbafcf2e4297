// The headers a forwarder sends with every request (the admin header of an n8n webhook with
// Header Auth): which are accepted, and how a command line gives one.
const { checkHeaders, parseHeaderLine } = require('../../sandbox/forward');

describe('forwarder headers', () => {
	test('takes an object of header names and one-line values; none for null, undefined or {}', () => {
		expect(checkHeaders({ Authorization: 'Bearer abc', 'X-Trace': 't 1' })).toEqual({
			Authorization: 'Bearer abc',
			'X-Trace': 't 1',
		});
		expect(checkHeaders(undefined)).toEqual({});
		expect(checkHeaders(null)).toEqual({});
		expect(checkHeaders({})).toEqual({});
	});

	test('refuses what is not a header, a line break, a header twice, and the headers it sets itself', () => {
		expect(() => checkHeaders('Authorization: x')).toThrow(/object/);
		expect(() => checkHeaders([['Authorization', 'x']])).toThrow(/object/);
		expect(() => checkHeaders({ 'Bad Name': 'x' })).toThrow(/not a header name/);
		expect(() => checkHeaders({ '': 'x' })).toThrow(/not a header name/);
		expect(() => checkHeaders({ Authorization: 'a\r\nX-Injected: 1' })).toThrow(/one-line/);
		expect(() => checkHeaders({ Authorization: 7 })).toThrow(/one-line/);
		expect(() => checkHeaders({ Authorization: 'a', authorization: 'b' })).toThrow(/twice/);
		for (const name of ['Content-Type', 'accept', 'Host', 'Content-Length'])
			expect(() => checkHeaders({ [name]: 'x' })).toThrow(/cannot be set/);
	});

	test('reads "Name: value" from a command line, the value kept whole', () => {
		expect(parseHeaderLine('Authorization: Bearer a:b')).toEqual({ Authorization: 'Bearer a:b' });
		expect(parseHeaderLine('  X-Key :  v  ')).toEqual({ 'X-Key': 'v' });
		expect(() => parseHeaderLine('Bearer abc')).toThrow(/Name: value/);
		expect(() => parseHeaderLine(': abc')).toThrow(/Name: value/);
	});
});
