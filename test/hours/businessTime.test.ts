/**
 * One business-time model for the reply guard, agents' shifts and service times: luxon's
 * zones, mainland China's official calendar (chinese-days), the admin's dates on top.
 * 2026: 国庆 is 10-01 … 10-07 (Thursday to Wednesday), and Saturday 10-10 is worked (调休).
 */
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { smartReply } from '../../nodes/shared/keywordReply/smartReply';
import type { BusinessHours } from '../../nodes/shared/keywordReply/reply/businessHours';
import { onShift } from '../../nodes/shared/assignAgent/chooseAgent';
import { policyWith } from '../../nodes/shared/assignAgent/routingPolicy';
import type { Agent } from '../../nodes/shared/assignAgent/roster';
import {
	businessMs,
	calendarDay,
	isOnShift,
	localDayStart,
	parseDates,
	parseWorkingHours,
	type WorkCalendar,
} from '../../nodes/shared/hours';
import { calendarFromOptions } from '../../nodes/shared/n8n';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

const TZ = 'Asia/Shanghai';
/** An instant given as Shanghai wall-clock time. */
const sh = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
const CHINA: WorkCalendar = { official: 'china', holidays: [], workdays: [] };
const NONE: WorkCalendar = { official: 'none', holidays: [], workdays: [] };
const WEEKDAYS = parseWorkingHours('Mon-Fri 09:00-18:00');

describe('the calendar', () => {
	it('knows official holidays and make-up working days, with their names', () => {
		expect(calendarDay('2026-10-01', CHINA)).toEqual({ kind: 'holiday', reason: '国庆节' });
		expect(calendarDay('2026-10-10', CHINA)).toEqual({
			kind: 'make-up workday',
			reason: '国庆节',
		});
		expect(calendarDay('2026-12-07', CHINA)).toEqual({ kind: 'usual' });
		expect(calendarDay('2026-10-01', NONE)).toEqual({ kind: 'usual' });
	});

	it("puts the admin's dates on top, a listed working day winning over an official holiday", () => {
		const mine: WorkCalendar = {
			official: 'china',
			holidays: ['2026-12-24'],
			workdays: ['2026-10-07'],
		};
		expect(calendarDay('2026-12-24', mine).kind).toBe('holiday');
		expect(calendarDay('2026-10-07', mine).kind).toBe('make-up workday');
		expect(calendarDay('2026-10-06', mine).kind).toBe('holiday');
	});

	it('refuses a date it cannot read, naming the field', () => {
		expect(() => parseDates('2026-10-01, 10/02', 'Holidays')).toThrow(
			'Holidays: "10/02" is not a date like 2026-10-01',
		);
		expect(() => calendarFromOptions({ workdays: '2026-13-45' })).toThrow(
			expect.objectContaining({ field: 'Make-Up Working Days' }),
		);
		expect(
			calendarFromOptions({ holidayCalendar: 'china', holidays: '2026-12-24\n2026-12-25' }),
		).toEqual({ official: 'china', holidays: ['2026-12-24', '2026-12-25'], workdays: [] });
	});
});

describe("Keyword Reply's business hours", () => {
	const rules = compileRuleSet({
		rules: [
			{
				name: '发货',
				any: ['发货'],
				replies: ['今天下单明天发货哦'],
				outOfHoursReply: '客服放假啦，上班后第一时间为您处理🌙',
			},
		],
	});
	const hours = (officialCalendar: 'china' | 'none'): BusinessHours => ({
		timeZone: TZ,
		days: [1, 2, 3, 4, 5],
		open: '09:00',
		close: '18:00',
		holidays: [],
		officialCalendar,
	});
	const replyAt = async (at: number, officialCalendar: 'china' | 'none') =>
		smartReply(
			{ text: '什么时候发货', conversationId: `c-${at}`, nickname: '小雨' },
			rules,
			undefined,
			{
				matchMode: 'first',
				faqThreshold: 0.5,
				cooldownMinutes: 0,
				dailyCapPerConversation: 0,
				businessHours: hours(officialCalendar),
				scope: 'calendar-test',
			},
			new MemoryStateStore(),
			new Date(at),
		);

	it('answers out of hours on 国庆 and says why', async () => {
		const result = await replyAt(sh('2026-10-01', '10:00'), 'china');
		expect(result.reply).toBe('客服放假啦，上班后第一时间为您处理🌙');
		expect(result.businessHours).toBe('closed');
		expect(result.businessDay).toEqual({ kind: 'holiday', reason: '国庆节' });
		// Without the calendar a Thursday at 10:00 is a working morning.
		expect((await replyAt(sh('2026-10-01', '10:00'), 'none')).reply).toBe('今天下单明天发货哦');
	});

	it('opens on the 调休 Saturday as on a weekday', async () => {
		const result = await replyAt(sh('2026-10-10', '10:00'), 'china');
		expect(result.reply).toBe('今天下单明天发货哦');
		expect(result.businessDay).toEqual({ kind: 'make-up workday', reason: '国庆节' });
		expect((await replyAt(sh('2026-10-10', '10:00'), 'none')).businessHours).toBe('closed');
	});
});

describe("agents' shifts", () => {
	it('are off on official holidays and on on make-up working days', () => {
		expect(isOnShift(WEEKDAYS, sh('2026-10-02', '10:00'), TZ, CHINA)).toBe(false);
		expect(isOnShift(WEEKDAYS, sh('2026-10-10', '10:00'), TZ, CHINA)).toBe(true);
		expect(isOnShift(WEEKDAYS, sh('2026-10-10', '10:00'), TZ, NONE)).toBe(false);
		expect(isOnShift(WEEKDAYS, sh('2026-10-09', '10:00'), TZ, CHINA)).toBe(true);
	});

	it('a night shift that opened before a holiday runs to its end', () => {
		const night = parseWorkingHours('Mon-Fri 22:00-02:00');
		// Wednesday 09-30 22:00 opened the shift; 01:00 on 国庆 is still part of it.
		expect(isOnShift(night, sh('2026-10-01', '01:00'), TZ, CHINA)).toBe(true);
		// Thursday 10-01 is a holiday: its 22:00 shift does not open, so 10-02 01:00 is off.
		expect(isOnShift(night, sh('2026-10-02', '01:00'), TZ, CHINA)).toBe(false);
	});

	it("follow the routing policy's calendar: the weekday team works the 调休 Saturday too", () => {
		const agent = (id: string, hours: string): Agent => ({
			id,
			name: id,
			skills: [],
			team: '',
			level: 1,
			capacity: 5,
			weight: 1,
			contact: '',
			lanes: [],
			shift: parseWorkingHours(hours),
		});
		const team = [agent('weekday', 'Mon-Fri 09:00-18:00'), agent('weekend', 'Sat-Sun 10:00-16:00')];
		const onDuty = (calendar: WorkCalendar) =>
			team
				.filter((a) => onShift(a, policyWith({ calendar }), sh('2026-10-10', '11:00')))
				.map((a) => a.id);
		// The weekend agent keeps their own Saturday: a make-up day adds weekday hours, it takes none away.
		expect(onDuty(CHINA)).toEqual(['weekday', 'weekend']);
		expect(onDuty(NONE)).toEqual(['weekend']);
	});
});

describe('service times', () => {
	it('skip the holiday week and count the 调休 Saturday', () => {
		// Handed off Wednesday 09-30 17:00, answered Saturday 10-10 09:30 (a worked day).
		const from = sh('2026-09-30', '17:00');
		const to = sh('2026-10-10', '09:30');
		// With it: 1 h on 09-30, 9 h on each of 10-08 and 10-09, 30 min on the worked Saturday.
		expect(businessMs(from, to, WEEKDAYS, TZ, CHINA)).toBe((19 * 60 + 30) * 60_000);
		// Without the calendar: 1 h on 09-30, 9 h on each of 10-01, 02, 05, 06, 07, 08, 09.
		expect(businessMs(from, to, WEEKDAYS, TZ, NONE)).toBe((1 + 9 * 7) * 3_600_000);
	});
});

describe('local days', () => {
	it('start at the first real minute where midnight does not exist', () => {
		// Santiago moves from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 (-03:00).
		const start = localDayStart(Date.parse('2026-09-06T15:00:00Z'), 'America/Santiago');
		expect(new Date(start).toISOString()).toBe('2026-09-06T04:00:00.000Z');
		const next = localDayStart(Date.parse('2026-09-05T15:00:00Z'), 'America/Santiago', 1);
		expect(next).toBe(start);
		expect(new Date(localDayStart(sh('2026-10-01', '10:00'), TZ)).toISOString()).toBe(
			'2026-09-30T16:00:00.000Z',
		);
	});
});
