/**
 * Redis comes through ioredis (MIT), the client n8n's own queue mode uses: Sentinel, Cluster,
 * TLS options, reconnection and script caching, kept up by many users. The package's own RESP
 * client before it had none of Sentinel or Cluster and kept writing to a demoted primary.
 * Bundled into dist with the library inside; see scripts/bundle-vendor.js.
 */
export { Cluster, Redis } from 'ioredis';
export type { ClusterOptions, RedisOptions } from 'ioredis';
