import { localDayStart } from '../hours';

/** The time ranges a report can cover, in the team's time zone ("yesterday" is a local day). */
export type RangePreset = 'today' | 'yesterday' | 'last24Hours' | 'last7Days' | 'custom';

function parseTime(value: unknown): number {
	const ms = typeof value === 'number' ? value : Date.parse(String(value ?? ''));
	if (!Number.isFinite(ms)) throw new RangeError(`"${String(value ?? '')}" is not a date and time`);
	return ms;
}

export function rangeFor(
	preset: RangePreset,
	nowMs: number,
	timeZone: string,
	from?: unknown,
	to?: unknown,
): { sinceMs: number; untilMs: number } {
	switch (preset) {
		case 'today':
			return { sinceMs: localDayStart(nowMs, timeZone), untilMs: nowMs };
		case 'yesterday':
			return {
				sinceMs: localDayStart(nowMs, timeZone, -1),
				untilMs: localDayStart(nowMs, timeZone),
			};
		case 'last24Hours':
			return { sinceMs: nowMs - 86_400_000, untilMs: nowMs };
		case 'last7Days':
			return {
				sinceMs: localDayStart(nowMs, timeZone, -7),
				untilMs: localDayStart(nowMs, timeZone),
			};
		default: {
			const sinceMs = parseTime(from);
			const untilMs = parseTime(to);
			if (untilMs <= sinceMs) throw new RangeError('the end of the range must be after its start');
			return { sinceMs, untilMs };
		}
	}
}
