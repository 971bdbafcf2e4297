module.exports = async function globalTeardown() {
	globalThis.__XHS_REDIS__?.stop();
};
