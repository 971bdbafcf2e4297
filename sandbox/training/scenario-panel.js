// The training page's scenarios (GET /sandbox/scenarios, defined in sandbox/scenarios.js) and
// the checklist of the one running. Start opens a fresh customer (the scenario's id plus a
// random suffix, so a rerun is a new customer with no sticky agent), sends the opening lines as
// that customer, and from then on each poll ticks what has been observed (checks.js).
(function () {
	'use strict';
	const Checks = window.XhsChecks;
	const $ = (id) => document.getElementById(id);
	const q = (root, testid) => root.querySelector(`[data-testid="${testid}"]`);
	const clone = (id) => $(id).content.firstElementChild.cloneNode(true);
	/** between a scenario's opening lines, so the second arrives after the first was handled */
	const GAP_MS = 2500;
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

	/** @param {{call: Function, chat: object, lastNoteId: () => number}} deps */
	function createScenarioPanel(deps) {
		const ui = {
			list: $('scenario-list'),
			count: $('scenario-count'),
			pane: $('checklist-pane'),
			goal: $('scenario-goal'),
			checklist: $('checklist'),
			score: $('checklist-score'),
		};
		const data = { agents: [], salesBot: 'sales', scenarios: [] };
		/** {scenario, customerId, token} of the running scenario */
		let active = null;
		let token = 0;

		async function load() {
			const r = await deps.call('/sandbox/scenarios');
			if (!r.ok || !r.body || !Array.isArray(r.body.scenarios))
				throw new Error(`GET /sandbox/scenarios → ${r.status}`);
			Object.assign(data, r.body);
			ui.count.textContent = String(data.scenarios.length);
			ui.list.replaceChildren(...data.scenarios.map(item));
			return data;
		}

		function item(s) {
			const li = clone('scenario-template');
			li.dataset.scenarioId = s.id;
			q(li, 'scenario-title').textContent = s.title.zh;
			q(li, 'scenario-title-en').textContent = s.title.en;
			q(li, 'scenario-opening').textContent = s.messages.join(' ／ ');
			const button = q(li, 'scenario-start');
			button.dataset.scenarioId = s.id;
			button.addEventListener('click', () => start(s.id));
			return li;
		}

		function markRunning() {
			for (const li of ui.list.children)
				li.dataset.state =
					active && li.dataset.scenarioId === active.scenario.id ? 'running' : 'idle';
		}

		async function start(id) {
			const scenario = data.scenarios.find((s) => s.id === id);
			if (!scenario) return undefined;
			const mine = ++token;
			const customerId = `${scenario.customer.id}_${Math.random().toString(36).slice(2, 6)}`;
			active = { scenario, customerId, token: mine };
			deps.chat.open(customerId, scenario.customer.nickname, deps.lastNoteId());
			renderChecklist();
			markRunning();
			for (let i = 0; i < scenario.messages.length; i++) {
				if (i > 0) await sleep(GAP_MS);
				if (token !== mine) return customerId; // another scenario started meanwhile
				await deps.chat.send(scenario.messages[i]);
			}
			return customerId;
		}

		/** The chat opened another customer by hand: the scenario is over. */
		function customerOpened(customer) {
			if (active && customer.id !== active.customerId) {
				active = null;
				token++;
				renderChecklist();
				markRunning();
			}
		}

		function renderChecklist() {
			if (!active) {
				ui.pane.dataset.scenarioId = '';
				ui.goal.className = 'empty';
				ui.goal.textContent = '点一个场景的“开始”。Press Start on a scenario.';
				ui.checklist.replaceChildren();
				ui.score.textContent = '';
				return;
			}
			const s = active.scenario;
			ui.pane.dataset.scenarioId = s.id;
			ui.pane.dataset.customerId = active.customerId;
			ui.goal.className = '';
			ui.goal.textContent = `${s.title.zh} · ${s.title.en}\n${s.goal.zh}\n${s.goal.en}`;
			ui.goal.style.whiteSpace = 'pre-line';
			ui.checklist.replaceChildren(
				...s.checks.map((check) => {
					const li = clone('check-template');
					li.dataset.checkType = check.type;
					q(li, 'check-label').textContent = Checks.labelOf(check, data.agents);
					return li;
				}),
			);
			ui.score.textContent = `0/${s.checks.length}`;
		}

		/** @param {{conversation: object, notes: object[], seen: object, now: number}} input */
		function update(input) {
			if (
				!active ||
				!input.conversation ||
				input.conversation.customer_user_id !== active.customerId
			)
				return;
			const customer = deps.chat.current();
			const results = Checks.evaluate(active.scenario.checks, {
				conversationId: input.conversation.conversation_key,
				nickname: active.scenario.customer.nickname,
				messages: input.conversation.messages,
				notes: input.notes.filter(
					(n) =>
						n.id > (customer ? customer.baselineNoteId : 0) ||
						Checks.conversationOf(n.text) === input.conversation.conversation_key,
				),
				agents: data.agents,
				salesBot: data.salesBot,
				seen: input.seen,
				now: input.now,
			});
			results.forEach((r, i) => {
				const li = ui.checklist.children[i];
				if (!li) return;
				li.dataset.state = r.state;
				q(li, 'check-detail').textContent = r.detail;
			});
			ui.score.textContent = `${results.filter((r) => r.state === 'pass').length}/${results.length}`;
		}

		return { load, start, update, customerOpened, data, active: () => active };
	}

	window.XhsTraining = Object.assign(window.XhsTraining || {}, { createScenarioPanel });
})();
