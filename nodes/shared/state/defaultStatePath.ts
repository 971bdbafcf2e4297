import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where the embedded store keeps its SQLite file when no path is configured: next to n8n's own
 * data (n8n keeps it in `<N8N_USER_FOLDER or home>/.n8n`), so it survives restarts and is
 * backed up with the rest of n8n. `XHS_STATE_DB_PATH` overrides it.
 */
export function defaultStatePath(env: NodeJS.ProcessEnv = process.env): string {
	if (env.XHS_STATE_DB_PATH) return env.XHS_STATE_DB_PATH;
	const userFolder = env.N8N_USER_FOLDER || os.homedir();
	return path.join(userFolder, '.n8n', 'xiaohongshu-dm', 'state.sqlite');
}
