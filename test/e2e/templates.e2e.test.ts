/**
 * n8n's own nodes in the templates exist at the versions the templates name, in the n8n this
 * project runs (the package's nodes are checked in test/templates/typeVersions.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stack } from './stack';

type Json = Record<string, any>;

describe('templates against the n8n runtime', () => {
	it('every n8n base node a template uses exists at its version', () => {
		const types = JSON.parse(
			readFileSync(
				join(stack.runtimeDir, 'node_modules', 'n8n-nodes-base', 'dist', 'types', 'nodes.json'),
				'utf8',
			),
		) as Json[];
		const known = new Set(
			types.flatMap((t) =>
				(Array.isArray(t.version) ? t.version : [t.version]).map(
					(v: number) => `n8n-nodes-base.${String(t.name).replace(/^n8n-nodes-base\./, '')}@${v}`,
				),
			),
		);
		const dir = join(__dirname, '..', '..', 'workflows');
		const used = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.flatMap((f) =>
				(JSON.parse(readFileSync(join(dir, f), 'utf8')).nodes as Json[]).map((n) => ({
					file: f,
					node: n.name,
					type: `${n.type}@${n.typeVersion}`,
				})),
			)
			.filter((u) => u.type.startsWith('n8n-nodes-base.'));
		expect(used.length).toBeGreaterThan(50);
		expect(used.filter((u) => !known.has(u.type))).toEqual([]);
	});
});
