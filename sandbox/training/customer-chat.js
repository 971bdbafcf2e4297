// The training page's customer window: pick a customer (id + nickname), write as them
// (POST /sandbox/customers/:id/messages, pushed to n8n like a real DM), and see what comes back
// as the customer sees it, with the team-chat notifications about this customer in between.
// The page (page.js) polls and calls update(); checks.js sorts out what each message is.
(function () {
	'use strict';
	const Checks = window.XhsChecks;
	const $ = (id) => document.getElementById(id);
	const q = (root, testid) => root.querySelector(`[data-testid="${testid}"]`);
	const clone = (id) => $(id).content.firstElementChild.cloneNode(true);

	const KIND_LABEL = {
		assigned: (r) => ` · 转人工 handed to ${r.agentName}`,
		queued: (r) => ` · 排队 queued #${r.position}`,
		survey: () => ' · ⭐ 满意度调查 CSAT survey',
		thanks: () => ' · 感谢评价 thanks',
		reply: () => '',
	};

	function when(ms) {
		if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
		const d = new Date(ms);
		const pad = (n) => String(n).padStart(2, '0');
		return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
	}

	/** @param {{call: Function, onOpen?: Function}} deps */
	function createCustomerChat(deps) {
		const ui = {
			form: $('customer-form'),
			id: $('customer-id'),
			nickname: $('customer-nickname'),
			newButton: $('customer-new'),
			list: $('customer-messages'),
			window: $('customer-window'),
			compose: $('customer-compose'),
			input: $('customer-input'),
			send: $('customer-send'),
			status: $('customer-send-status'),
		};
		/** {id, nickname, baselineNoteId}: lead notes count from the baseline on */
		let customer = null;
		let sig = '';
		let sending = false;

		function setStatus(kind, text) {
			ui.status.dataset.state = kind;
			ui.status.textContent = text;
		}
		function updateButtons() {
			ui.input.disabled = !customer;
			ui.send.disabled = !customer || sending || ui.input.value.trim() === '';
		}

		function open(id, nickname, baselineNoteId) {
			customer = {
				id: String(id).trim(),
				nickname: String(nickname || '').trim(),
				baselineNoteId: baselineNoteId || 0,
			};
			ui.id.value = customer.id;
			ui.nickname.value = customer.nickname;
			document.body.dataset.customerId = customer.id;
			sig = '';
			ui.list.replaceChildren();
			ui.window.textContent = '';
			setStatus('idle', '');
			updateButtons();
			if (deps.onOpen) deps.onOpen(customer);
			return customer;
		}

		async function send(text) {
			const body = String(text || '').trim();
			if (!customer || !body || sending) return undefined;
			const who = customer;
			sending = true;
			setStatus('sending', '发送中… Sending');
			updateButtons();
			try {
				const r = await deps.call(`/sandbox/customers/${encodeURIComponent(who.id)}/messages`, {
					text: body,
					nickname: who.nickname || undefined,
				});
				if (!r.ok) {
					setStatus(
						'error',
						`发送失败 Send failed: ${(r.body && r.body.error) || `HTTP ${r.status}`}`,
					);
					return undefined;
				}
				setStatus('sent', `已发送，推送给 n8n Sent and pushed to n8n (${r.body.message_id})`);
				return r.body.message_id;
			} catch (e) {
				setStatus('error', `发送失败 Send failed: ${e.message}`);
				return undefined;
			} finally {
				sending = false;
				updateButtons();
			}
		}

		function messageItem(m) {
			const li = clone('chat-message-template');
			const text = Checks.textOf(m) || `[${m.message_type || '?'}]`;
			li.dataset.source = String(m.message_source);
			li.dataset.messageId = m.message_id;
			li.classList.add(m.message_source === 1 ? 'mine' : 'theirs');
			let label = '🙋 我 me';
			if (m.message_source === 2) label = '👩‍💼 客服 agent（App 里回复 typed in the app）';
			if (m.message_source === 3) {
				const r = Checks.classifyReply(text);
				li.dataset.kind = r.kind;
				if (r.agentName) li.dataset.agent = r.agentName;
				label = `🤖 店铺消息 shop (n8n)${KIND_LABEL[r.kind](r)}`;
			}
			q(li, 'chat-message-label').textContent = `${label} · ${when(m.timestamp)}`;
			q(li, 'chat-message-text').textContent = text;
			return li;
		}

		function eventItem(kind, note, text) {
			const li = clone('chat-event-template');
			li.dataset.kind = kind;
			li.dataset.bot = note.bot;
			li.dataset.noteId = String(note.id);
			q(li, 'chat-event-text').textContent = text;
			return li;
		}

		/** @param {{conversation: object, notes: object[], agents: object[], salesBot: string}} data */
		function update(data) {
			if (!customer || !data.conversation || data.conversation.customer_user_id !== customer.id)
				return;
			const conv = data.conversation;
			const w = conv.window || {};
			ui.window.textContent = w.open
				? `回复窗口开放 window open · ${w.remaining}/${w.quota}`
				: conv.messages.length
					? '回复窗口已关闭 window closed'
					: '新顾客 new customer';
			const o = Checks.observe({
				conversationId: conv.conversation_key,
				nickname: customer.nickname,
				messages: conv.messages,
				notes: data.notes.filter(
					(n) =>
						n.id > customer.baselineNoteId ||
						Checks.conversationOf(n.text) === conv.conversation_key,
				),
				agents: data.agents,
				salesBot: data.salesBot,
			});
			const nameOf = (bot) => (data.agents.find((a) => a.bot === bot) || { name: bot }).name;
			const rows = conv.messages.map((m) => ({
				at: m.timestamp,
				key: `m${m.message_id}`,
				make: () => messageItem(m),
			}));
			for (const n of o.deskNotes) {
				const lines = `📣 团队群 team chat → ${nameOf(n.bot)}（${n.bot}）：${n.head}${n.reason ? `\n分配原因 reason：${n.reason}` : ''}`;
				rows.push({
					at: Date.parse(n.at),
					key: `n${n.id}`,
					make: () => Object.assign(eventItem('notification', n, lines), { title: n.text }),
				});
			}
			for (const n of o.leadNotes) {
				rows.push({
					at: Date.parse(n.at),
					key: `n${n.id}`,
					make: () => eventItem('lead', n, `💼 销售群 sales：${String(n.text).split('\n')[0]}`),
				});
			}
			rows.sort((a, b) => a.at - b.at);
			const next = rows.map((r) => r.key).join(',');
			if (next === sig) return;
			const atBottom =
				sig === '' || ui.list.scrollHeight - ui.list.scrollTop - ui.list.clientHeight < 60;
			sig = next;
			const items = rows.map((r) => r.make());
			if (items.length === 0) {
				const li = document.createElement('li');
				li.className = 'empty';
				li.textContent =
					'还没有消息：在下面以顾客身份写一句。No messages yet: write as the customer below.';
				items.push(li);
			}
			ui.list.replaceChildren(...items);
			if (atBottom) ui.list.scrollTop = ui.list.scrollHeight;
		}

		ui.form.addEventListener('submit', (e) => {
			e.preventDefault();
			if (ui.id.value.trim())
				open(ui.id.value, ui.nickname.value, deps.lastNoteId ? deps.lastNoteId() : 0);
		});
		ui.newButton.addEventListener('click', () => {
			open(
				`train_${Math.random().toString(36).slice(2, 8)}`,
				ui.nickname.value || '训练顾客',
				deps.lastNoteId ? deps.lastNoteId() : 0,
			);
			ui.input.focus();
		});
		ui.compose.addEventListener('submit', async (e) => {
			e.preventDefault();
			const text = ui.input.value;
			if (await send(text)) {
				if (ui.input.value === text) ui.input.value = '';
				updateButtons();
			}
		});
		ui.input.addEventListener('input', updateButtons);
		ui.input.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
				e.preventDefault();
				ui.compose.requestSubmit();
			}
		});

		return { open, send, update, current: () => customer };
	}

	window.XhsTraining = Object.assign(window.XhsTraining || {}, { createCustomerChat });
})();
