// @ts-check
'use strict';
// An OpenAI-compatible chat model, as far as the Keyword Reply node's Chat Model input needs
// one offline: POST /llm/v1/chat/completions, POST /llm/v1/responses (what n8n's OpenAI Chat
// Model node calls from version 1.3 unless "Use Responses API" is off) and GET /llm/v1/models.
// Its answers are scripted (POST /sandbox/llm/script) so tests and trainers can show what a
// model does well and badly: a good pick, a made-up entry id, prose, a price it invented,
// slowness, 429. A DM no script matches gets what a careful model says when unsure: no entry.
// {"pick": "$first"} as a catch-all makes it the naive model that always takes the closest entry.
const { sleep } = require('./http-util');

/**
 * @typedef {object} ScriptedAnswer
 * @property {string} [match]   substring of the DM (or /regex/flags) this answer is for; none: every DM
 * @property {string|null} [pick]  the entry id to choose; "$first": the first entry shown; null: none
 * @property {number} [confidence]
 * @property {string} [reason]
 * @property {string} [text]    the raw answer text instead of a JSON pick (prose, broken JSON …)
 * @property {number} [status]  answer with this HTTP error instead (429, 500 …)
 * @property {number} [delayMs] wait before answering
 * @property {number} [times]   use it this many times, then drop it; none: for good
 */

/** @typedef {{id: number, at: string, api: string, model: string, dm: string, entries: string[], script: number | null, answer: string, status: number}} LlmCall */

const DM_QUOTE = /"""\n([\s\S]*?)\n"""/;
const ENTRY_ID = /^- id: ("(?:[^"\\]|\\.)*")$/gm;

/** @param {string} prompt */
function promptParts(prompt) {
	const dm = DM_QUOTE.exec(prompt)?.[1] ?? prompt;
	/** @type {string[]} */
	const entries = [];
	for (const m of prompt.matchAll(ENTRY_ID)) {
		try {
			entries.push(String(JSON.parse(m[1])));
		} catch {
			// not one of ours: ignored
		}
	}
	return { dm, entries };
}

/** @param {unknown} content a message's content: a string or parts with text */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content.map((p) => (typeof p === 'string' ? p : String(p?.text ?? ''))).join('');
}

/** @param {Record<string, any>} body the request of either API */
function promptOf(body) {
	const messages = Array.isArray(body.messages)
		? body.messages
		: Array.isArray(body.input)
			? body.input
			: [{ role: 'user', content: body.input }];
	return messages.map((m) => contentText(m?.content)).join('\n\n');
}

/** @param {string} match @param {string} dm */
function matches(match, dm) {
	const re = /^\/(.+)\/([a-z]*)$/.exec(match);
	return re ? new RegExp(re[1], re[2]).test(dm) : dm.includes(match);
}

/** @param {Record<string, any>} s */
function validScript(s) {
	if (!s || typeof s !== 'object' || Array.isArray(s)) throw new Error('each answer is an object');
	for (const key of ['match', 'reason', 'text'])
		if (s[key] !== undefined && typeof s[key] !== 'string')
			throw new Error(`${key} must be a string`);
	for (const key of ['confidence', 'status', 'delayMs', 'times'])
		if (s[key] !== undefined && !Number.isFinite(Number(s[key])))
			throw new Error(`${key} must be a number`);
	if (s.pick !== undefined && s.pick !== null && typeof s.pick !== 'string')
		throw new Error('pick must be an entry id, "$first" or null');
	return /** @type {ScriptedAnswer} */ (s);
}

function createLlm() {
	/** @type {ScriptedAnswer[]} */
	let script = [];
	/** @type {LlmCall[]} */
	let calls = [];
	let nextId = 1;

	/** @param {string} dm */
	function scripted(dm) {
		const at = script.findIndex((s) => s.match === undefined || matches(s.match, dm));
		if (at < 0) return { answer: undefined, index: null };
		const answer = script[at];
		if (answer.times !== undefined && --answer.times <= 0) script.splice(at, 1);
		return { answer, index: at };
	}

	/**
	 * @param {'chat.completions'|'responses'} api @param {Record<string, any>} body
	 * @returns {Promise<{status: number, body: unknown}>}
	 */
	async function complete(api, body) {
		const prompt = promptOf(body);
		const { dm, entries } = promptParts(prompt);
		const { answer, index } = scripted(dm);
		if (answer?.delayMs) await sleep(Number(answer.delayMs));
		const status = Number(answer?.status ?? 200);
		let text = '';
		if (status === 200) {
			if (answer?.text !== undefined) text = answer.text;
			else {
				const wanted = answer && 'pick' in answer ? answer.pick : null;
				const entry = wanted === '$first' ? (entries[0] ?? null) : (wanted ?? null);
				text = JSON.stringify({
					entry,
					confidence: answer?.confidence ?? (entry ? 0.8 : 0.9),
					reason:
						answer?.reason ??
						(entry
							? `the closest entry shown is ${entry}`
							: answer
								? 'no entry answers this'
								: 'sandbox: no scripted answer for this DM'),
				});
			}
		}
		const model = String(body.model ?? 'sandbox-model');
		calls.push({
			id: nextId++,
			at: new Date().toISOString(),
			api,
			model,
			dm,
			entries,
			script: index,
			answer: status === 200 ? text : `HTTP ${status}`,
			status,
		});
		if (status !== 200)
			return {
				status,
				body: {
					error:
						status === 429
							? {
									message: 'Rate limit reached for requests (sandbox)',
									type: 'requests',
									code: 'rate_limit_exceeded',
								}
							: { message: `scripted error ${status} (sandbox)`, type: 'server_error' },
				},
			};
		// Token counts as a provider would report them, roughly: Chinese is about a token a character.
		const inputTokens = Math.ceil(prompt.length * 0.8);
		const outputTokens = Math.ceil(text.length * 0.8);
		const created = Math.floor(Date.now() / 1000);
		if (api === 'responses')
			return {
				status: 200,
				body: {
					id: `resp_${nextId}`,
					object: 'response',
					created_at: created,
					status: 'completed',
					model,
					output: [
						{
							type: 'message',
							id: `msg_${nextId}`,
							status: 'completed',
							role: 'assistant',
							content: [{ type: 'output_text', text, annotations: [] }],
						},
					],
					usage: {
						input_tokens: inputTokens,
						output_tokens: outputTokens,
						total_tokens: inputTokens + outputTokens,
					},
				},
			};
		return {
			status: 200,
			body: {
				id: `chatcmpl-${nextId}`,
				object: 'chat.completion',
				created,
				model,
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: text },
						finish_reason: 'stop',
					},
				],
				usage: {
					prompt_tokens: inputTokens,
					completion_tokens: outputTokens,
					total_tokens: inputTokens + outputTokens,
				},
			},
		};
	}

	return {
		complete,
		/** @param {unknown} list */
		setScript(list) {
			if (!Array.isArray(list)) throw new Error('answers must be an array');
			script = list.map((s) => ({ ...validScript(s) }));
			return { answers: script };
		},
		getScript: () => ({ answers: script }),
		/** @param {string} [dmContains] */
		calls: (dmContains) => (dmContains ? calls.filter((c) => c.dm.includes(dmContains)) : calls),
		clear() {
			script = [];
			calls = [];
		},
	};
}

const LLM_PREFIX = '/llm/v1';

/**
 * The model's HTTP side. Like OpenAI it wants a bearer key (any non-empty one): a Chat Model
 * node whose credential has none gets the 401 a real provider gives.
 * @param {{llm: ReturnType<typeof createLlm>}} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 * @param {string} rawBody
 */
async function handleLlm(core, req, res, path, rawBody) {
	const send = (/** @type {number} */ status, /** @type {unknown} */ value) => {
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(value));
	};
	const key = /^Bearer\s+(\S+)/.exec(String(req.headers.authorization ?? ''))?.[1];
	if (!key)
		return send(401, {
			error: { message: 'You did not provide an API key (sandbox)', type: 'invalid_request_error' },
		});
	const route = path.slice(LLM_PREFIX.length).replace(/\/+$/, '');
	if (req.method === 'GET' && route === '/models')
		return send(200, {
			object: 'list',
			data: [{ id: 'sandbox-model', object: 'model', created: 0, owned_by: 'sandbox' }],
		});
	const api =
		route === '/chat/completions'
			? 'chat.completions'
			: route === '/responses'
				? 'responses'
				: null;
	if (!api || req.method !== 'POST')
		return send(404, { error: { message: `no ${req.method} ${path} here`, type: 'not_found' } });
	let body;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
	}
	const answer = await core.llm.complete(api, body);
	return send(answer.status, answer.body);
}

module.exports = { createLlm, handleLlm, LLM_PREFIX, promptParts };
