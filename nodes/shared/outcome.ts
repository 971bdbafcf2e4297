/**
 * A call's value or its error, as data. Lets code decide what a failure means without a throw
 * inside a catch block (n8n's lint rules reserve those for NodeApiError / NodeOperationError).
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export function outcomeOf<T>(work: () => T): Outcome<T> {
	try {
		return { ok: true, value: work() };
	} catch (error) {
		return { ok: false, error: asError(error) };
	}
}

/** outcomeOf for async work. */
export async function settled<T>(work: () => Promise<T>): Promise<Outcome<T>> {
	return await work().then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error: asError(error) }),
	);
}

/** Something thrown that is not an Error (an HTTP library's plain object) keeps its fields, e.g. `code`. */
function asError(thrown: unknown): Error {
	if (thrown instanceof Error) return thrown;
	if (thrown && typeof thrown === 'object') {
		const message = (thrown as { message?: unknown }).message;
		return Object.assign(
			new Error(typeof message === 'string' ? message : JSON.stringify(thrown)),
			thrown,
		);
	}
	return new Error(String(thrown));
}
