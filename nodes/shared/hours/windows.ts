import { DAY_MS, localTime, zoneOffsetMs } from './clock';

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

/** Local weekday and minute, computed once per minute and time zone (Intl is slow per call). */
const clockCache = new Map<string, { minuteKey: number; weekday: number; minutes: number }>();

function localClock(nowMs: number, timeZone: string): { weekday: number; minutes: number } {
	const minuteKey = Math.floor(nowMs / 60_000);
	const cached = clockCache.get(timeZone);
	if (cached && cached.minuteKey === minuteKey) return cached;
	const local = localTime(new Date(minuteKey * 60_000), timeZone);
	const entry = { minuteKey, weekday: local.weekday, minutes: local.minutes };
	clockCache.set(timeZone, entry);
	return entry;
}

/**
 * Whether a local weekday and minute fall in one of the windows. A window with equal start
 * and end lasts all day; the early-morning part of a night window belongs to the day it opened.
 */
export function inWindows(windows: ShiftWindow[], weekday: number, minutes: number): boolean {
	const yesterday = weekday === 1 ? 7 : weekday - 1;
	return windows.some((w) => {
		if (w.startMinute === w.endMinute) return w.days.includes(weekday);
		if (w.startMinute < w.endMinute)
			return w.days.includes(weekday) && minutes >= w.startMinute && minutes < w.endMinute;
		return (
			(w.days.includes(weekday) && minutes >= w.startMinute) ||
			(w.days.includes(yesterday) && minutes < w.endMinute)
		);
	});
}

/** No windows: always on shift. */
export function isOnShift(
	windows: ShiftWindow[] | undefined,
	nowMs: number,
	timeZone: string,
): boolean {
	if (!windows || windows.length === 0) return true;
	const { weekday, minutes } = localClock(nowMs, timeZone);
	return inWindows(windows, weekday, minutes);
}

/** The business-hour intervals (UTC ms, merged) that overlap [fromMs, toMs). */
function openIntervals(
	fromMs: number,
	toMs: number,
	windows: ShiftWindow[],
	timeZone: string,
): Array<[number, number]> {
	const intervals: Array<[number, number]> = [];
	// One day earlier: a night window opened yesterday may still be open at fromMs.
	const firstDay = Math.floor((fromMs + zoneOffsetMs(fromMs, timeZone)) / DAY_MS) - 1;
	const lastDay = Math.floor((toMs + zoneOffsetMs(toMs, timeZone)) / DAY_MS);
	for (let day = firstDay; day <= lastDay; day++) {
		const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
		const localStart = day * DAY_MS;
		const offset = zoneOffsetMs(
			localStart - zoneOffsetMs(localStart, timeZone) + DAY_MS / 2,
			timeZone,
		);
		for (const w of windows) {
			if (!w.days.includes(weekday)) continue;
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

/** Milliseconds of [fromMs, toMs) inside the windows; all of it when no windows are set. */
export function businessMs(
	fromMs: number,
	toMs: number,
	windows: ShiftWindow[] | undefined,
	timeZone: string,
): number {
	if (!(toMs > fromMs)) return 0;
	if (!windows || windows.length === 0) return toMs - fromMs;
	// Beyond a year the figure means nothing for service times; cap the walk.
	const cappedFrom = Math.max(fromMs, toMs - 366 * DAY_MS);
	return openIntervals(cappedFrom, toMs, windows, timeZone).reduce(
		(sum, [a, b]) => sum + (b - a),
		0,
	);
}
