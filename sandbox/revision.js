// @ts-check
'use strict';
// Which wire revision the sandbox speaks (spec §0, §4r2, §7r2) and how it signs pushes. Both are
// settings a test may switch at runtime (POST /sandbox/revision), because a receiver must be
// shown both shapes against one running sandbox. The signature mode follows the revision
// (r2 → none, r1 → timestamp-hmac) unless one is set explicitly.

const REVISIONS = /** @type {const} */ (['r2', 'r1']);
const SIGNATURE_MODES = /** @type {const} */ (['none', 'body-hmac', 'timestamp-hmac']);

/**
 * @typedef {typeof REVISIONS[number]} Revision
 * @typedef {typeof SIGNATURE_MODES[number]} SignatureMode
 */

/** @param {unknown} value @returns {Revision} */
function checkRevision(value) {
	if (!REVISIONS.includes(/** @type {any} */ (value)))
		throw new Error(`revision must be one of ${REVISIONS.join(', ')}`);
	return /** @type {Revision} */ (value);
}

/** @param {unknown} value @returns {SignatureMode|undefined} undefined: follow the revision */
function checkSignatureMode(value) {
	if (value === undefined || value === null) return undefined;
	if (!SIGNATURE_MODES.includes(/** @type {any} */ (value)))
		throw new Error(
			`signature mode must be one of ${SIGNATURE_MODES.join(', ')} (or null: by revision)`,
		);
	return /** @type {SignatureMode} */ (value);
}

/** @param {Revision} revision @returns {SignatureMode} */
const modeOf = (revision) => (revision === 'r2' ? 'none' : 'timestamp-hmac');

/** @param {{wireRevision: Revision, signatureMode?: SignatureMode}} opts */
function createRevision(opts) {
	let revision = opts.wireRevision;
	let explicitMode = opts.signatureMode;

	const current = () => revision;
	const signatureMode = () => explicitMode ?? modeOf(revision);
	const view = () => ({
		revision,
		signature_mode: signatureMode(),
		signature_mode_follows_revision: explicitMode === undefined,
	});

	return {
		current,
		signatureMode,
		view,
		/**
		 * Applies {revision?, signature_mode?} (signature_mode null: follow the revision again);
		 * validates everything before changing anything.
		 * @param {{revision?: unknown, signature_mode?: unknown}} patch
		 */
		set(patch) {
			for (const k of Object.keys(patch))
				if (k !== 'revision' && k !== 'signature_mode')
					throw new Error(`unknown setting ${k} (revision, signature_mode)`);
			const nextRevision = patch.revision === undefined ? revision : checkRevision(patch.revision);
			const nextMode =
				'signature_mode' in patch ? checkSignatureMode(patch.signature_mode) : explicitMode;
			revision = nextRevision;
			explicitMode = nextMode;
			return view();
		},
	};
}

module.exports = { REVISIONS, SIGNATURE_MODES, checkRevision, checkSignatureMode, createRevision };
