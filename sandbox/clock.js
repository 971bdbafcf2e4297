// @ts-check
'use strict';
// The sandbox clock: real time plus an offset that tests move forward (POST /sandbox/clock)
// to expire tokens, auth codes and reply windows without waiting. It can be frozen, so that
// exact boundaries (300 s grace, 48 h window) are testable without real time creeping in.

function createClock() {
	let offsetMs = 0;
	/** @type {number|null} */
	let frozenAt = null;
	const now = () => (frozenAt ?? Date.now()) + offsetMs;
	return {
		now,
		/** @param {number} ms */
		advance(ms) {
			offsetMs += ms;
			return offsetMs;
		},
		/** @param {boolean} on */
		freeze(on) {
			if (on && frozenAt === null) frozenAt = Date.now();
			if (!on && frozenAt !== null) {
				offsetMs += frozenAt - Date.now();
				frozenAt = null;
			}
		},
		reset() {
			offsetMs = 0;
			frozenAt = null;
		},
		get offsetMs() {
			return offsetMs;
		},
		get frozen() {
			return frozenAt !== null;
		},
	};
}

module.exports = { createClock };
