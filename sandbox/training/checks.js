// What the training page can observe about one customer, and its checklist: which n8n message
// is an auto-reply, a hand-over, a queue place or the CSAT survey; which team-chat notification
// belongs to the conversation (its close link names it); and whether each check of a scenario
// (sandbox/scenarios.js) has happened. Pure functions on plain data: the page runs them in the
// browser (window.XhsChecks) and test/sandbox/training-checks.test.js in Node.
(function (root, factory) {
	'use strict';
	if (typeof module === 'object' && module.exports) module.exports = factory();
	else root.XhsChecks = factory();
})(typeof self !== 'undefined' ? self : this, function () {
	'use strict';

	/** How long an auto-reply must stand with no hand-over before "answered by the bot" ticks. */
	const SETTLE_MS = 4000;

	const NAME = '[^，,。！!？?\\s（()）]+?';
	const ASSIGNED = [
		new RegExp(`已转给客服(${NAME})[，,。！!\\s]`),
		new RegExp(`客服(${NAME})为您服务`),
	];

	function textOf(m) {
		const c = m && m.content;
		if (typeof c === 'string') return c;
		if (c && typeof c.text === 'string') return c.text;
		return '';
	}

	/**
	 * What an n8n message to the customer is, by the texts the shipped templates send.
	 * @returns {{kind: 'assigned'|'queued'|'survey'|'thanks'|'reply', agentName?: string, position?: number}}
	 */
	function classifyReply(text) {
		const t = String(text || '');
		const queued = /排第 ?(\d+) ?位/.exec(t);
		if (queued) return { kind: 'queued', position: Number(queued[1]) };
		for (const re of ASSIGNED) {
			const m = re.exec(t);
			if (m) return { kind: 'assigned', agentName: m[1] };
		}
		if (/满意吗|请回复 ?1-5 ?分/.test(t)) return { kind: 'survey' };
		if (/谢谢.*评价/.test(t)) return { kind: 'thanks' };
		return { kind: 'reply' };
	}

	/**
	 * The conversation id in a notification's close link
	 * (…/webhook/xhs-close?conversation=…&t=…). The templates put it there as a label to find
	 * the notification by; n8n acts on the signed token t alone. The link's query is form-encoded
	 * (a space is +).
	 */
	function conversationOf(text) {
		const m = /[?&]conversation=([^\s&#]+)/.exec(String(text || ''));
		if (!m) return undefined;
		const value = m[1].replace(/\+/g, ' ');
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}

	/**
	 * An agent notification of the assignment templates:
	 * 【新私信】|【加急 · lane】|【客户追问】nickname：text \n 分配原因：reason \n 结束会话：link …
	 */
	function parseDeskNote(note) {
		const text = String(note.text || '');
		const head = text.split('\n')[0];
		const fast = /^【加急 · ([^】]+)】/.exec(head);
		const kind = head.startsWith('【客户追问】')
			? 'followUp'
			: fast
				? 'fast'
				: head.startsWith('【新私信】')
					? 'new'
					: 'other';
		const reason = /分配原因：(.*)/.exec(text);
		return {
			id: note.id,
			bot: note.bot,
			at: note.at,
			text,
			head,
			kind,
			lane: fast ? fast[1] : kind === 'new' ? 'normal' : undefined,
			reason: reason ? reason[1].trim() : '',
		};
	}

	/**
	 * Everything the page knows about one customer, sorted out.
	 * input: {conversationId, nickname, messages, notes (team chat since the customer was opened),
	 *   agents [{id, name, bot}], salesBot, seen {messageId: ms first seen}, now}
	 */
	function observe(input) {
		const messages = Array.isArray(input.messages) ? input.messages : [];
		const notes = Array.isArray(input.notes) ? input.notes : [];
		const agents = Array.isArray(input.agents) ? input.agents : [];
		const replies = messages
			.filter((m) => m.message_source === 3)
			.map((m) =>
				Object.assign(
					{ id: m.message_id, text: textOf(m), timestamp: m.timestamp },
					classifyReply(textOf(m)),
				),
			);
		const deskNotes = notes
			.filter((n) => n.bot !== input.salesBot && conversationOf(n.text) === input.conversationId)
			.map(parseDeskNote);
		const leadPrefix = `【新线索】${input.nickname || ''}`;
		const leadNotes = notes.filter(
			(n) => n.bot === input.salesBot && String(n.text || '').startsWith(leadPrefix),
		);
		const firstNote = deskNotes.find((n) => n.kind !== 'followUp');
		const told = replies.find((r) => r.kind === 'assigned');
		const byBot = (bot) => agents.find((a) => a.bot === bot);
		const byName = (name) => agents.find((a) => a.name === name);
		const agent =
			(firstNote && byBot(firstNote.bot)) ||
			(told && byName(told.agentName)) ||
			(told ? { id: '', name: told.agentName, bot: '' } : undefined);
		return {
			customerMessages: messages.filter((m) => m.message_source === 1),
			agentMessages: messages.filter((m) => m.message_source === 2),
			replies,
			deskNotes,
			firstNote,
			leadNotes,
			agent,
			queued: replies.find((r) => r.kind === 'queued'),
			seen: input.seen || {},
			now: typeof input.now === 'number' ? input.now : Date.now(),
		};
	}

	const agentLabel = (agents, id) => {
		const a = (agents || []).find((x) => x.id === id);
		return a ? `${a.name}` : id;
	};

	/** The checklist line of a check, in Chinese and English. */
	function labelOf(check, agents) {
		switch (check.type) {
			case 'reply':
				return `自动回复含「${check.pattern}」· auto-reply says “${check.pattern}”`;
			case 'noHandoff':
				return '机器人直接回答，不转人工 · answered by the bot, no agent';
			case 'handoff':
				return '转人工：告诉顾客由哪位客服接待 · handed to an agent, the customer is told';
			case 'lane':
				return check.lane === 'fast'
					? '走加急通道 · fast lane (【加急】)'
					: '普通通道，不加急 · normal lane (【新私信】)';
			case 'agent': {
				const name = agentLabel(agents, check.agent);
				return `分给${name} · assigned to ${name}`;
			}
			case 'reason':
				return check.includes
					? `分配原因含「${check.includes}」· reason says “${check.includes}”`
					: `分配原因不含「${check.excludes}」· reason without “${check.excludes}”`;
			case 'followUp':
				return '追问发给同一位客服，顾客只被告知一次 · follow-up to the same agent, customer told once';
			case 'lead':
				return `销售群收到线索${check.value ? ` ${check.value}` : ''} · lead sent to sales`;
			case 'survey':
				return '客服结束会话后收到满意度调查 · CSAT survey after the agent closes';
			default:
				return String(check.type);
		}
	}

	const pending = (detail) => ({ state: 'pending', detail: detail || '' });
	const pass = (detail) => ({ state: 'pass', detail: detail || '' });
	const fail = (detail) => ({ state: 'fail', detail: detail || '' });

	function handedOver(o) {
		return (
			o.deskNotes.length > 0 || o.replies.some((r) => r.kind === 'assigned' || r.kind === 'queued')
		);
	}

	/** One check against the observations: {state: pending|pass|fail, detail}. */
	function evaluateCheck(check, o, agents) {
		switch (check.type) {
			case 'reply': {
				let re;
				try {
					re = new RegExp(check.pattern);
				} catch {
					return fail(`bad pattern ${check.pattern}`);
				}
				const hit = o.replies.find((r) => re.test(r.text));
				return hit ? pass(hit.text) : pending();
			}
			case 'noHandoff': {
				if (handedOver(o))
					return fail(o.agent ? `转给了 handed to ${o.agent.name}` : '转人工了 handed to an agent');
				const answer = o.replies.find((r) => r.kind === 'reply');
				if (!answer) return pending();
				const since = o.now - (o.seen[answer.id] || answer.timestamp || o.now);
				return since >= SETTLE_MS
					? pass(answer.text)
					: pending('等待确认没有转人工 waiting a moment for a hand-over');
			}
			case 'handoff': {
				if (o.agent) return pass(`→ ${o.agent.name}`);
				if (o.queued) return pass(`排队第 ${o.queued.position} 位 · queued #${o.queued.position}`);
				return o.deskNotes.length ? pass(o.deskNotes[0].head) : pending();
			}
			case 'lane': {
				const note = o.firstNote;
				if (!note) return pending();
				const fast = note.kind === 'fast';
				return fast === (check.lane === 'fast')
					? pass(note.head.slice(0, 40))
					: fail(note.head.slice(0, 40));
			}
			case 'agent': {
				if (!o.agent) return pending(o.queued ? `排队中 queued #${o.queued.position}` : '');
				const want = agentLabel(agents, check.agent);
				return o.agent.id === check.agent || o.agent.name === want
					? pass(`→ ${o.agent.name}`)
					: fail(`→ ${o.agent.name}（${want}满了？ is ${want} full?）`);
			}
			case 'reason': {
				const note = o.firstNote;
				if (!note) return pending();
				const ok = check.includes
					? note.reason.includes(check.includes)
					: !note.reason.includes(check.excludes);
				return ok ? pass(note.reason) : fail(note.reason);
			}
			case 'followUp': {
				const told = o.replies.filter((r) => r.kind === 'assigned').length;
				if (told > 1) return fail(`顾客被告知 ${told} 次 · told ${told} times`);
				const follow = o.deskNotes.find((n) => n.kind === 'followUp');
				if (!follow) return pending();
				if (o.firstNote && follow.bot !== o.firstNote.bot)
					return fail(`${follow.bot} ≠ ${o.firstNote.bot}`);
				return pass(follow.head.slice(0, 40));
			}
			case 'lead': {
				const note = o.leadNotes.find((n) => !check.value || String(n.text).includes(check.value));
				return note ? pass(String(note.text).split('\n')[0]) : pending();
			}
			case 'survey': {
				const survey = o.replies.find((r) => r.kind === 'survey');
				return survey
					? pass(survey.text)
					: pending('在客服工作台结束会话 · close it in the agent view');
			}
			default:
				return pending(`unknown check ${check.type}`);
		}
	}

	/** The scenario's checklist: [{check, label, state, detail}]. */
	function evaluate(checks, input) {
		const o = observe(input);
		return (checks || []).map((check) =>
			Object.assign(
				{ check, label: labelOf(check, input.agents) },
				evaluateCheck(check, o, input.agents),
			),
		);
	}

	return {
		SETTLE_MS,
		textOf,
		classifyReply,
		conversationOf,
		parseDeskNote,
		observe,
		labelOf,
		evaluateCheck,
		evaluate,
	};
});
