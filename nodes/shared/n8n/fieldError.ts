import { outcomeOf } from '../outcome';

/** A bad parameter, named the way the user sees it in the node's panel. */
export class FieldError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'FieldError';
	}

	/** Runs `work`; its error (which already says what is wrong with the value) gains the field. */
	static wrap<T>(field: string, work: () => T): T {
		const outcome = outcomeOf(work);
		if (!outcome.ok) throw new FieldError(outcome.error.message, field);
		return outcome.value;
	}
}
