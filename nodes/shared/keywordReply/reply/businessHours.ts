import {
	calendarDay,
	checkTimeZone,
	isWithinWindows,
	localTime,
	type CalendarDay,
	type ShiftWindow,
	type WorkCalendar,
} from '../../hours';

/**
 * Business hours in the team's time zone (default Asia/Shanghai): one hour window every chosen
 * day, on the shared calendar (nodes/shared/hours): official holidays and the admin's days off
 * closed, make-up working days (调休) open as a weekday.
 */
export interface BusinessHours {
	timeZone: string;
	/** ISO weekdays 1 (Monday) … 7 (Sunday). */
	days: number[];
	/** "09:00" */
	open: string;
	/** "21:00"; earlier than open means the hours run past midnight. */
	close: string;
	/** "2026-10-01" dates (in the time zone) when the team is off. */
	holidays: string[];
	/** Working days on top ("2026-10-10"): a weekend the team works. */
	workdays?: string[];
	/** china: mainland China's official holidays and make-up working days. Default none. */
	officialCalendar?: WorkCalendar['official'];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
	timeZone: 'Asia/Shanghai',
	days: [1, 2, 3, 4, 5, 6, 7],
	open: '09:00',
	close: '21:00',
	holidays: [],
};

function minutesOf(hhmm: string): number {
	const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
	if (!m) throw new RangeError(`"${hhmm}" is not a time like 09:00`);
	return Number(m[1]) * 60 + Number(m[2]);
}

function windowsOf(hours: BusinessHours): ShiftWindow[] {
	return [
		{ days: hours.days, startMinute: minutesOf(hours.open), endMinute: minutesOf(hours.close) },
	];
}

function calendarOf(hours: BusinessHours): WorkCalendar {
	return {
		official: hours.officialCalendar ?? 'none',
		holidays: hours.holidays,
		workdays: hours.workdays ?? [],
	};
}

export function validateBusinessHours(hours: BusinessHours): void {
	minutesOf(hours.open);
	minutesOf(hours.close);
	checkTimeZone(hours.timeZone);
	for (const day of [...hours.holidays, ...(hours.workdays ?? [])]) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
			throw new RangeError(`"${day}" is not a date like 2026-10-01`);
	}
}

export function isOpen(at: Date, hours: BusinessHours): boolean {
	return isWithinWindows(windowsOf(hours), at.getTime(), hours.timeZone, calendarOf(hours));
}

/** The calendar's word on the day of `at` (an official holiday's name, the admin's list). */
export function dayOf(at: Date, hours: BusinessHours): CalendarDay {
	return calendarDay(localTime(at, hours.timeZone).date, calendarOf(hours));
}
