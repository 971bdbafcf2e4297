import { DateTime, IANAZone } from '../vendor/luxon';

/**
 * The wall clock of a time zone, from luxon: the zone's offset at an instant, the local date,
 * weekday and minute, the start of a local day (where midnight does not exist, the day starts
 * at its first real minute). Business hours, agents' shifts and service times read time here.
 * Offsets are cached per zone and hour: a report reads the clock for every event.
 */
export const DAY_MS = 86_400_000;
/** Per zone: luxon's zone and its offsets by hour since the epoch (a report reads thousands). */
const zones = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();

function zoneOf(timeZone: string): { zone: IANAZone; offsets: Map<number, number> } {
	let entry = zones.get(timeZone);
	if (!entry) {
		if (!IANAZone.isValidZone(timeZone))
			throw new RangeError(`"${timeZone}" is not a time zone like Asia/Shanghai`);
		entry = { zone: IANAZone.create(timeZone), offsets: new Map() };
		zones.set(timeZone, entry);
	}
	return entry;
}

/** Throws a RangeError naming the zone when it is not an IANA time zone. */
export function checkTimeZone(timeZone: string): void {
	zoneOf(timeZone);
}

/** Milliseconds the zone's wall clock is ahead of UTC at `atMs`. */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
	const { zone, offsets } = zoneOf(timeZone);
	const hour = Math.floor(atMs / 3_600_000);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		offset = zone.offset(atMs) * 60_000;
		if (offsets.size > 10_000) offsets.clear();
		offsets.set(hour, offset);
	}
	return offset;
}

/** "2026-10-01" for a day number (days since 1970-01-01), cached: reports ask for the same few. */
const dayDates = new Map<number, string>();
export function dateOfDay(day: number): string {
	let date = dayDates.get(day);
	if (date === undefined) {
		date = new Date(day * DAY_MS).toISOString().slice(0, 10);
		if (dayDates.size > 10_000) dayDates.clear();
		dayDates.set(day, date);
	}
	return date;
}

/** Local calendar facts of an instant: date, ISO weekday, hour and minute of the day. */
export function localParts(
	atMs: number,
	timeZone: string,
): { date: string; weekday: number; hour: number; minutes: number } {
	const local = atMs + zoneOffsetMs(atMs, timeZone);
	const day = Math.floor(local / DAY_MS);
	const minutes = Math.floor((local - day * DAY_MS) / 60_000);
	return {
		date: dateOfDay(day),
		weekday: ((((day + 3) % 7) + 7) % 7) + 1,
		hour: Math.floor(minutes / 60),
		minutes,
	};
}

/** The same facts for a Date: what business hours and link pages read. */
export function localTime(
	at: Date,
	timeZone: string,
): { date: string; weekday: number; minutes: number } {
	return localParts(at.getTime(), timeZone);
}

/** Start (epoch ms) of the local day that contains `atMs`, shifted by `days`. */
export function localDayStart(atMs: number, timeZone: string, days = 0): number {
	const start = DateTime.fromMillis(atMs, { zone: zoneOf(timeZone).zone }).startOf('day');
	return (days === 0 ? start : start.plus({ days }).startOf('day')).toMillis();
}
