const { startRedisServer } = require('./redis-server');

module.exports = async function globalSetup() {
	const redis = await startRedisServer();
	process.env.XHS_TEST_REDIS_URL = redis.url;
	globalThis.__XHS_REDIS__ = redis;
};
