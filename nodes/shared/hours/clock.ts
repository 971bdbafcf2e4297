import { DateTime, IANAZone } from '../vendor/luxon';

/**
 * The wall clock of a time zone, from luxon: the zone's offset at an instant, the local date,
 * weekday and minute, the start of a local day (where midnight does not exist, the day starts
 * at its first real minute). Business hours, agents' shifts and service times read time here.
 * Offsets are cached per zone and hour: a report reads the clock for every event.
 */
export const DAY_MS = 86_400_000;
const zones = new Map<string, IANAZone>();
const offsetCache = new Map<string, number>();

function zoneOf(timeZone: string): IANAZone {
	let zone = zones.get(timeZone);
	if (!zone) {
		if (!IANAZone.isValidZone(timeZone))
			throw new RangeError(`"${timeZone}" is not a time zone like Asia/Shanghai`);
		zone = IANAZone.create(timeZone);
		zones.set(timeZone, zone);
	}
	return zone;
}

/** Throws a RangeError naming the zone when it is not an IANA time zone. */
export function checkTimeZone(timeZone: string): void {
	zoneOf(timeZone);
}

/** Milliseconds the zone's wall clock is ahead of UTC at `atMs`. */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
	const hourKey = `${timeZone}|${Math.floor(atMs / 3_600_000)}`;
	const cached = offsetCache.get(hourKey);
	if (cached !== undefined) return cached;
	const offset = zoneOf(timeZone).offset(atMs) * 60_000;
	if (offsetCache.size > 10_000) offsetCache.clear();
	offsetCache.set(hourKey, offset);
	return offset;
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
		date: new Date(day * DAY_MS).toISOString().slice(0, 10),
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
	const start = DateTime.fromMillis(atMs, { zone: zoneOf(timeZone) }).startOf('day');
	return (days === 0 ? start : start.plus({ days }).startOf('day')).toMillis();
}
