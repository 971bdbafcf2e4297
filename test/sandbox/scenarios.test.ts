import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skillsFor } from '../../nodes/XiaohongshuAssignAgent/helpers/assignRequest';
import { extractLeads } from '../../nodes/shared/crmSync/leads';
import {
	compileKnowledgeBase,
	dmOutcome,
	type DmOutcome,
} from '../../nodes/shared/knowledgeBase/knowledgeBase';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { repliesOf, rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { listOf } from '../../nodes/shared/listOf';
import { policyWith, type LaneName } from '../../nodes/shared/assignAgent/routingPolicy';

/**
 * The training scenarios (sandbox/scenarios.js) against the shipped pipeline: every check a
 * scenario shows must be what workflows/service-desk.json does with its opening lines, decided
 * by the same code the Keyword Reply and Assign Agent nodes run, with the template's own rules,
 * FAQ, roster and skill map. A rule change that breaks a promise fails here, not in front of a
 * trainee.
 */
const seed = require('../../scripts/lib/knowledgeSeed');
const { SCENARIOS, templateAgents } = require('../../sandbox/scenarios');

interface Check {
	type: string;
	pattern?: string;
	lane?: 'fast' | 'normal';
	agent?: string;
	includes?: string;
	excludes?: string;
	value?: string;
}
interface Scenario {
	id: string;
	messages: string[];
	checks: Check[];
}

const template = JSON.parse(
	readFileSync(join(__dirname, '..', '..', 'workflows', 'service-desk.json'), 'utf8'),
);
const assignNode = template.nodes.find((n: { type: string }) =>
	n.type.endsWith('.xiaohongshuAssignAgent'),
);
const skillMap: Record<string, string> = {};
for (const pair of listOf(assignNode.parameters.policy.skillMap)) {
	const [tag, skill] = pair.split('=').map((s: string) => s.trim());
	skillMap[tag] = skill;
}
const policy = policyWith({ skillMap });
const agents = (templateAgents() as Array<{ id: string; skills: string; lanes: string }>).map(
	(a) => ({ ...a, skillList: listOf(a.skills), laneList: listOf(a.lanes) }),
);
const rosterSkills = new Set(agents.flatMap((a) => a.skillList));

const kb = compileKnowledgeBase(
	{
		rules: rulesFromJson(seed.ruleRows()),
		faq: faqFromRows(seed.faqRows()),
		protectedTerms: listOf(seed.productNames()),
	},
	0.5,
);
const ruleReplies = new Map<string, string[]>(
	seed.ruleRows().map((r: { name: string; replies: string }) => [r.name, repliesOf(r.replies)]),
);
const faqAnswers = new Map<string, string>(
	seed.faqRows().map((f: { name: string; answer: string }) => [f.name, f.answer]),
);

/** What the customer can be sent for a DM: every variant of the deciding rule's reply, or the FAQ answer. */
function replyTexts(o: DmOutcome): string[] {
	if (o.route === 'noMatch') return [];
	if (o.replyingRules.length) return ruleReplies.get(o.replyingRules[0]) ?? [];
	return o.faq ? [faqAnswers.get(o.faq) ?? ''] : [];
}

/** Assign Agent's lane "auto" (helpers/assignRequest.ts laneFor) for a DM the keyword node hands over. */
function laneOf(o: DmOutcome): LaneName {
	if (o.tags.some((t) => policy.lanes.complaint.tags.includes(t))) return 'complaint';
	if (o.route === 'urgent' || o.tags.some((t) => policy.lanes.urgent.tags.includes(t)))
		return 'urgent';
	return 'normal';
}

const requiredSkills = (o: DmOutcome) =>
	skillsFor(o.tags, policy).filter((s) => rosterSkills.has(s));

/** The agents the desk tries first: those with the required skills, else the lane's own team; [] = anyone. */
function firstChoice(o: DmOutcome): string[] {
	const skills = requiredSkills(o);
	if (skills.length)
		return agents.filter((a) => skills.every((s) => a.skillList.includes(s))).map((a) => a.id);
	const lane = laneOf(o);
	return lane === 'normal' ? [] : agents.filter((a) => a.laneList.includes(lane)).map((a) => a.id);
}

describe.each((SCENARIOS as Scenario[]).map((s) => [s.id, s] as const))(
	'training scenario %s',
	(_id, scenario) => {
		const outcomes = scenario.messages.map((text) => dmOutcome(text, kb));
		const first = outcomes[0];
		const handedOver = first.route !== 'matched';
		const has = (type: string) => scenario.checks.some((c) => c.type === type);
		// handoff, noHandoff and survey are checked together in the first test (each is only right
		// in relation to the others); every other check is a test of its own that asserts.
		const handOverChecks = new Set(['handoff', 'noHandoff', 'survey']);
		const ownChecks = scenario.checks.filter((c) => !handOverChecks.has(c.type));

		it('handoff, noHandoff and survey: a hand-over promised exactly when the pipeline hands over, and the survey only then', () => {
			expect(has('handoff')).toBe(handedOver);
			expect(has('noHandoff')).toBe(!handedOver);
			expect(has('survey')).toBe(handedOver);
			if (has('noHandoff'))
				expect(outcomes.map((o) => o.route)).toEqual(scenario.messages.map(() => 'matched'));
		});

		// it.each rejects an empty table: a scenario with only hand-over checks has just the test above.
		if (ownChecks.length === 0) return;
		it.each(ownChecks.map((c) => [c.type, c] as const))(
			'%s holds under the template',
			(_type, check) => {
				switch (check.type) {
					case 'reply': {
						const texts = replyTexts(first);
						expect(texts.length).toBeGreaterThan(0);
						for (const t of texts) expect(t).toMatch(new RegExp(check.pattern as string));
						break;
					}
					case 'lane':
						expect(handedOver).toBe(true);
						expect(laneOf(first) === 'normal' ? 'normal' : 'fast').toBe(check.lane);
						break;
					case 'agent':
						expect(firstChoice(first)).toEqual([check.agent]);
						break;
					case 'reason': {
						const skillText = requiredSkills(first).length
							? `skill ${requiredSkills(first).join(' + ')}`
							: '';
						if (check.includes) expect(skillText).toContain(check.includes);
						if (check.excludes) expect(skillText).not.toContain(check.excludes);
						break;
					}
					case 'followUp':
						expect(scenario.messages.length).toBeGreaterThan(1);
						expect(outcomes.every((o) => o.route !== 'matched')).toBe(true);
						break;
					case 'lead': {
						const leads = scenario.messages.map((t) => extractLeads(t));
						expect(leads.flatMap((l) => [...l.phones, ...l.wechatIds])).toContain(check.value);
						break;
					}
					default:
						throw new Error(`unknown check type ${check.type}`);
				}
			},
		);
	},
);
