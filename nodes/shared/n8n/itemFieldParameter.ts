import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/**
 * n8n 2.x evaluates each expression in an isolated V8 context (its default "vm" engine). In the
 * full service desk that made expressions a fifth of n8n's CPU per DM (bench:desk's profile):
 * a few milliseconds each under load, for parameters that mostly just name a field of the item,
 * such as this package's own defaults (`={{ $json.text }}`, `={{ $json.customerUserId }}`).
 *
 * A parameter that is exactly such a reference, to a text, number or boolean, is read from the
 * item here: the value n8n's expression would give. Anything else (another expression, a
 * missing field, an object, a pick list's other modes) goes through n8n as before.
 */
const FIELD_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

function referencedPath(raw: unknown): string[] | undefined {
	const expression =
		typeof raw === 'string'
			? raw
			: raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl === true
				? (raw as { value?: unknown }).value
				: undefined;
	if (typeof expression !== 'string') return undefined;
	const match = FIELD_REFERENCE.exec(expression);
	return match ? match[1].slice(1).split('.') : undefined;
}

function fieldAt(json: IDataObject, path: string[]): unknown {
	let value: unknown = json;
	for (const key of path) {
		if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

export function itemFieldParameter(
	context: IExecuteFunctions,
	name: string,
	i: number,
	fallback: NodeParameterValueType,
	options?: { extractValue?: boolean },
): NodeParameterValueType | object {
	const path = referencedPath(context.getNode().parameters[name]);
	if (path) {
		const value = fieldAt(context.getInputData()[i]?.json ?? {}, path);
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
			return value;
	}
	return context.getNodeParameter(name, i, fallback, options);
}
