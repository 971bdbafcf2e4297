import type { IExecuteFunctions } from 'n8n-workflow';
import { itemFieldParameter } from '../../nodes/shared/n8n';

/** A node whose parameters are `parameters` and whose input item is `json`; n8n's own reading is a spy. */
function contextFor(parameters: Record<string, unknown>, json: Record<string, unknown>) {
	const evaluated: string[] = [];
	const context = {
		getNode: () => ({ parameters }),
		getInputData: () => [{ json }],
		getNodeParameter: (name: string) => {
			evaluated.push(name);
			return `n8n:${name}`;
		},
	} as unknown as IExecuteFunctions;
	return { context, evaluated };
}

describe('parameters that only name a field of the item skip n8n 2.x expression isolate', () => {
	it('reads $json fields, nested ones and pick lists by ID from the item, as the expression would', () => {
		const { context, evaluated } = contextFor(
			{
				message: '={{ $json.text }}',
				conversationId: '={{$json.assignment.agent.id}}',
				count: '={{ $json.n }}',
				customerUserId: { __rl: true, mode: 'id', value: '={{ $json.customerUserId }}' },
			},
			{ text: '面霜多少钱', n: 3, customerUserId: 'cust_1', assignment: { agent: { id: 'a1' } } },
		);
		expect(itemFieldParameter(context, 'message', 0, '')).toBe('面霜多少钱');
		expect(itemFieldParameter(context, 'conversationId', 0, '')).toBe('a1');
		expect(itemFieldParameter(context, 'count', 0, 0)).toBe(3);
		expect(itemFieldParameter(context, 'customerUserId', 0, '', { extractValue: true })).toBe(
			'cust_1',
		);
		expect(evaluated).toEqual([]);
	});

	it('leaves everything else to n8n: other expressions, missing fields, objects, plain values', () => {
		const { context, evaluated } = contextFor(
			{
				a: "={{ $json.text + '!' }}",
				b: '={{ $json.missing }}',
				c: '={{ $json.tags }}',
				d: 'plain text',
				e: '={{ $json.text }} and more',
				f: '={{ $json["text"] }}',
				g: '={{ $json.inherited.toString }}',
			},
			{ text: 'hi', tags: ['价格'], inherited: {} },
		);
		for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
			expect(itemFieldParameter(context, name, 0, '')).toBe(`n8n:${name}`);
		expect(evaluated).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
	});
});
