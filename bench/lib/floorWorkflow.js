// n8n's own floor, the baseline every pipeline benchmark is measured against in the same run:
// Webhook → Respond to Webhook, nothing else.
function floorWorkflow(webhookPath) {
	return {
		name: `bench floor: Webhook → Respond to Webhook (${webhookPath})`,
		nodes: [
			{
				id: 'f1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${webhookPath}-0001`,
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: 'f2',
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [300, 0],
				parameters: { respondWith: 'json', responseBody: '={{ { "ok": true } }}', options: {} },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { floorWorkflow };
