import type { ShiftWindow } from '../assignAgent/workingHours';

/**
 * Elapsed time counted only inside business hours: a DM at 23:00 answered at 09:05 the next
 * morning waited five business minutes, not ten hours. Windows are the same "周一至周五
 * 9:00-18:00" shapes the roster uses; night windows run past midnight.
 */
const DAY_MS = 86_400_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** Milliseconds the zone's wall clock is ahead of UTC at `atMs` (cached per zone and hour). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
	const hourKey = `${timeZone}|${Math.floor(atMs / 3_600_000)}`;
	const cached = offsetCache.get(hourKey);
	if (cached !== undefined) return cached;
	let f = offsetFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		offsetFormatters.set(timeZone, f);
	}
	const p = Object.fromEntries(f.formatToParts(new Date(atMs)).map((part) => [part.type, Number(part.value)]));
	const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	const offset = wall - Math.floor(atMs / 1000) * 1000;
	if (offsetCache.size > 10_000) offsetCache.clear();
	offsetCache.set(hourKey, offset);
	return offset;
}

/** Local calendar facts of an instant: hour of day, ISO weekday and the day's date string. */
export function localParts(atMs: number, timeZone: string): { hour: number; weekday: number; date: string } {
	const local = atMs + zoneOffsetMs(atMs, timeZone);
	const day = Math.floor(local / DAY_MS);
	return {
		hour: Math.floor((local - day * DAY_MS) / 3_600_000),
		weekday: ((day + 3) % 7 + 7) % 7 + 1,
		date: new Date(day * DAY_MS).toISOString().slice(0, 10),
	};
}

/** Start (epoch ms) of the local day that contains `atMs`, shifted by `days`. */
export function localDayStart(atMs: number, timeZone: string, days = 0): number {
	const day = Math.floor((atMs + zoneOffsetMs(atMs, timeZone)) / DAY_MS) + days;
	const guess = day * DAY_MS;
	return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}

/** The business-hour intervals (UTC ms, merged) that overlap [fromMs, toMs). */
function openIntervals(fromMs: number, toMs: number, windows: ShiftWindow[], timeZone: string): Array<[number, number]> {
	const intervals: Array<[number, number]> = [];
	// One day earlier: a night window opened yesterday may still be open at fromMs.
	const firstDay = Math.floor((fromMs + zoneOffsetMs(fromMs, timeZone)) / DAY_MS) - 1;
	const lastDay = Math.floor((toMs + zoneOffsetMs(toMs, timeZone)) / DAY_MS);
	for (let day = firstDay; day <= lastDay; day++) {
		const weekday = ((day + 3) % 7 + 7) % 7 + 1;
		const localStart = day * DAY_MS;
		const offset = zoneOffsetMs(localStart - zoneOffsetMs(localStart, timeZone) + DAY_MS / 2, timeZone);
		for (const w of windows) {
			if (!w.days.includes(weekday)) continue;
			const start = localStart + w.startMinute * 60_000 - offset;
			const length = w.endMinute > w.startMinute ? w.endMinute - w.startMinute : w.endMinute + 1440 - w.startMinute;
			const end = start + length * 60_000;
			if (end > fromMs && start < toMs) intervals.push([Math.max(start, fromMs), Math.min(end, toMs)]);
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
export function businessMs(fromMs: number, toMs: number, windows: ShiftWindow[] | undefined, timeZone: string): number {
	if (!(toMs > fromMs)) return 0;
	if (!windows || windows.length === 0) return toMs - fromMs;
	// Beyond a year the figure means nothing for service times; cap the walk.
	const cappedFrom = Math.max(fromMs, toMs - 366 * DAY_MS);
	return openIntervals(cappedFrom, toMs, windows, timeZone).reduce((sum, [a, b]) => sum + (b - a), 0);
}
