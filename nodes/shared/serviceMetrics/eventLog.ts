import type { StateStore } from '../state/StateStore';
import type { ServiceEvent } from './serviceEvent';

/**
 * The conversation event log: one append-only stream in the state store, trimmed by age on
 * every append (and by length now and then), so it never grows without bound and needs no
 * cleanup job. An append is one insert (SQLite) or one XADD (Redis): about what the trigger's
 * dedup claim costs (npm run bench:metrics), cheap enough for every node's hot path.
 */
export const EVENT_STREAM = 'metrics:events';
export const DEFAULT_RETENTION_DAYS = 35;
const MAX_EVENTS = 2_000_000;
/**
 * Trimming by age is an index range (free when nothing is due); trimming by length walks the
 * kept events on SQLite. So the length bound, a guard against a flood rather than the normal
 * limit, rides on one append in this many.
 */
const LENGTH_CHECK_EVERY = 1_000;
let appendsSinceLengthCheck = 0;

export interface EventRange {
	sinceMs: number;
	untilMs: number;
}

export class EventLog {
	constructor(
		private readonly store: StateStore,
		private readonly retentionMs = DEFAULT_RETENTION_DAYS * 86_400_000,
	) {}

	async record(events: ServiceEvent[]): Promise<void> {
		for (const event of events) {
			const checkLength = ++appendsSinceLengthCheck >= LENGTH_CHECK_EVERY;
			if (checkLength) appendsSinceLengthCheck = 0;
			await this.store.append(EVENT_STREAM, JSON.stringify(compact(event)), {
				retentionMs: this.retentionMs,
				maxLength: checkLength ? MAX_EVENTS : undefined,
			});
		}
	}

	/**
	 * Events whose own time is in the range, in time order. The store indexes by append time,
	 * which can trail the event's time (a record made late), so the read looks a little wider.
	 */
	async read(range: EventRange): Promise<ServiceEvent[]> {
		const slackMs = 10 * 60_000;
		const entries = await this.store.readStream(EVENT_STREAM, {
			sinceMs: range.sinceMs - slackMs,
			untilMs: range.untilMs + slackMs,
		});
		const events: ServiceEvent[] = [];
		for (const entry of entries) {
			const event = parse(entry.value);
			if (event && event.at >= range.sinceMs && event.at < range.untilMs) events.push(event);
		}
		return events.sort((a, b) => a.at - b.at);
	}
}

function compact(event: ServiceEvent): Partial<ServiceEvent> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(event)) {
		if (
			value === undefined ||
			value === null ||
			value === '' ||
			(Array.isArray(value) && value.length === 0)
		)
			continue;
		out[key] = value;
	}
	return out as Partial<ServiceEvent>;
}

function parse(value: string): ServiceEvent | undefined {
	try {
		const event = JSON.parse(value) as ServiceEvent;
		return typeof event.type === 'string' && Number.isFinite(event.at) ? event : undefined;
	} catch {
		return undefined;
	}
}

/** Recording must never break the DM flow it observes: a failed append is logged, not thrown. */
export async function recordQuietly(
	store: StateStore,
	events: ServiceEvent[],
	warn: (message: string) => void = () => {},
): Promise<void> {
	if (events.length === 0) return;
	try {
		await new EventLog(store).record(events);
	} catch (error) {
		warn(
			`service metrics: could not record ${events.length} event(s): ${(error as Error).message}`,
		);
	}
}
