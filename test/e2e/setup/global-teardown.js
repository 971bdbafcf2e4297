const fs = require('node:fs');
const { stopAll } = require('../../../scripts/lib/processes');

module.exports = async function globalTeardown() {
	await stopAll();
	const state = globalThis.__XHS_E2E__;
	if (state?.userFolder) fs.rmSync(state.userFolder, { recursive: true, force: true });
};
