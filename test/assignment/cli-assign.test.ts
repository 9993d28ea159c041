import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAssignCommand } from '../../adapters/cli/commands/assign.js';
import { ENVIRONMENT_VARIABLES } from '../../jobs/settings.js';
import { runCli, useTestDatabase, type CliRun } from '../support/database.js';
import { slackEstate, uniquePrefix } from '../jobs/support/jobs-harness.js';

/**
 * `nabo assign`, the hand-out run by hand: what the operator reads is the plan, household by
 * household at its door, whether it was only tried (`--dry-run`) or saved and announced.
 */
const db = useTestDatabase();
const prefix = uniquePrefix('cli-assign');
const nabo = (...args: string[]) => runCli(db, [registerAssignCommand], args);

beforeAll(() => {
  // The announcement queues its messages in real Redis, under this run's own prefix.
  process.env[ENVIRONMENT_VARIABLES.queuePrefix] = prefix;
});

afterAll(async () => {
  delete process.env[ENVIRONMENT_VARIABLES.queuePrefix];
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** The plan's household lines ("    Gudrunsvej 10, 1. th [reason]"). */
const households = (run: CliRun): string[] => run.lines.filter((line) => line.startsWith('    '));

describe('nabo assign', () => {
  it('when the hand-out is saved for real, then the plan names every household by its door, as the dry run did', async () => {
    const { area } = await slackEstate(db(), { ambassadors: 2, households: 3 });

    const dry = await nabo('assign', '--area', area.key, '--dry-run');
    expect(dry.error).toBeUndefined();
    expect(households(dry)).toHaveLength(3);

    const saved = await nabo('assign', '--area', area.key);
    expect(saved.error).toBeUndefined();
    expect(saved.lines).toContain('Opened 3 visits.');
    expect(households(saved)).toEqual(households(dry));
    // Never a database id where a door belongs.
    expect(households(saved).join('\n')).not.toMatch(/[0-9a-f]{24}/);
  });
});
