/**
 * HubSpot CRM transport (private-app bearer token), pure TypeScript over the project's HttpFn.
 *
 * Documented endpoints used (HubSpot CRM API v3, https://api.hubapi.com), with where they were
 * checked:
 * - POST  /crm/v3/objects/contacts/search — CRM search, body `{ filterGroups: [{ filters:
 *   [{ propertyName, operator, value }] }], properties, limit }`
 *   (https://developers.hubspot.com/docs-beta/crm/search: "/crm/v3/objects/{object}/search").
 *   Operators EQ and CONTAINS_TOKEN (HubSpot's search operator enum: EQ, NEQ, LT, LTE, GT, GTE,
 *   BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, NOT_CONTAINS_TOKEN).
 * - POST  /crm/v3/objects/contacts — create, body `{ properties }`; a duplicate answers 409
 *   `{ status: "error", message: "Contact already exists. Existing ID: <id>", category: "CONFLICT" }`
 *   (as reported in HubSpot/hubspot-api-nodejs#545).
 * - PATCH /crm/v3/objects/contacts/{contactId} — update, body `{ properties }`; "Properties values
 *   can be cleared by passing an empty string"
 *   (https://developers.hubspot.com/docs/api-reference/latest/crmSync/objects/contacts/update-contact).
 * - POST  /crm/v3/objects/notes/search — search notes (same body as above)
 *   (https://developers.hubspot.com/docs/api-reference/2026-03/crm/activities/notes/search/search-notes).
 * - POST  /crm/v3/objects/notes — create a note: `properties.hs_timestamp` (required; Unix ms or
 *   UTC), `properties.hs_note_body`, and `associations: [{ to: { id }, types: [{ associationCategory,
 *   associationTypeId }] }]` (https://developers.hubspot.com/docs/api-reference/crm-notes-v3/guide);
 *   202 is the HUBSPOT_DEFINED "note to contact" association type (the value in HubSpot's note
 *   create request schema example).
 * Auth: `Authorization: Bearer <private app token>`; scopes crm.objects.contacts.read / .write
 * (the notes guide lists the contacts scopes).
 */
import { realSleep, type HttpFn, type SleepFn } from '../http/httpFn';
import { CrmApiError } from '../crmHttp/crmApiError';
import { DEFAULT_CRM_RETRY, withCrmRetry, type CrmRetryOptions } from '../crmHttp/retry';
import { unwrapHubspot } from './hubspotErrors';

export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';
/** HubSpot-defined association type "note to contact". */
export const NOTE_TO_CONTACT_ASSOCIATION_TYPE_ID = 202;

export interface HubspotClientOptions {
	http: HttpFn;
	/** Private app access token. */
	accessToken: string;
	baseUrl?: string;
	sleep?: SleepFn;
	retry?: Partial<CrmRetryOptions>;
	/** Per request; default 20 s. */
	timeoutMs?: number;
	/** Jitter source (tests). */
	random?: () => number;
}

export type HubspotPropertyValue = string | number | boolean | null;

export interface HubspotContact {
	id: string;
	properties: Record<string, string | null>;
}

interface SearchResponse {
	total?: number;
	results?: Array<{ id: string | number; properties?: Record<string, string | null> }>;
}

interface ObjectResponse {
	id: string | number;
	properties?: Record<string, string | null>;
}

type Method = 'POST' | 'PATCH';

/** Properties returned by default when the caller does not name any. */
const DEFAULT_CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone'];

export class HubspotClient {
	private readonly http: HttpFn;
	private readonly accessToken: string;
	private readonly baseUrl: string;
	private readonly sleep: SleepFn;
	private readonly retry: CrmRetryOptions;
	private readonly timeoutMs: number;
	private readonly random: (() => number) | undefined;

	constructor(options: HubspotClientOptions) {
		this.http = options.http;
		this.accessToken = (options.accessToken ?? '').trim();
		this.baseUrl = (options.baseUrl ?? HUBSPOT_DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.sleep = options.sleep ?? realSleep;
		this.retry = { ...DEFAULT_CRM_RETRY, ...options.retry };
		this.timeoutMs = options.timeoutMs ?? 20_000;
		this.random = options.random;
	}

	/**
	 * The first contact whose `property` equals `value` (search operator EQ), with `properties`
	 * (default: the searched property and email, firstname, lastname, phone).
	 * Note: HubSpot's search index lags writes by a few seconds.
	 */
	async findContactBy(
		property: string,
		value: string,
		properties?: string[],
	): Promise<HubspotContact | undefined> {
		requireText(property, 'property', 'findContactBy');
		requireText(value, 'value', 'findContactBy');
		const wanted = unique([property, ...(properties ?? DEFAULT_CONTACT_PROPERTIES)]);
		const data = await this.request<SearchResponse>(
			'findContactBy',
			'POST',
			'/crm/v3/objects/contacts/search',
			{
				filterGroups: [{ filters: [{ propertyName: property, operator: 'EQ', value }] }],
				properties: wanted,
				limit: 1,
			},
		);
		const first = data?.results?.[0];
		if (!first) return undefined;
		return { id: String(first.id), properties: { ...(first.properties ?? {}) } };
	}

	/** Creates a contact. A duplicate throws HubspotConflictError (kind "conflict") with `existingId`. */
	async createContact(properties: Record<string, HubspotPropertyValue>): Promise<{ id: string }> {
		const data = await this.request<ObjectResponse>(
			'createContact',
			'POST',
			'/crm/v3/objects/contacts',
			{
				properties: toHubspotProperties(properties),
			},
		);
		return { id: String(data.id) };
	}

	async updateContact(
		id: string,
		properties: Record<string, HubspotPropertyValue>,
	): Promise<{ id: string }> {
		requireText(id, 'id', 'updateContact');
		const data = await this.request<ObjectResponse>(
			'updateContact',
			'PATCH',
			`/crm/v3/objects/contacts/${encodeURIComponent(id)}`,
			{ properties: toHubspotProperties(properties) },
		);
		return { id: String(data?.id ?? id) };
	}

	/**
	 * A note whose body contains `token` (search operator CONTAINS_TOKEN on hs_note_body), used
	 * to make note creation idempotent: every note body carries a marker such as "xhs-m_123".
	 * The hit is checked to really contain the marker, since HubSpot matches whole tokens.
	 */
	async findNoteContaining(token: string): Promise<{ id: string } | undefined> {
		requireText(token, 'token', 'findNoteContaining');
		const data = await this.request<SearchResponse>(
			'findNoteContaining',
			'POST',
			'/crm/v3/objects/notes/search',
			{
				filterGroups: [
					{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: token }] },
				],
				properties: ['hs_note_body'],
				limit: 10,
			},
		);
		const hit = (data?.results ?? []).find((note) => {
			const body = note.properties?.hs_note_body;
			// Without the body (not returned) trust the search; with it, require the exact marker.
			return typeof body !== 'string' || containsMarker(body, token);
		});
		return hit ? { id: String(hit.id) } : undefined;
	}

	/** Creates a note on the contact's timeline (association type 202, note → contact). */
	async createNote(args: {
		body: string;
		timestampMs: number;
		contactId: string;
	}): Promise<{ id: string }> {
		requireText(args.contactId, 'contactId', 'createNote');
		if (!Number.isFinite(args.timestampMs)) {
			throw itemError('createNote', 'timestampMs must be a Unix time in milliseconds');
		}
		const data = await this.request<ObjectResponse>('createNote', 'POST', '/crm/v3/objects/notes', {
			properties: {
				hs_note_body: args.body,
				hs_timestamp: String(Math.trunc(args.timestampMs)),
			},
			associations: [
				{
					to: { id: args.contactId },
					types: [
						{
							associationCategory: 'HUBSPOT_DEFINED',
							associationTypeId: NOTE_TO_CONTACT_ASSOCIATION_TYPE_ID,
						},
					],
				},
			],
		});
		return { id: String(data.id) };
	}

	private async request<T>(
		operation: string,
		method: Method,
		path: string,
		body: unknown,
	): Promise<T> {
		if (!this.accessToken)
			throw configError(operation, 'the HubSpot private app access token is empty');
		const secrets = [this.accessToken];
		return await withCrmRetry(
			async () =>
				unwrapHubspot<T>(
					await this.http({
						method,
						url: `${this.baseUrl}${path}`,
						headers: {
							Authorization: `Bearer ${this.accessToken}`,
							'Content-Type': 'application/json',
							Accept: 'application/json',
						},
						body,
						timeoutMs: this.timeoutMs,
					}),
					operation,
					secrets,
				),
			{
				vendor: 'hubspot',
				operation,
				retry: this.retry,
				sleep: this.sleep,
				secrets: () => secrets,
				random: this.random,
			},
		);
	}
}

/** HubSpot property values are strings; an empty string clears a property. */
export function toHubspotProperties(
	properties: Record<string, HubspotPropertyValue>,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(properties ?? {})) {
		if (value === undefined) continue;
		out[key] = value === null ? '' : String(value);
	}
	return out;
}

/** `token` as a whole marker: "xhs-m_123" is in "[xhs-m_123]" but not in "xhs-m_1234". */
export function containsMarker(text: string, token: string): boolean {
	const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(text);
}

function unique(values: string[]): string[] {
	return [...new Set(values.filter((v) => typeof v === 'string' && v.length > 0))];
}

function configError(operation: string, message: string): CrmApiError {
	return new CrmApiError({ vendor: 'hubspot', kind: 'config', operation, message });
}

function itemError(operation: string, message: string): CrmApiError {
	return new CrmApiError({ vendor: 'hubspot', kind: 'badRequest', operation, message });
}

function requireText(value: unknown, name: string, operation: string): void {
	if (typeof value !== 'string' || value.trim() === '')
		throw itemError(operation, `${name} is empty`);
}
