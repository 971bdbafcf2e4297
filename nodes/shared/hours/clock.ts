/**
 * The wall clock of a time zone, from the Intl data built into Node (no date library at
 * runtime): the local date, weekday and minute of an instant, the zone's offset, the start
 * of a local day. Business hours, agents' shifts and service times all read time this way.
 */
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

export function localTime(
	at: Date,
	timeZone: string,
): { date: string; weekday: number; minutes: number } {
	const parts = Object.fromEntries(
		formatter(timeZone)
			.formatToParts(at)
			.map((p) => [p.type, p.value]),
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		weekday: WEEKDAYS[parts.weekday],
		minutes: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

export const DAY_MS = 86_400_000;
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
	const p = Object.fromEntries(
		f.formatToParts(new Date(atMs)).map((part) => [part.type, Number(part.value)]),
	);
	const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	const offset = wall - Math.floor(atMs / 1000) * 1000;
	if (offsetCache.size > 10_000) offsetCache.clear();
	offsetCache.set(hourKey, offset);
	return offset;
}

/** Local calendar facts of an instant: hour of day, ISO weekday and the day's date string. */
export function localParts(
	atMs: number,
	timeZone: string,
): { hour: number; weekday: number; date: string } {
	const local = atMs + zoneOffsetMs(atMs, timeZone);
	const day = Math.floor(local / DAY_MS);
	return {
		hour: Math.floor((local - day * DAY_MS) / 3_600_000),
		weekday: ((((day + 3) % 7) + 7) % 7) + 1,
		date: new Date(day * DAY_MS).toISOString().slice(0, 10),
	};
}

/** Start (epoch ms) of the local day that contains `atMs`, shifted by `days`. */
export function localDayStart(atMs: number, timeZone: string, days = 0): number {
	const day = Math.floor((atMs + zoneOffsetMs(atMs, timeZone)) / DAY_MS) + days;
	const guess = day * DAY_MS;
	return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}
