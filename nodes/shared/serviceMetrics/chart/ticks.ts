/**
 * Axis scaling: y always starts at 0 and ends on a "nice" tick (1, 2 or 5 × 10^n). Bad input
 * (NaN, Infinity, negatives) counts as 0 so no NaN ever reaches the drawing.
 */

const STEPS = [1, 2, 5];
const MAX_TICKS = 6;
/** Keeps 6.000000001 / 2 from needing an extra interval. */
const EPSILON = 1e-9;

export function cleanValue(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * 4–6 ticks from 0 up to at least max. integer: only whole-number steps (counts of DMs), which
 * for a small max (≤ 5) means fewer ticks rather than fractions of a message. All zero → [0, 1].
 */
export function niceTicks(max: number, integer = false): number[] {
	const top = cleanValue(max);
	if (top <= 0) return [0, 1];
	if (integer && top <= 5) return ticksOf(1, 0, Math.ceil(top - EPSILON));
	// Starting a decade below guarantees the first step that fits (≤ 6 ticks) follows one with
	// more than 6, and steps grow by at most 2.5×, so it yields at least 4 ticks.
	for (let exponent = Math.floor(Math.log10(top)) - 1; ; exponent++) {
		for (const multiple of STEPS) {
			const step = multiple * 10 ** exponent;
			if (integer && step < 1) continue;
			const intervals = Math.ceil(top / step - EPSILON);
			if (intervals + 1 <= MAX_TICKS) return ticksOf(multiple, exponent, intervals);
		}
	}
}

/**
 * Ticks for a second (right-hand) axis with exactly `intervals` intervals, so its labels sit on
 * the left axis's grid lines: the smallest nice step that reaches max.
 */
export function ticksWithIntervals(max: number, intervals: number): number[] {
	const count = Math.max(1, Math.round(intervals));
	const top = cleanValue(max);
	if (top <= 0) return ticksOf(1, 0, count);
	for (let exponent = Math.floor(Math.log10(top / count)) - 1; ; exponent++) {
		for (const multiple of STEPS) {
			if (multiple * 10 ** exponent * count >= top - EPSILON)
				return ticksOf(multiple, exponent, count);
		}
	}
}

function ticksOf(multiple: number, exponent: number, intervals: number): number[] {
	// Rounding to the step's decimals turns 3 × 0.1 = 0.30000000000000004 back into 0.3.
	const decimals = Math.max(0, -exponent);
	const step = multiple * 10 ** exponent;
	const ticks: number[] = [];
	for (let i = 0; i <= intervals; i++) ticks.push(Number((i * step).toFixed(decimals)));
	return ticks;
}

/** Short label for an axis tick or a bar value: 1500, 2.5, 12k, 1.2M. */
export function formatNumber(value: number): string {
	const clean = Number.isFinite(value) ? value : 0;
	const magnitude = Math.abs(clean);
	if (magnitude >= 1e6) return `${trim(clean / 1e6)}M`;
	if (magnitude >= 1e4) return `${trim(clean / 1e3)}k`;
	return trim(clean);
}

function trim(value: number): string {
	const rounded = Number(value.toFixed(Math.abs(value) >= 100 ? 0 : 2));
	return String(Object.is(rounded, -0) ? 0 : rounded);
}
