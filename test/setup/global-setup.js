const { startRedisServer } = require('./redis-server');

const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
	// The traditional→simplified and folding tables are generated data (npm run build makes them too).
	execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build-t2s.js')], { stdio: 'inherit' });
	const redis = await startRedisServer();
	process.env.XHS_TEST_REDIS_URL = redis.url;
	globalThis.__XHS_REDIS__ = redis;
};
