/**
 * Reads one desk's state from the Redis state store every 200 ms while the load runs: each
 * sample is every agent's open conversations beside their capacity, as all n8n processes
 * see them (the desk is one versioned document, so a sample is always a consistent state).
 */
import { RedisStateStore } from '../../nodes/shared/state/RedisStateStore';

export interface DeskSample {
	at: number;
	agents: Array<{ id: string; open: number; openListed: number; capacity: number }>;
}

export function deskLoadMonitor(redis: { host: string; port: number }, desk: string) {
	const store = new RedisStateStore({ host: redis.host, port: redis.port, keyPrefix: 'xhs:' });
	const samples: DeskSample[] = [];
	let running = true;
	const loop = (async () => {
		while (running) {
			const [state, roster] = await store
				.getMany([`desk:${desk}`, `desk:${desk}:roster`])
				.catch(() => [undefined, undefined]);
			if (state && roster) {
				const parsed = JSON.parse(state.value) as {
					agents: Record<string, { open: number }>;
					open: Record<string, { agent: string }>;
				};
				const capacities = new Map(
					(JSON.parse(roster.value).agents as Array<{ id: string; capacity: number }>).map((a) => [
						a.id,
						a.capacity,
					]),
				);
				const listed = new Map<string, number>();
				for (const conversation of Object.values(parsed.open))
					listed.set(conversation.agent, (listed.get(conversation.agent) ?? 0) + 1);
				samples.push({
					at: Date.now(),
					agents: Object.entries(parsed.agents).map(([id, a]) => ({
						id,
						open: a.open,
						openListed: listed.get(id) ?? 0,
						capacity: capacities.get(id) ?? Infinity,
					})),
				});
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	})();
	return {
		async stop(): Promise<DeskSample[]> {
			running = false;
			await loop;
			await store.close();
			return samples;
		},
	};
}
