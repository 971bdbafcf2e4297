// The error a call fails with, for tests that go on to check its fields. Shared so that each
// client's tests do not carry their own copy of the same try/catch.

/** Awaits `promise`; fails the test if it resolves or rejects with anything but an instance of `type`. */
export async function rejectionOf<E>(
	promise: Promise<unknown>,
	type: abstract new (...args: never[]) => E,
): Promise<E> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(type);
		return error as E;
	}
	throw new Error(`expected the call to fail with ${type.name}`);
}
