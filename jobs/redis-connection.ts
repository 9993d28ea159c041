import { Redis, type RedisOptions } from 'ioredis';
import { NaboError } from '../kernel/errors.js';

/**
 * Redis connections for BullMQ. Workers need `maxRetriesPerRequest: null` (BullMQ blocks on
 * Redis and must not give up); the web process and the CLI fail fast instead.
 */
export function createRedisConnection(url: string, options: { forWorker?: boolean } = {}): Redis {
  const base: RedisOptions = options.forWorker
    ? { maxRetriesPerRequest: null }
    : { maxRetriesPerRequest: 1, enableOfflineQueue: true };
  return new Redis(url, { ...base, lazyConnect: true });
}

/** One clear line for people who have no Redis running yet. */
export function redisUnavailableMessage(url: string): string {
  return (
    `Nabo needs Redis at ${url} but nothing answers there. ` +
    `Start one with "redis-server --daemonize yes" (Debian/Ubuntu: apt-get install redis-server) ` +
    `or set REDIS_URL.`
  );
}

/** Resolves when Redis answers PING within the timeout; otherwise a DEPENDENCY_UNAVAILABLE error. */
export async function assertRedisReachable(url: string, timeoutMs = 2_000): Promise<void> {
  const connection = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis emits 'error' on refused connections; the rejection below carries it.
  connection.on('error', () => undefined);
  try {
    await connection.connect();
    await connection.ping();
  } catch (error) {
    throw new NaboError('DEPENDENCY_UNAVAILABLE', redisUnavailableMessage(url), {
      cause: error,
      userFacing: true,
    });
  } finally {
    connection.disconnect();
  }
}
