// An OpenAI-compatible chat-completions endpoint (OpenAI, DeepSeek, Qwen/DashScope compatible
// mode, Doubao/Ark, Moonshot, Ollama's /v1, the sandbox's /llm/v1) as the model-pick engine's
// ChatFn, for the evaluation script. In n8n the Chat Model sub-node makes this call instead.
'use strict';

/**
 * @param {{baseUrl: string, model: string, apiKey: string, temperature?: number}} options
 * @returns {(messages: Array<{role: string, content: string}>, o: {signal: AbortSignal}) => Promise<{text: string, inputTokens?: number, outputTokens?: number}>}
 */
function openAiChat({ baseUrl, model, apiKey, temperature = 0 }) {
	const url = `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
	return async (messages, { signal }) => {
		const res = await fetch(url, {
			method: 'POST',
			signal,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
			body: JSON.stringify({ model, messages, temperature }),
		});
		const text = await res.text();
		if (!res.ok) {
			// The provider's message, never the request (it holds the key in a header only, but be sure).
			let message = text.slice(0, 200);
			try {
				message = JSON.parse(text)?.error?.message ?? message;
			} catch {
				// not JSON: keep the start of the body
			}
			throw Object.assign(new Error(`${res.status} ${message}`), { status: res.status });
		}
		const body = JSON.parse(text);
		return {
			text: String(body?.choices?.[0]?.message?.content ?? ''),
			inputTokens: body?.usage?.prompt_tokens,
			outputTokens: body?.usage?.completion_tokens,
		};
	};
}

module.exports = { openAiChat };
