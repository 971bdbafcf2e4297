import { inWindows, localTime } from '../../hours';

/**
 * Business hours in the team's time zone (default Asia/Shanghai), with holidays as dates: one
 * hour window (nodes/shared/hours) every chosen day, off on holidays.
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

export function validateBusinessHours(hours: BusinessHours): void {
	minutesOf(hours.open);
	minutesOf(hours.close);
	localTime(new Date(0), hours.timeZone); // throws a RangeError for an unknown time zone
	for (const day of hours.holidays) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
			throw new RangeError(`holiday "${day}" is not a date like 2026-10-01`);
	}
}

export function isOpen(at: Date, hours: BusinessHours): boolean {
	const local = localTime(at, hours.timeZone);
	if (hours.holidays.includes(local.date)) return false;
	return inWindows(
		[{ days: hours.days, startMinute: minutesOf(hours.open), endMinute: minutesOf(hours.close) }],
		local.weekday,
		local.minutes,
	);
}
