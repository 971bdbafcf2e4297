// n8n's own scaling setup (queue mode): one main process that takes the webhooks and the editor,
// workers that run the executions, Redis for n8n's job queue, PostgreSQL for its database. This
// package's state store moves to the same Redis, so claims, cooldowns, agent load and queues
// are shared by every process.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { n8nBin, nodeBin } = require('./n8nRuntime');
const { startProcess, freePort, waitFor } = require('./processes');
const { startRedis, startPostgres } = require('./services');
const { ensureCredential } = require('./provision');

const STATE_STORE_CREDENTIAL = 'Xiaohongshu State Store (Redis)';

/** Redis and PostgreSQL as private instances; `fresh` starts from an empty database. */
async function startQueueServices({ dataDir, fresh = false, log = () => {} }) {
	log(
		"Starting Redis (n8n job queue + this package's state store) and PostgreSQL (n8n's database)",
	);
	const redis = await startRedis();
	const postgres = await startPostgres({
		dataDir: path.join(dataDir, 'postgres'),
		database: 'n8n',
		fresh,
	});
	log(`Redis on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${postgres.port} (database n8n)`);
	return { redis, postgres };
}

/** One key for every process: workers decrypt the credentials the main process saved. */
function encryptionKey(userFolder) {
	const file = path.join(userFolder, 'xhs-encryption-key');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(userFolder, { recursive: true });
		fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	}
	return fs.readFileSync(file, 'utf8').trim();
}

/** Environment shared by main and workers (n8n's documented queue-mode variables). */
function queueEnv({ redis, postgres, userFolder }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey(userFolder),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// A worker that dies leaves its running executions behind; the main process marks them
		// "crashed" at this interval (minutes; n8n's default is 180), and the recovery template
		// retries them.
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL:
			process.env.N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL || '1',
	};
}

/**
 * Starts `n8n worker` processes with the main process's environment (same user folder, so the
 * same installed community package) and a runner broker port of their own.
 */
async function startWorkers({ runtimeDir, env, count, concurrency, log = () => {} }) {
	const workers = [];
	for (let i = 1; i <= count; i++)
		workers.push(await startWorker({ runtimeDir, env, index: i, concurrency }));
	log(`${count} n8n workers started (concurrency ${concurrency} each)`);
	return workers;
}

async function startWorker({ runtimeDir, env, index, concurrency }) {
	const brokerPort = await freePort();
	// The worker's own small server (health, readiness) tells when it takes jobs.
	const healthPort = await freePort();
	// The executions this worker is running now, from its own log ("Worker started execution 12
	// (job 7)" / "Worker finished execution 12 …", info level): what a crash of it would cut off.
	const running = new Set();
	const child = startProcess(
		`n8n worker ${index}`,
		nodeBin(runtimeDir),
		[n8nBin(runtimeDir), 'worker', `--concurrency=${concurrency}`],
		{
			env: {
				...env,
				N8N_LOG_LEVEL: 'info',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			echo: (line) =>
				/^Error|ERROR|failed to/i.test(line) && !/ENOTFOUND|api\.n8n\.io|[Pp]ython/.test(line),
			onLine: (line) => {
				const seen = /Worker (started|finished) execution (\d+)/.exec(line);
				if (seen?.[1] === 'started') running.add(seen[2]);
				else if (seen) running.delete(seen[2]);
			},
		},
	);
	child.running = running;
	child.workerIndex = index;
	child.healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
	await waitFor(`n8n worker ${index} to be ready`, async () => (await fetch(child.healthUrl)).ok, {
		child,
		timeoutMs: 120000,
	});
	return child;
}

/** The Redis credential every state-using node of the templates gets in queue mode. */
async function ensureStateStoreCredential(api, redis) {
	return await ensureCredential(api, STATE_STORE_CREDENTIAL, 'xiaohongshuStateStoreApi', {
		host: redis.host,
		port: redis.port,
		user: '',
		password: '',
		database: 0,
		ssl: false,
		namespace: 'xhs:',
	});
}

module.exports = {
	startQueueServices,
	queueEnv,
	startWorkers,
	startWorker,
	ensureStateStoreCredential,
	STATE_STORE_CREDENTIAL,
};
