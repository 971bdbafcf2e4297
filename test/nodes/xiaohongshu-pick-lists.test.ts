import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import nock from 'nock';
import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { sandboxCredential } from './fixtures';

const { createSandbox } = require('../../sandbox/server');

/**
 * The pick lists of the Xiaohongshu node (version 2) against the sandbox: what the editor
 * shows when a user opens "From List" for the business account and the note.
 */
type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

let sb: Sandbox;

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	sb = await createSandbox({ port: 0, appId: `picks_${process.pid}`, notes: 25, log: () => {} });
});
afterAll(async () => await sb.close());

/** The editor's load-options context, reduced to what list search uses; HTTP goes to the sandbox. */
function editor(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	const credential = sandboxCredential(sb);
	return {
		getCredentials: async () => credential,
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getNode: () => ({
			id: 'n',
			name: 'Xiaohongshu',
			type: 'xiaohongshu',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const response = await fetch(String(options.url), {
					method: options.method,
					headers: {
						'content-type': 'application/json',
						...(options.headers as Record<string, string>),
					},
					body: options.body === undefined ? undefined : JSON.stringify(options.body),
				});
				return {
					statusCode: response.status,
					headers: Object.fromEntries(response.headers),
					body: await response.json().catch(() => undefined),
				};
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

const listSearch = new Xiaohongshu().methods.listSearch;

describe('Xiaohongshu node pick lists', () => {
	it('lists the bound business accounts by nickname, and filters by what is typed', async () => {
		const { results } = await listSearch.searchAccounts.call(editor({}));
		const business = String(sb.app.business_user_id);
		expect(results.map((r) => r.value)).toContain(business);
		const chosen = results.find((r) => r.value === business)!;
		expect(chosen.name).not.toBe('');
		expect(
			(await listSearch.searchAccounts.call(editor({}), 'no-such-account-xyz')).results,
		).toEqual([]);
	});

	it("lists the chosen account's notes a page at a time, each with its link", async () => {
		const account = { __rl: true, mode: 'list', value: String(sb.app.business_user_id) };
		const first = await listSearch.searchNotes.call(editor({ accountUserId: account }));
		expect(first.results).toHaveLength(20);
		expect(first.results[0]).toMatchObject({
			name: '沙盒笔记 1',
			url: expect.stringMatching(/^https:\/\/www\.xiaohongshu\.com\/explore\//),
		});
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchNotes.call(
			editor({ accountUserId: account }),
			undefined,
			first.paginationToken,
		);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
		expect(
			(await listSearch.searchNotes.call(editor({ accountUserId: account }), '笔记 3')).results.map(
				(r) => r.name,
			),
		).toEqual(['沙盒笔记 3']);
	});
});
