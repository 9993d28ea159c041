import type { Request, Response } from 'express';

export type DependencyCheck = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'unavailable'>;
}

/** Runs every check with a time limit; a hanging dependency counts as unavailable. */
export async function checkHealth(
  checks: Record<string, DependencyCheck>,
  timeoutMs = 2_000,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const results = Object.fromEntries(entries);
  const healthy = entries.every(([, result]) => result === 'ok');
  return { status: healthy ? 'ok' : 'unavailable', checks: results };
}

/** GET /healthz: 200 when MongoDB and Redis answer, 503 otherwise (load balancers read the code). */
export function healthHandler(checks: Record<string, DependencyCheck>) {
  return async (_request: Request, response: Response): Promise<void> => {
    const report = await checkHealth(checks);
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  };
}
