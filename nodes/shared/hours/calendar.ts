import { getDayDetail } from '../vendor/chineseDays';

/**
 * Which local days are days off and which weekends are worked: one calendar for Keyword
 * Reply's business hours, agents' shifts and service times. The official calendar is mainland
 * China's (国务院放假安排, from chinese-days); what the admin enters goes on top of it.
 */
export interface WorkCalendar {
	/** china: official holidays are off, make-up working days (调休) are worked. */
	official: 'none' | 'china';
	/** Extra days off ("2026-12-24"), in the time zone of the hours. */
	holidays: readonly string[];
	/** Extra working days: a weekend the team works as on a weekday. */
	workdays: readonly string[];
}

export const NO_CALENDAR: WorkCalendar = { official: 'none', holidays: [], workdays: [] };

/**
 * holiday: closed all day. make-up workday: open as on a regular weekday, whatever day of the
 * week it is. usual: the weekday's own hours.
 */
export interface CalendarDay {
	kind: 'holiday' | 'make-up workday' | 'usual';
	/** Why, for explanations: the admin's list, or the official holiday's name (国庆节). */
	reason?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Shared: a report asks for thousands of days, almost all of them usual. */
const USUAL: CalendarDay = Object.freeze({ kind: 'usual' });
const officialDays = new Map<string, CalendarDay>();

/** A chinese-days name is "National Day,国庆节,3" for holidays and their 调休, "Monday" otherwise. */
function officialDay(date: string): CalendarDay {
	let day = officialDays.get(date);
	if (!day) {
		const detail = getDayDetail(date);
		const [, chinese] = detail.name.split(',');
		if (chinese === undefined) day = USUAL;
		else day = { kind: detail.work ? 'make-up workday' : 'holiday', reason: chinese };
		if (officialDays.size > 5_000) officialDays.clear();
		officialDays.set(date, day);
	}
	return day;
}

/** What a local date ("2026-10-01") is in the calendar; the admin's lists win over the official one. */
export function calendarDay(date: string, calendar: WorkCalendar = NO_CALENDAR): CalendarDay {
	if (calendar.workdays.includes(date)) return { kind: 'make-up workday', reason: 'working day' };
	if (calendar.holidays.includes(date)) return { kind: 'holiday', reason: 'holiday' };
	return calendar.official === 'china' ? officialDay(date) : USUAL;
}

/** Dates typed by an admin, checked: "2026-10-01, 2026-10-02" or one per line. */
export function parseDates(text: string, field: string): string[] {
	const dates = text
		.split(/[\s,，;；、]+/)
		.map((d) => d.trim())
		.filter(Boolean);
	for (const date of dates) {
		if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
			throw new RangeError(`${field}: "${date}" is not a date like 2026-10-01`);
	}
	return dates;
}
