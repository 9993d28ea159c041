import type { Request, Response } from 'express';

export type DependencyCheck = () => Promise<void>;
export type CheckResult = 'ok' | 'unavailable';

export interface HealthChecks {
  mongodb: DependencyCheck;
  redis: DependencyCheck;
  /** One per hosted platform, by platform id: resolves while its credentials work. */
  platforms: Record<string, DependencyCheck>;
}

/**
 * What GET /healthz answers. `status` is `ok` when everything answers, `degraded` while the
 * process still serves (MongoDB up and at least one platform working), `unavailable` otherwise.
 * `checks` has every line flat, for scripts that read one name.
 */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'unavailable';
  mongodb: CheckResult;
  redis: CheckResult;
  platforms: Record<string, CheckResult>;
  checks: Record<string, CheckResult>;
}

async function run(check: DependencyCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every check at once with a time limit; a hanging dependency counts as unavailable.
 * Serving needs MongoDB (every turn reads the person) and one working platform. Redis only
 * carries the reminders a turn queues, so it is reported but does not take the process out of
 * the load balancer; nor does one platform's revoked token take out the others. A process
 * with no platform to host follows MongoDB alone.
 */
export async function checkHealth(checks: HealthChecks, timeoutMs = 2_000): Promise<HealthReport> {
  const names = Object.keys(checks.platforms);
  const [mongodb, redis, ...platformResults] = await Promise.all([
    run(checks.mongodb, timeoutMs),
    run(checks.redis, timeoutMs),
    ...names.map((name) => run(checks.platforms[name] as DependencyCheck, timeoutMs)),
  ]);
  const platforms = Object.fromEntries(
    names.map((name, index) => [name, platformResults[index] ?? 'unavailable']),
  ) as Record<string, CheckResult>;
  const results = Object.values(platforms);
  const serves =
    mongodb === 'ok' && (results.length === 0 || results.some((result) => result === 'ok'));
  const everything = mongodb === 'ok' && redis === 'ok' && results.every((r) => r === 'ok');
  return {
    status: everything ? 'ok' : serves ? 'degraded' : 'unavailable',
    mongodb: mongodb ?? 'unavailable',
    redis: redis ?? 'unavailable',
    platforms,
    checks: { mongodb: mongodb ?? 'unavailable', redis: redis ?? 'unavailable', ...platforms },
  };
}

/** GET /healthz: 200 while the process can serve a platform, 503 otherwise (load balancers read the code). */
export function healthHandler(checks: HealthChecks) {
  return async (_request: Request, response: Response): Promise<void> => {
    const report = await checkHealth(checks);
    response.status(report.status === 'unavailable' ? 503 : 200).json(report);
  };
}
