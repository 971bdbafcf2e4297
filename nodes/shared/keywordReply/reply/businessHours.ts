/**
 * Business hours in the team's time zone (default Asia/Shanghai), with holidays as dates.
 * Uses the Intl time-zone data built into Node, so no date library is needed at runtime.
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

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			weekday: 'short',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

export function localTime(at: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
	const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		weekday: WEEKDAYS[parts.weekday],
		minutes: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

function minutesOf(hhmm: string): number {
	const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
	if (!m) throw new RangeError(`"${hhmm}" is not a time like 09:00`);
	return Number(m[1]) * 60 + Number(m[2]);
}

export function validateBusinessHours(hours: BusinessHours): void {
	minutesOf(hours.open);
	minutesOf(hours.close);
	formatter(hours.timeZone);
	for (const day of hours.holidays) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`holiday "${day}" is not a date like 2026-10-01`);
	}
}

export function isOpen(at: Date, hours: BusinessHours): boolean {
	const local = localTime(at, hours.timeZone);
	if (hours.holidays.includes(local.date)) return false;
	const open = minutesOf(hours.open);
	const close = minutesOf(hours.close);
	if (open === close) return hours.days.includes(local.weekday);
	if (open < close) return hours.days.includes(local.weekday) && local.minutes >= open && local.minutes < close;
	// Past midnight: the early-morning part belongs to the previous day's opening.
	if (local.minutes >= open) return hours.days.includes(local.weekday);
	const previousDay = local.weekday === 1 ? 7 : local.weekday - 1;
	return local.minutes < close && hours.days.includes(previousDay);
}
