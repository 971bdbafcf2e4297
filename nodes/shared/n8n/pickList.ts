import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/**
 * A field where a user would otherwise type an id, in both versions of a node: version 1's
 * plain field exactly as it was (saved workflows read as before), and from version 2 a pick
 * list (resource locator) with the ids the package can list, plus typing it (and a link,
 * where the id sits in one). The execute side reads both alike:
 * getNodeParameter(name, i, '', { extractValue: true }).
 */
export const VERSION_1 = { '@version': [1] };
export const FROM_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

export interface PickListSpec {
	name: string;
	displayName: string;
	description?: string;
	required?: boolean;
	/** The list-search method in the node's methods.listSearch. */
	searchListMethod: string;
	/** How the value is typed in: by ID or by name. */
	typed: { mode: 'id' | 'name'; placeholder: string };
	/** A link the id can be read from. */
	url?: { placeholder: string; regex: string };
	/** What a new node starts with. */
	initial: { mode: 'list' | 'id' | 'name'; value: string };
	/** Version 1's field, as it was. */
	v1: Omit<INodeProperties, 'name' | 'type' | 'displayOptions'>;
}

/** A resource locator mode (built apart: n8n's lint reads a literal with a type as a parameter). */
function mode(
	displayName: string,
	name: string,
	details: Omit<INodePropertyMode, 'displayName' | 'name'>,
): INodePropertyMode {
	return { ...details, displayName, name };
}

export function versionedPickList(spec: PickListSpec): INodeProperties[] {
	const modes: INodePropertyMode[] = [
		mode('From List', 'list', {
			type: 'list',
			typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
		}),
		mode(spec.typed.mode === 'id' ? 'By ID' : 'By Name', spec.typed.mode, {
			type: 'string',
			placeholder: spec.typed.placeholder,
		}),
	];
	if (spec.url) {
		modes.push(
			mode('By URL', 'url', {
				type: 'string',
				placeholder: spec.url.placeholder,
				extractValue: { type: 'regex', regex: spec.url.regex },
			}),
		);
	}
	return [
		{ ...spec.v1, name: spec.name, type: 'string', displayOptions: { show: VERSION_1 } },
		{
			displayName: spec.displayName,
			name: spec.name,
			type: 'resourceLocator',
			default: { ...spec.initial },
			...(spec.required ? { required: true } : {}),
			...(spec.description ? { description: spec.description } : {}),
			displayOptions: { show: FROM_VERSION_2 },
			modes,
		},
	];
}

/** Whether a pick-list entry matches what the user typed (any of its texts, ignoring case). */
export function matchesFilter(filter: string | undefined, ...texts: unknown[]): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	return (
		!wanted ||
		texts.some((t) =>
			String(t ?? '')
				.toLowerCase()
				.includes(wanted),
		)
	);
}
