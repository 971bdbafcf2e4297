import { calendarDay, NO_CALENDAR, type WorkCalendar } from './calendar';
import { DAY_MS, dateOfDay, localParts, zoneOffsetMs } from './clock';

/**
 * Hour windows: a shop's opening hours, an agent's shift, the hours service times count in.
 * Admins type them in a roster cell or a field: "Mon-Fri 09:00-18:00",
 * "周一至周五 9:00-18:00; 周六 10:00-16:00", or just "09:00-21:00" (every day). A window whose end
 * is earlier than its start runs past midnight (a night shift).
 */
export interface ShiftWindow {
	/** ISO weekdays 1 (Monday) … 7 (Sunday) on which the window starts. */
	days: number[];
	startMinute: number;
	endMinute: number;
}

const DAY_NAMES: Record<string, number> = {
	mon: 1,
	tue: 2,
	wed: 3,
	thu: 4,
	fri: 5,
	sat: 6,
	sun: 7,
	周一: 1,
	周二: 2,
	周三: 3,
	周四: 4,
	周五: 5,
	周六: 6,
	周日: 7,
	周天: 7,
	星期一: 1,
	星期二: 2,
	星期三: 3,
	星期四: 4,
	星期五: 5,
	星期六: 6,
	星期日: 7,
	星期天: 7,
};
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

function dayOf(name: string, text: string): number {
	const key = name.trim().toLowerCase();
	// "Monday" and "Mon" alike; Chinese names are looked up whole.
	const day = DAY_NAMES[key] ?? DAY_NAMES[key.slice(0, 3)];
	if (!day)
		throw new RangeError(
			`"${name.trim()}" in working hours "${text}" is not a weekday (Mon … Sun, 周一 … 周日)`,
		);
	return day;
}

function minuteOf(hhmm: string, text: string): number {
	const m = /^(\d{1,2})[:：](\d{2})$/.exec(hhmm.trim());
	if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) {
		throw new RangeError(`"${hhmm.trim()}" in working hours "${text}" is not a time like 09:00`);
	}
	return Number(m[1]) * 60 + Number(m[2]);
}

function daysOf(spec: string, text: string): number[] {
	if (!spec.trim()) return ALL_DAYS;
	const days = new Set<number>();
	for (const part of spec
		.split(/[,，、]/)
		.map((p) => p.trim())
		.filter(Boolean)) {
		const range = part.split(/\s*(?:-|~|至|到)\s*/);
		if (range.length === 2) {
			const from = dayOf(range[0], text);
			const to = dayOf(range[1], text);
			for (let d = from; ; d = (d % 7) + 1) {
				days.add(d);
				if (d === to) break;
			}
		} else {
			days.add(dayOf(part, text));
		}
	}
	return [...days].sort();
}

export function parseWorkingHours(text: string): ShiftWindow[] {
	const windows: ShiftWindow[] = [];
	for (const piece of text
		.split(/[;；\n]/)
		.map((p) => p.trim())
		.filter(Boolean)) {
		const m = /^(.*?)\s*(\d{1,2}[:：]\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}[:：]\d{2})$/.exec(piece);
		if (!m) throw new RangeError(`working hours "${piece}" should look like "Mon-Fri 09:00-18:00"`);
		windows.push({
			days: daysOf(m[1], piece),
			startMinute: minuteOf(m[2], piece),
			endMinute: minuteOf(m[3], piece),
		});
	}
	return windows;
}

/**
 * The weekdays whose windows open on a local date: none on a day off. A make-up working day
 * (调休, or a weekend the admin listed) also opens the windows of the first weekday, Monday to
 * Friday, that has hours: a worked Saturday is a normal working day for the weekday team, and
 * whoever works Saturdays anyway keeps their Saturday.
 */
function openingWeekdays(
	windows: readonly ShiftWindow[],
	date: string,
	weekday: number,
	calendar: WorkCalendar,
): number[] {
	const day = calendarDay(date, calendar);
	if (day.kind === 'holiday') return [];
	if (day.kind === 'usual' || weekday <= 5) return [weekday];
	for (let d = 1; d <= 5; d++) if (windows.some((w) => w.days.includes(d))) return [weekday, d];
	return [weekday];
}

const opensOn = (w: ShiftWindow, weekdays: readonly number[]) =>
	weekdays.some((d) => w.days.includes(d));

/**
 * Whether a minute of a local day falls in one of the windows, given which weekdays' windows
 * opened today and yesterday. A window with equal start and end lasts all day; the
 * early-morning part of a night window belongs to the day it opened.
 */
function inWindowsOn(
	windows: readonly ShiftWindow[],
	today: readonly number[],
	yesterday: readonly number[],
	minutes: number,
): boolean {
	return windows.some((w) => {
		const opensToday = opensOn(w, today);
		if (w.startMinute === w.endMinute) return opensToday;
		if (w.startMinute < w.endMinute)
			return opensToday && minutes >= w.startMinute && minutes < w.endMinute;
		return (
			(opensToday && minutes >= w.startMinute) || (opensOn(w, yesterday) && minutes < w.endMinute)
		);
	});
}

/** Whether the instant is inside the windows, on the calendar's days. */
export function isWithinWindows(
	windows: readonly ShiftWindow[],
	atMs: number,
	timeZone: string,
	calendar: WorkCalendar = NO_CALENDAR,
): boolean {
	const now = localParts(atMs, timeZone);
	const before = localParts(atMs - DAY_MS, timeZone);
	return inWindowsOn(
		windows,
		openingWeekdays(windows, now.date, now.weekday, calendar),
		openingWeekdays(windows, before.date, before.weekday, calendar),
		now.minutes,
	);
}

/** No windows: always on shift (whatever the calendar says: hours are what make days matter). */
export function isOnShift(
	windows: ShiftWindow[] | undefined,
	nowMs: number,
	timeZone: string,
	calendar: WorkCalendar = NO_CALENDAR,
): boolean {
	if (!windows || windows.length === 0) return true;
	return isWithinWindows(windows, nowMs, timeZone, calendar);
}

/** The business-hour intervals (UTC ms, merged) that overlap [fromMs, toMs). */
function openIntervals(
	fromMs: number,
	toMs: number,
	windows: ShiftWindow[],
	timeZone: string,
	calendar: WorkCalendar,
): Array<[number, number]> {
	const intervals: Array<[number, number]> = [];
	// One day earlier: a night window opened yesterday may still be open at fromMs.
	const firstDay = Math.floor((fromMs + zoneOffsetMs(fromMs, timeZone)) / DAY_MS) - 1;
	const lastDay = Math.floor((toMs + zoneOffsetMs(toMs, timeZone)) / DAY_MS);
	for (let day = firstDay; day <= lastDay; day++) {
		const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
		const localStart = day * DAY_MS;
		const opening = openingWeekdays(windows, dateOfDay(day), weekday, calendar);
		if (opening.length === 0) continue;
		const offset = zoneOffsetMs(
			localStart - zoneOffsetMs(localStart, timeZone) + DAY_MS / 2,
			timeZone,
		);
		for (const w of windows) {
			if (!opensOn(w, opening)) continue;
			const start = localStart + w.startMinute * 60_000 - offset;
			const length =
				w.endMinute > w.startMinute
					? w.endMinute - w.startMinute
					: w.endMinute + 1440 - w.startMinute;
			const end = start + length * 60_000;
			if (end > fromMs && start < toMs)
				intervals.push([Math.max(start, fromMs), Math.min(end, toMs)]);
		}
	}
	intervals.sort((a, b) => a[0] - b[0]);
	const merged: Array<[number, number]> = [];
	for (const interval of intervals) {
		const last = merged[merged.length - 1];
		if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
		else merged.push([...interval]);
	}
	return merged;
}

/** Milliseconds of [fromMs, toMs) inside the windows on working days; all of it without windows. */
export function businessMs(
	fromMs: number,
	toMs: number,
	windows: ShiftWindow[] | undefined,
	timeZone: string,
	calendar: WorkCalendar = NO_CALENDAR,
): number {
	if (!(toMs > fromMs)) return 0;
	if (!windows || windows.length === 0) return toMs - fromMs;
	// Beyond a year the figure means nothing for service times; cap the walk.
	const cappedFrom = Math.max(fromMs, toMs - 366 * DAY_MS);
	return openIntervals(cappedFrom, toMs, windows, timeZone, calendar).reduce(
		(sum, [a, b]) => sum + (b - a),
		0,
	);
}
