import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';
import type { CrmRetryOptions } from '../../shared/crmHttp';
import { listOf } from '../../shared/listOf';

/** The node's settings (read once, from the first item) as the CRM sync engine takes them. */
export interface SyncSettings {
	book: string;
	maskContacts: boolean;
	concurrency: number;
	retry: Pick<CrmRetryOptions, 'maxAttempts' | 'baseDelayMs'>;
}

export class SyncSettingsError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'SyncSettingsError';
	}
}

export function settingsFor(context: IExecuteFunctions): SyncSettings {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const maxAttempts = Math.max(1, Math.floor(Number(options.maxAttempts ?? 4)));
	return {
		book: String(context.getNodeParameter('book', 0, 'default') || 'default'),
		maskContacts: options.maskContacts !== false,
		concurrency: Math.max(1, Math.floor(Number(options.concurrency ?? 4))),
		// A hidden knob for tests and replays: how long the first backoff is.
		retry: { maxAttempts, baseDelayMs: Number(options.retryBaseDelayMs ?? 500) },
	};
}

/** "a=b, c=d" → {a: "b", c: "d"}, naming the parameter when a pair is malformed. */
export function pairsOf(value: unknown, label: string): Record<string, string> {
	const pairs: Record<string, string> = {};
	for (const pair of listOf(value)) {
		const [left, right] = pair.split(/[=＝]/).map((part) => part.trim());
		if (!left || !right)
			throw new SyncSettingsError(`${label}: "${pair}" should look like name=field`, label);
		pairs[left] = right;
	}
	return pairs;
}

/** A setting as text, trimmed; `extractValue` reads a pick list (version 2) and a plain field alike. */
export function settingText(
	context: IExecuteFunctions,
	name: string,
	fallback = '',
	options?: IGetNodeParameterOptions,
): string {
	return String(context.getNodeParameter(name, 0, fallback, options) ?? '').trim();
}

export function requiredSetting(
	context: IExecuteFunctions,
	name: string,
	label: string,
	options?: IGetNodeParameterOptions,
): string {
	const value = settingText(context, name, '', options);
	if (!value) throw new SyncSettingsError(`the field "${label}" is empty`, name);
	return value;
}
