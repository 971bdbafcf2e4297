/** Types of redis-topologies.js, for the TypeScript tests that start them. */
export interface RedisNode {
	host: string;
	port: number;
}

export interface ClusterTopology {
	nodes: RedisNode[];
	stop(): void;
}

export interface SentinelTopology {
	sentinels: RedisNode[];
	name: string;
	ports: { primary: number; replica: number; sentinel: number };
	/** Which port the Sentinel names as the primary now. */
	primaryPort(): number;
	/** redis-cli's answer to one command on a port, or '' when nothing answers. */
	cli(port: number, ...args: string[]): string;
	stop(): void;
}

export interface TlsTopology {
	host: string;
	port: number;
	serverName: string;
	/** PEM: the private CA, and a client certificate and key it signed. */
	ca: string;
	cert: string;
	key: string;
	stop(): void;
}

export function startCluster(): Promise<ClusterTopology>;
export function startSentinel(): Promise<SentinelTopology>;
export function startTlsServer(): Promise<TlsTopology>;
