import nock from 'nock';
import { CrmApiError } from '../../nodes/shared/crmHttp/crmApiError';
import { HubspotClient } from '../../nodes/shared/hubspot/hubspotClient';
import { HubspotConflictError } from '../../nodes/shared/hubspot/hubspotErrors';
import { nockOnlyWithNoPendingMocks } from '../support/nockGuard';
import { rejectionOf } from '../support/rejection';
import { fakeSleep, fetchHttp } from './fetchHttp';

const BASE = 'https://api.hubapi.com';
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';

function client(overrides: Partial<ConstructorParameters<typeof HubspotClient>[0]> = {}) {
	const { sleep, waits } = fakeSleep();
	const hubspot = new HubspotClient({
		http: fetchHttp,
		accessToken: TOKEN,
		sleep,
		random: () => 0.5,
		...overrides,
	});
	return { hubspot, waits };
}

/** The documented auth and content headers on every call. */
function api() {
	return nock(BASE, {
		reqheaders: {
			authorization: `Bearer ${TOKEN}`,
			'content-type': 'application/json',
		},
	});
}

const caught = (promise: Promise<unknown>) => rejectionOf(promise, CrmApiError);

function expectNoSecret(error: Error) {
	expect(error.message).not.toContain(TOKEN);
	expect(
		JSON.stringify({ ...error, message: error.message, hint: (error as CrmApiError).hint }),
	).not.toContain(TOKEN);
}

nockOnlyWithNoPendingMocks();

describe('HubspotClient request shapes', () => {
	it('findContactBy: POST /crm/v3/objects/contacts/search with an EQ filter, properties and limit 1', async () => {
		api()
			.post('/crm/v3/objects/contacts/search', {
				filterGroups: [
					{ filters: [{ propertyName: 'xhs_user_id', operator: 'EQ', value: 'u_42' }] },
				],
				properties: ['xhs_user_id', 'email', 'firstname', 'lastname', 'phone'],
				limit: 1,
			})
			.reply(200, {
				total: 1,
				results: [
					{
						id: '501',
						properties: { xhs_user_id: 'u_42', email: null, firstname: 'Mei' },
						archived: false,
					},
				],
			});
		const { hubspot } = client();
		await expect(hubspot.findContactBy('xhs_user_id', 'u_42')).resolves.toEqual({
			id: '501',
			properties: { xhs_user_id: 'u_42', email: null, firstname: 'Mei' },
		});
	});

	it('findContactBy: named properties, and undefined when nothing matches', async () => {
		api()
			.post('/crm/v3/objects/contacts/search', {
				filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'a@b.c' }] }],
				properties: ['email', 'lifecyclestage'],
				limit: 1,
			})
			.reply(200, { total: 0, results: [] });
		const { hubspot } = client();
		await expect(
			hubspot.findContactBy('email', 'a@b.c', ['lifecyclestage']),
		).resolves.toBeUndefined();
	});

	it('createContact: POST /crm/v3/objects/contacts {properties} with string values', async () => {
		api()
			.post('/crm/v3/objects/contacts', {
				properties: { email: 'a@b.c', xhs_user_id: 'u_42', hs_lead_status: '', age: '30' },
			})
			.reply(201, { id: '777', properties: { email: 'a@b.c' }, createdAt: '2025-01-01T00:00:00Z' });
		const { hubspot } = client();
		await expect(
			hubspot.createContact({ email: 'a@b.c', xhs_user_id: 'u_42', hs_lead_status: null, age: 30 }),
		).resolves.toEqual({ id: '777' });
	});

	it('createContact: a 409 is a HubspotConflictError carrying the existing id, not retried', async () => {
		api().post('/crm/v3/objects/contacts').once().reply(409, {
			status: 'error',
			message: 'Contact already exists. Existing ID: 123',
			correlationId: 'c0ffee',
			category: 'CONFLICT',
		});
		const { hubspot, waits } = client();
		const error = await caught(hubspot.createContact({ email: 'a@b.c' }));
		expect(error).toBeInstanceOf(HubspotConflictError);
		expect(error.kind).toBe('conflict');
		expect((error as HubspotConflictError).existingId).toBe('123');
		expect(error.status).toBe(409);
		expect(error.code).toBe('CONFLICT');
		expect(error.retryable).toBe(false);
		expect(error.vendor).toBe('hubspot');
		expect(waits).toEqual([]);
	});

	it('createContact: a 409 without an id still is a conflict, with existingId undefined', async () => {
		api()
			.post('/crm/v3/objects/contacts')
			.reply(409, { status: 'error', message: 'Conflict', category: 'CONFLICT' });
		const error = await caught(client().hubspot.createContact({ email: 'a@b.c' }));
		expect(error).toBeInstanceOf(HubspotConflictError);
		expect((error as HubspotConflictError).existingId).toBeUndefined();
	});

	it('updateContact: PATCH /crm/v3/objects/contacts/{id} {properties}', async () => {
		api()
			.patch('/crm/v3/objects/contacts/501', {
				properties: { firstname: 'Mei', xhs_last_message_at: '1700000000000' },
			})
			.reply(200, { id: '501', properties: { firstname: 'Mei' } });
		const { hubspot } = client();
		await expect(
			hubspot.updateContact('501', { firstname: 'Mei', xhs_last_message_at: 1700000000000 }),
		).resolves.toEqual({ id: '501' });
	});

	it('findNoteContaining: POST /crm/v3/objects/notes/search with CONTAINS_TOKEN on hs_note_body', async () => {
		api()
			.post('/crm/v3/objects/notes/search', {
				filterGroups: [
					{
						filters: [
							{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: 'xhs-m_123' },
						],
					},
				],
				properties: ['hs_note_body'],
				limit: 10,
			})
			.reply(200, {
				total: 2,
				results: [
					{ id: '90', properties: { hs_note_body: 'other note xhs-m_1234' } },
					{ id: '91', properties: { hs_note_body: 'DM from Mei [xhs-m_123]' } },
				],
			});
		const { hubspot } = client();
		await expect(hubspot.findNoteContaining('xhs-m_123')).resolves.toEqual({ id: '91' });
	});

	it('findNoteContaining: undefined when no note carries the marker', async () => {
		api().post('/crm/v3/objects/notes/search').reply(200, { total: 0, results: [] });
		await expect(client().hubspot.findNoteContaining('xhs-m_999')).resolves.toBeUndefined();
	});

	it('createNote: POST /crm/v3/objects/notes with hs_note_body, hs_timestamp and the 202 note→contact association', async () => {
		api()
			.post('/crm/v3/objects/notes', {
				properties: { hs_note_body: 'DM: hello [xhs-m_123]', hs_timestamp: '1700000000123' },
				associations: [
					{
						to: { id: '501' },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
					},
				],
			})
			.reply(201, { id: '9001', properties: { hs_note_body: 'DM: hello [xhs-m_123]' } });
		const { hubspot } = client();
		await expect(
			hubspot.createNote({
				body: 'DM: hello [xhs-m_123]',
				timestampMs: 1700000000123,
				contactId: '501',
			}),
		).resolves.toEqual({ id: '9001' });
	});

	it('uses a custom base URL', async () => {
		nock('https://hubspot.proxy.test', { reqheaders: { authorization: `Bearer ${TOKEN}` } })
			.post('/crm/v3/objects/contacts/search')
			.reply(200, { total: 0, results: [] });
		const { hubspot } = client({ baseUrl: 'https://hubspot.proxy.test/' });
		await expect(hubspot.findContactBy('email', 'x@y.z')).resolves.toBeUndefined();
	});
});

describe('HubspotClient retries and errors', () => {
	it('429: waits for Retry-After (seconds) and retries', async () => {
		api()
			.post('/crm/v3/objects/contacts/search')
			.reply(
				429,
				{
					status: 'error',
					message: 'You have reached your secondly limit.',
					errorType: 'RATE_LIMIT',
					policyName: 'SECONDLY',
				},
				{ 'Retry-After': '2' },
			)
			.post('/crm/v3/objects/contacts/search')
			.reply(200, { total: 1, results: [{ id: '1', properties: { email: 'a@b.c' } }] });
		const { hubspot, waits } = client();
		await expect(hubspot.findContactBy('email', 'a@b.c')).resolves.toEqual({
			id: '1',
			properties: { email: 'a@b.c' },
		});
		expect(waits).toEqual([2000]);
	});

	it('429 without Retry-After backs off exponentially; a Retry-After beyond the wait budget fails at once', async () => {
		api()
			.post('/crm/v3/objects/contacts')
			.reply(429, { status: 'error', message: 'daily limit' }, { 'Retry-After': '86400' });
		const { hubspot, waits } = client();
		const error = await caught(hubspot.createContact({ email: 'a@b.c' }));
		expect(error.kind).toBe('rateLimited');
		expect(error.retryable).toBe(true);
		expect(error.retryAfterMs).toBe(86_400_000);
		expect(error.attempts).toBe(1);
		expect(waits).toEqual([]);
	});

	it('5xx: retried with exponential backoff and jitter, then succeeds', async () => {
		api()
			.post('/crm/v3/objects/notes')
			.reply(502, '<html>Bad gateway</html>')
			.post('/crm/v3/objects/notes')
			.reply(503, { status: 'error', message: 'unavailable' })
			.post('/crm/v3/objects/notes')
			.reply(201, { id: '5' });
		const { hubspot, waits } = client();
		await expect(
			hubspot.createNote({ body: 'x', timestampMs: 1, contactId: '2' }),
		).resolves.toEqual({ id: '5' });
		// random() = 0.5: backoff/2 + backoff/4 with backoff 500, then 1000.
		expect(waits).toEqual([375, 750]);
	});

	it('5xx: bounded — gives up after maxAttempts with a retryable CrmApiError', async () => {
		api()
			.post('/crm/v3/objects/contacts/search')
			.times(4)
			.reply(500, { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' });
		const { hubspot, waits } = client();
		const error = await caught(hubspot.findContactBy('email', 'a@b.c'));
		expect(error.kind).toBe('server');
		expect(error.status).toBe(500);
		expect(error.retryable).toBe(true);
		expect(error.attempts).toBe(4);
		expect(waits).toHaveLength(3);
		expect(error.message).toContain('internal error');
	});

	it('5xx: bounded by the total wait budget too', async () => {
		api().post('/crm/v3/objects/contacts/search').times(2).reply(500, {});
		const { hubspot, waits } = client({
			retry: { maxAttempts: 10, baseDelayMs: 1000, maxTotalWaitMs: 1500 },
		});
		const error = await caught(hubspot.findContactBy('email', 'a@b.c'));
		expect(error.attempts).toBe(2);
		expect(waits).toEqual([750]);
	});

	it('network errors are retried', async () => {
		api()
			.post('/crm/v3/objects/contacts/search')
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
			.post('/crm/v3/objects/contacts/search')
			.reply(200, { total: 0, results: [] });
		const { hubspot, waits } = client();
		await expect(hubspot.findContactBy('email', 'a@b.c')).resolves.toBeUndefined();
		expect(waits).toHaveLength(1);
	});

	it.each([401, 403])(
		'%i is final, with the token/scopes hint, and never shows the token',
		async (status) => {
			api()
				.post('/crm/v3/objects/contacts')
				.once()
				.reply(status, {
					status: 'error',
					// A hostile/verbose answer echoing the credential must still not leak it.
					message: `Authentication credentials not found for Bearer ${TOKEN} (token ${TOKEN})`,
					category: status === 401 ? 'INVALID_AUTHENTICATION' : 'MISSING_SCOPES',
				});
			const { hubspot, waits } = client();
			const error = await caught(hubspot.createContact({ email: 'a@b.c' }));
			expect(error.kind).toBe('auth');
			expect(error.status).toBe(status);
			expect(error.retryable).toBe(false);
			expect(error.hint?.toLowerCase()).toContain(
				'check the private app token and its scopes crm.objects.contacts.read/write',
			);
			expect(waits).toEqual([]);
			expectNoSecret(error);
			expect(error.message).toContain('[redacted]');
		},
	);

	it('400 is final with HubSpot’s message', async () => {
		api().patch('/crm/v3/objects/contacts/501').reply(400, {
			status: 'error',
			message: 'Property values were not valid: [{"name":"nope"}]',
			category: 'VALIDATION_ERROR',
		});
		const error = await caught(client().hubspot.updateContact('501', { nope: 'x' }));
		expect(error.kind).toBe('badRequest');
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(error.message).toContain('Property values were not valid');
		expectNoSecret(error);
	});

	it('an empty token fails before any request, without a network call', async () => {
		const error = await caught(
			client({ accessToken: '  ' }).hubspot.findContactBy('email', 'a@b.c'),
		);
		expect(error.kind).toBe('config');
	});

	it('no error message, over every failure kind, contains the token', async () => {
		api()
			.post('/crm/v3/objects/notes/search')
			.times(4)
			.reply(503, `upstream said: Authorization: Bearer ${TOKEN}`);
		const error = await caught(client().hubspot.findNoteContaining('xhs-m_1'));
		expectNoSecret(error);
	});
});
