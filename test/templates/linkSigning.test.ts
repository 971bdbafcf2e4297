/**
 * The secret that signs agents' action links, without n8n: the value `npm start` keeps in n8n's
 * user folder (created once, mode 0600, reused), the check that refuses a template whose link
 * node names no signing credential, and the credential `npm start` puts into the templates.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActionLinkToken, MIN_SECRET_LENGTH } from '../../nodes/shared/agentLinks';

const {
	LINK_SIGNING_CREDENTIAL_NAME,
	LINK_SIGNING_CREDENTIAL_PLACEHOLDER,
	LINK_SIGNING_SECRET_FILE,
	isLinkSecret,
	linkNodes,
	linkSigningCredentialData,
	linkSigningProblems,
	linkSigningSecret,
	newLinkSecret,
} = require('../../scripts/lib/linkSigning');
const { withCredentials } = require('../../scripts/lib/provision');

type Json = Record<string, any>;

const linkNode = (name: string, operation: string, extra: Json = {}): Json => ({
	name,
	type: 'n8n-nodes-xiaohongshu-dm.xiaohongshuAssignAgent',
	typeVersion: 1,
	parameters: { operation, desk: 'beauty-brand' },
	credentials: {
		xiaohongshuLinkSigningApi: {
			id: LINK_SIGNING_CREDENTIAL_PLACEHOLDER,
			name: LINK_SIGNING_CREDENTIAL_NAME,
		},
	},
	...extra,
});

describe('the link signing secret', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'xhs-link-secret-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('is 256 random bits, different every time, and signs links', () => {
		const secret = newLinkSecret();
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(newLinkSecret()).not.toBe(secret);
		expect(newLinkSecret(() => Buffer.alloc(32, 0xff))).toBe(`${'_'.repeat(42)}8`);
		expect(isLinkSecret(secret)).toBe(true);
		expect(() =>
			createActionLinkToken({ action: 'status', agentId: 'a', status: 'away' }, { secret }),
		).not.toThrow();
	});

	it("accepts an admin's own long secret, not an empty, short, spaced or multi-line one", () => {
		expect(isLinkSecret('x'.repeat(MIN_SECRET_LENGTH))).toBe(true);
		for (const bad of [
			'',
			'x'.repeat(MIN_SECRET_LENGTH - 1),
			'my own secret with spaces',
			'abcdefghijklmnop\nqrstuvwxyz',
			42,
		])
			expect(isLinkSecret(bad)).toBe(false);
	});

	it('is created once in the user folder, mode 0600, and the same on every later start', () => {
		const first = linkSigningSecret(folder);
		expect(first).toMatchObject({ file: join(folder, LINK_SIGNING_SECRET_FILE), created: true });
		expect(isLinkSecret(first.secret)).toBe(true);
		expect(statSync(first.file).mode & 0o777).toBe(0o600);
		expect(readFileSync(first.file, 'utf8').trim()).toBe(first.secret);
		expect(linkSigningSecret(folder)).toEqual({ ...first, created: false });
		expect(linkSigningCredentialData(first)).toEqual({
			secret: first.secret,
			linkLifetimeHours: 24,
		});
	});

	it("keeps an admin's own secret, takes its file back to mode 0600, and refuses an unusable one", () => {
		const file = join(folder, LINK_SIGNING_SECRET_FILE);
		writeFileSync(file, 'my-own-link-secret-2026-abcdef\n', { mode: 0o644 });
		chmodSync(file, 0o644);
		expect(linkSigningSecret(folder)).toMatchObject({
			secret: 'my-own-link-secret-2026-abcdef',
			created: false,
		});
		expect(statSync(file).mode & 0o777).toBe(0o600);
		writeFileSync(file, 'short\n');
		expect(() => linkSigningSecret(folder)).toThrow(/does not hold a usable link signing secret/);
	});
});

describe('link nodes in a template', () => {
	it('are the Assign Agent nodes that make or open links, and each must name the signing credential', () => {
		const release = linkNode('Release', 'release', { credentials: undefined });
		const make = linkNode('Close link', 'createActionLink');
		const open = linkNode('Open', 'openActionLink');
		expect(linkNodes({ nodes: [release, make, open] }).map((n: Json) => n.name)).toEqual([
			'Close link',
			'Open',
		]);
		expect(linkSigningProblems({ nodes: [release, make, open] })).toEqual([]);
		const bare = linkNode('Open', 'openActionLink', { credentials: undefined });
		const other = linkNode('Close link', 'createActionLink', {
			credentials: { xiaohongshuLinkSigningApi: { id: '1', name: 'Someone else' } },
		});
		expect(linkSigningProblems({ nodes: [bare, other] })).toEqual([
			'"Open" (openActionLink) must name the credential "Xiaohongshu Link Signing" (xiaohongshuLinkSigningApi)',
			'"Close link" (createActionLink) must name the credential "Xiaohongshu Link Signing" (xiaohongshuLinkSigningApi)',
		]);
	});

	it("gets npm start's link signing credential in its slot, and nothing else does", () => {
		const other = linkNode('Other', 'openActionLink', {
			credentials: { xiaohongshuLinkSigningApi: { id: '9', name: 'Some other secret' } },
		});
		const template = {
			name: 't',
			nodes: [linkNode('Close link', 'createActionLink'), other],
			connections: {},
		};
		const out = withCredentials(template, 'sandbox-id', undefined, undefined, {
			id: 'cred-7',
			name: LINK_SIGNING_CREDENTIAL_NAME,
		});
		expect(out.nodes[0].credentials).toEqual({
			xiaohongshuLinkSigningApi: { id: 'cred-7', name: LINK_SIGNING_CREDENTIAL_NAME },
		});
		expect(out.nodes[1].credentials).toEqual(other.credentials);
		// In queue mode the state store's credential joins it.
		const queued = withCredentials(
			template,
			'sandbox-id',
			{ id: 'redis-1', name: 'Redis' },
			undefined,
			{ id: 'cred-7', name: LINK_SIGNING_CREDENTIAL_NAME },
		);
		expect(queued.nodes[0].credentials).toEqual({
			xiaohongshuLinkSigningApi: { id: 'cred-7', name: LINK_SIGNING_CREDENTIAL_NAME },
			xiaohongshuStateStoreApi: { id: 'redis-1', name: 'Redis' },
		});
		expect(withCredentials(template, 'sandbox-id').nodes[0].credentials).toEqual(
			template.nodes[0].credentials,
		);
	});
});
