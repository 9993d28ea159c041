import type { Redis } from 'ioredis';
import { NaboError } from '../kernel/errors.js';
import { ENVIRONMENT_VARIABLES } from './settings.js';

/**
 * BullMQ keeps its bookkeeping in Redis keys; a Redis that evicts keys under memory pressure
 * silently loses jobs and locks. Refuse to start unless `maxmemory-policy` is `noeviction`.
 * Hosted Redis that hides CONFIG can skip the check (NABO_SKIP_REDIS_EVICTION_CHECK=true).
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  let policy: string | undefined;
  try {
    const reply = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as unknown;
    policy = Array.isArray(reply) ? String(reply[1] ?? '') : undefined;
  } catch (error) {
    throw new NaboError(
      'CONFIG_INVALID',
      `Cannot read Redis maxmemory-policy (CONFIG is not allowed here). Make sure it is noeviction, then set ${ENVIRONMENT_VARIABLES.skipRedisEvictionCheck}=true.`,
      { cause: error, userFacing: true },
    );
  }
  if (policy !== 'noeviction') {
    throw new NaboError(
      'CONFIG_INVALID',
      `Redis maxmemory-policy is '${policy ?? 'unknown'}' but the jobs need 'noeviction' (redis-cli CONFIG SET maxmemory-policy noeviction), or set ${ENVIRONMENT_VARIABLES.skipRedisEvictionCheck}=true if your host guarantees it.`,
      { userFacing: true },
    );
  }
}
