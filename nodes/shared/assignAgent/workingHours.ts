import { localTime } from '../keywordReply/reply/businessHours';

/**
 * An agent's shift as admins type it in a roster cell: "Mon-Fri 09:00-18:00",
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
	mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
	周一: 1, 周二: 2, 周三: 3, 周四: 4, 周五: 5, 周六: 6, 周日: 7, 周天: 7,
	星期一: 1, 星期二: 2, 星期三: 3, 星期四: 4, 星期五: 5, 星期六: 6, 星期日: 7, 星期天: 7,
};
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

function dayOf(name: string, text: string): number {
	const key = name.trim().toLowerCase();
	// "Monday" and "Mon" alike; Chinese names are looked up whole.
	const day = DAY_NAMES[key] ?? DAY_NAMES[key.slice(0, 3)];
	if (!day) throw new RangeError(`"${name.trim()}" in working hours "${text}" is not a weekday (Mon … Sun, 周一 … 周日)`);
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
	for (const part of spec.split(/[,，、]/).map((p) => p.trim()).filter(Boolean)) {
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
	for (const piece of text.split(/[;；\n]/).map((p) => p.trim()).filter(Boolean)) {
		const m = /^(.*?)\s*(\d{1,2}[:：]\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}[:：]\d{2})$/.exec(piece);
		if (!m) throw new RangeError(`working hours "${piece}" should look like "Mon-Fri 09:00-18:00"`);
		windows.push({ days: daysOf(m[1], piece), startMinute: minuteOf(m[2], piece), endMinute: minuteOf(m[3], piece) });
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

export function isOnShift(windows: ShiftWindow[] | undefined, nowMs: number, timeZone: string): boolean {
	if (!windows || windows.length === 0) return true;
	const { weekday, minutes } = localClock(nowMs, timeZone);
	const yesterday = weekday === 1 ? 7 : weekday - 1;
	return windows.some((w) => {
		if (w.startMinute === w.endMinute) return w.days.includes(weekday);
		if (w.startMinute < w.endMinute) return w.days.includes(weekday) && minutes >= w.startMinute && minutes < w.endMinute;
		return (w.days.includes(weekday) && minutes >= w.startMinute) || (w.days.includes(yesterday) && minutes < w.endMinute);
	});
}
