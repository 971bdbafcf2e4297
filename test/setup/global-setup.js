const { aptInstall, which } = require('../../scripts/lib/services');
const { startRedisServer } = require('./redis-server');

const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
	// The traditional→simplified, folding and pinyin tables are generated data (npm run build makes them too).
	for (const script of ['build-t2s.js', 'build-pinyin.js'])
		execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', script)], {
			stdio: 'inherit',
		});
	// The TLS tests make a throw-away CA and certificates with the openssl CLI (state/redisTopologies.test.ts).
	if (!which('openssl')) aptInstall(['openssl'], "the TLS tests' certificate");
	const redis = await startRedisServer();
	process.env.XHS_TEST_REDIS_URL = redis.url;
	globalThis.__XHS_REDIS__ = redis;
};
