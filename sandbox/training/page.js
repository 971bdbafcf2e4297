// The training page's wiring: one poll loop (the open customer's conversation and the team
// chat), the agent view beside it following the open customer, and the desk URL status (closing
// a conversation needs n8n's address: POST /sandbox/desk-url).
(function () {
	'use strict';
	const POLL_MS = 1000;
	const DESK_EVERY = 5;
	const $ = (id) => document.getElementById(id);

	async function call(path, body) {
		const init =
			body === undefined
				? { cache: 'no-store' }
				: {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify(body),
					};
		const res = await fetch(path, init);
		let json = null;
		try {
			json = await res.json();
		} catch {
			json = null;
		}
		return { ok: res.ok, status: res.status, body: json };
	}

	const state = { notes: [], lastNoteId: 0, seen: {}, ticks: 0 };
	const lastNoteId = () => state.lastNoteId;
	let panel = null;

	function showAgent(customerId) {
		const hash = `#customer=${encodeURIComponent(customerId)}`;
		$('agent-frame').src = `/sandbox/agent?embed=1${hash}`;
		$('agent-link').href = `/sandbox/agent${hash}`;
	}

	const chat = window.XhsTraining.createCustomerChat({
		call,
		lastNoteId,
		onOpen(customer) {
			showAgent(customer.id);
			if (panel) panel.customerOpened(customer);
			const hash = `#customer=${encodeURIComponent(customer.id)}&nickname=${encodeURIComponent(customer.nickname)}`;
			if (location.hash !== hash) history.replaceState(null, '', hash);
		},
	});
	panel = window.XhsTraining.createScenarioPanel({ call, chat, lastNoteId });

	function setConnection(up) {
		const el = $('connection');
		el.dataset.state = up ? 'up' : 'down';
		el.textContent = up ? '● 已连接 live' : '● 沙盒无响应 sandbox unreachable';
	}

	async function refreshDesk() {
		const r = await call('/sandbox/desk-url');
		const el = $('desk-status');
		const url = r.ok && r.body ? r.body.url : null;
		el.dataset.configured = String(!!url);
		el.textContent = url
			? `结束会话经由 closes via n8n ${url}`
			: '未配置 n8n 地址，无法结束会话 no desk URL: POST /sandbox/desk-url';
	}

	async function refreshNotes() {
		const r = await call('/sandbox/bot');
		if (!r.ok || !Array.isArray(r.body)) throw new Error(`GET /sandbox/bot → ${r.status}`);
		state.notes = r.body;
		state.lastNoteId = r.body.reduce((max, n) => Math.max(max, n.id), 0);
	}

	async function tick() {
		try {
			if (state.ticks++ % DESK_EVERY === 0) await refreshDesk();
			const customer = chat.current();
			const [, conv] = await Promise.all([
				refreshNotes(),
				customer ? call(`/sandbox/customers/${encodeURIComponent(customer.id)}/messages`) : null,
			]);
			if (conv && conv.ok && conv.body && Array.isArray(conv.body.messages)) {
				const now = Date.now();
				for (const m of conv.body.messages)
					state.seen[m.message_id] = state.seen[m.message_id] || now;
				const input = {
					conversation: conv.body,
					notes: state.notes,
					agents: panel.data.agents,
					salesBot: panel.data.salesBot,
					seen: state.seen,
					now,
				};
				chat.update(input);
				panel.update(input);
			}
			setConnection(true);
		} catch {
			setConnection(false);
		} finally {
			setTimeout(tick, POLL_MS);
		}
	}

	async function boot() {
		try {
			await refreshNotes();
			await panel.load();
		} catch {
			setConnection(false);
		}
		const fromHash = new URLSearchParams(location.hash.slice(1));
		if (fromHash.get('customer'))
			chat.open(fromHash.get('customer'), fromHash.get('nickname') || '', state.lastNoteId);
		else chat.open(`train_${Math.random().toString(36).slice(2, 8)}`, '训练顾客', state.lastNoteId);
		document.body.dataset.ready = 'true';
		tick();
	}

	boot();
})();
