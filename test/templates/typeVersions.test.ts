/**
 * Every node a template uses exists at the version the template names: a template saved
 * against a version this package no longer has would open with a "?" node. For the package's
 * own nodes the versions come from the node classes; n8n's base nodes are checked against the
 * real runtime in test/e2e/templates.e2e.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

type Json = Record<string, any>;
const ROOT = join(__dirname, '..', '..');
const PKG = 'n8n-nodes-xiaohongshu-dm.';

/** The versions of each of the package's nodes, read from package.json's list of nodes. */
function packageVersions(): Map<string, number[]> {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;
	const versions = new Map<string, number[]>();
	for (const built of pkg.n8n.nodes as string[]) {
		const source = join(ROOT, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const module = require(source) as Record<string, new () => INodeType | IVersionedNodeType>;
		const node = new (Object.values(module)[0])();
		const description = node.description as Json;
		const list = Array.isArray(description.version) ? description.version : [description.version];
		versions.set(`${PKG}${description.name}`, list);
		expect(list).toContain(description.defaultVersion ?? Math.max(...list));
	}
	return versions;
}

const templates = readdirSync(join(ROOT, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({
		file,
		workflow: JSON.parse(readFileSync(join(ROOT, 'workflows', file), 'utf8')) as Json,
	}));

describe('node versions', () => {
	const versions = packageVersions();

	it('every node declares its versions and a default version among them', () => {
		expect(versions.size).toBeGreaterThanOrEqual(7);
	});

	it.each(templates)("$file uses only versions the package's nodes have", ({ workflow }) => {
		for (const node of workflow.nodes as Json[]) {
			if (!String(node.type).startsWith(PKG)) continue;
			expect({ node: node.name, versions: versions.get(node.type) }).toEqual({
				node: node.name,
				versions: expect.arrayContaining([node.typeVersion]),
			});
		}
	});
});
