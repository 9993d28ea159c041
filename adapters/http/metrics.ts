import cluster from 'node:cluster';
import type { Request, Response } from 'express';
import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { InboundPipeline } from '../../src/core/pipeline.js';
import type { OutboundPort } from '../../src/core/outbound.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import type { HostedPlatform } from './hosted-platform.js';

/**
 * The web process's metrics, in Prometheus' text format on GET /metrics (prom-client): turns and
 * their latency, sends by result, 429s, queue depth and redelivered events dropped as already
 * handled. With several web workers (node:cluster) every worker counts its own and /metrics
 * answers the sum over all of them, gathered by the primary (prom-client's AggregatorRegistry);
 * the queue depth is the same Redis seen by each worker, so it is reported once (max), not summed.
 * The worker process (jobs) has no HTTP server and is not counted here.
 */

/** A BullMQ queue as far as its depth is concerned. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export type SendResult = 'ok' | 'rate_limited' | 'failed';

export interface WebMetrics {
  readonly registry: Registry;
  /** Counts turns, their latency and dropped redeliveries on the way through the pipeline. */
  instrumentPipeline(pipeline: InboundPipeline): InboundPipeline;
  /** Counts the platform's sends and updates by result. */
  instrumentPlatform<P extends HostedPlatform | PlatformAdapter>(platform: P): P;
  /** A platform answered 429 (the send waits and tries again, or fails). */
  rateLimited(platform: string): void;
  /** The queues whose depth is reported, read when /metrics is asked. */
  watchQueues(queues: () => readonly CountableQueue[]): void;
  /** GET /metrics. */
  handler(): (request: Request, response: Response) => Promise<void>;
}

const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

export function createWebMetrics(): WebMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nabo_web_' });

  const turns = new Counter({
    name: 'nabo_turns_total',
    help: 'Inbound events processed by the pipeline, by platform, kind and result',
    labelNames: ['platform', 'kind', 'result'] as const,
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: 'nabo_turn_duration_seconds',
    help: 'Time from the start of processing an accepted event to its last answer',
    labelNames: ['platform'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'nabo_events_already_handled_total',
    help: 'Redelivered or replayed events dropped because they were already handled (dedupe hits)',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'nabo_events_refused_total',
    help: 'Events from a workspace or tenant that is not allowed',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const sends = new Counter({
    name: 'nabo_sends_total',
    help: 'Messages sent or updated by the web process, by platform, operation and result',
    labelNames: ['platform', 'operation', 'result'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'nabo_rate_limited_total',
    help: 'HTTP 429 answers from a platform API',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  let watched: () => readonly CountableQueue[] = () => [];
  new Gauge({
    name: 'nabo_queue_jobs',
    help: 'Jobs in the BullMQ queues, by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    // Every worker sees the same Redis: summing over workers would multiply the depth.
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const queue of watched()) {
        try {
          const counts = await withinMs(queue.getJobCounts(...QUEUE_STATES), QUEUE_COUNT_BOUND_MS);
          for (const state of QUEUE_STATES) {
            this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        } catch {
          // Redis away: /healthz says so; the depth is left out rather than reported as 0.
        }
      }
    },
  });

  const counted = (platform: string, outbound: OutboundPort): OutboundPort => {
    const track = async <T>(operation: 'send' | 'update', run: () => Promise<T>): Promise<T> => {
      try {
        const result = await run();
        sends.inc({ platform, operation, result: 'ok' });
        return result;
      } catch (error) {
        const limited = isRateLimited(error);
        if (limited) rateLimited.inc({ platform });
        sends.inc({ platform, operation, result: limited ? 'rate_limited' : 'failed' });
        throw error;
      }
    };
    const findSent = outbound.findSent?.bind(outbound);
    return {
      send: (conversation, message, options) =>
        track('send', () => outbound.send(conversation, message, options)),
      update: (ref, message) => track('update', () => outbound.update(ref, message)),
      // A reply's send key and the look-up for it pass through: the counts do not change them.
      ...(findSent ? { findSent } : {}),
    };
  };

  return {
    registry,
    instrumentPipeline(pipeline) {
      const accept: InboundPipeline['accept'] = async (event) => {
        const acceptance = await pipeline.accept(event);
        if (!acceptance.accepted) {
          const platform = event.conversation.platform;
          if (acceptance.reason === 'already_handled') duplicates.inc({ platform });
          else refused.inc({ platform });
        }
        return acceptance;
      };
      const process: InboundPipeline['process'] = async (event) => {
        const platform = event.conversation.platform;
        const stop = turnSeconds.startTimer({ platform });
        try {
          await pipeline.process(event);
          turns.inc({ platform, kind: event.kind, result: 'ok' });
        } catch (error) {
          turns.inc({ platform, kind: event.kind, result: 'failed' });
          throw error;
        } finally {
          stop();
        }
      };
      return {
        accept,
        process,
        // Resumed turns run inside the pipeline's own process: counted as the pipeline counts them.
        resume: () => pipeline.resume(),
        async handle(event) {
          if ((await accept(event)).accepted) await process(event);
        },
      };
    },
    instrumentPlatform(platform) {
      if ('adapter' in platform) {
        const adapter = platform.adapter;
        return {
          ...platform,
          adapter: { ...adapter, outbound: counted(adapter.id, adapter.outbound) },
        };
      }
      return { ...platform, outbound: counted(platform.id, platform.outbound) };
    },
    rateLimited(platform) {
      rateLimited.inc({ platform });
    },
    watchQueues(queues) {
      watched = queues;
    },
    handler() {
      return async (_request, response) => {
        try {
          const body = cluster.isWorker ? await clusterMetrics() : await registry.metrics();
          response.status(200).type(registry.contentType).send(body);
        } catch {
          response.status(503).type('text/plain').send('metrics unavailable\n');
        }
      };
    },
  };
}

function isRateLimited(error: unknown): boolean {
  const candidate = error as { code?: unknown; statusCode?: unknown; status?: unknown } | null;
  return (
    candidate?.code === 'RATE_LIMITED' || candidate?.statusCode === 429 || candidate?.status === 429
  );
}

// ── node:cluster ────────────────────────────────────────────────────────────────────────────────
// Only the primary can ask every worker for its metrics. The worker that received GET /metrics
// asks the primary over the cluster's IPC channel, and the primary answers with the sum.

const METRICS_REQUEST = 'nabo:metrics-request';
const METRICS_ANSWER = 'nabo:metrics-answer';

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
interface MetricsAnswer {
  type: typeof METRICS_ANSWER;
  id: number;
  body?: string;
  error?: string;
}

/** In a cluster worker: lets the primary read this worker's registry (prom-client's own protocol). */
export function shareMetricsWithPrimary(metrics: WebMetrics): void {
  if (!cluster.isWorker) return;
  AggregatorRegistry.setRegistries([metrics.registry]);
  // Constructing one installs the worker's listener for the primary's requests.
  new AggregatorRegistry();
}

let requests = 0;
const pending = new Map<number, { resolve(body: string): void; reject(error: Error): void }>();
let listening = false;

function clusterMetrics(): Promise<string> {
  if (!listening) {
    listening = true;
    process.on('message', (message: MetricsAnswer) => {
      if (message?.type !== METRICS_ANSWER) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.body ?? '');
    });
  }
  const id = ++requests;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the primary did not answer'));
    }, 10_000);
    pending.set(id, {
      resolve: (body) => {
        clearTimeout(timer);
        resolve(body);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
}

/** In the primary: answers the workers' requests with the metrics of all workers, summed. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsRequest) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: METRICS_ANSWER, id: message.id, body } satisfies MetricsAnswer),
      (error: unknown) =>
        worker.send({
          type: METRICS_ANSWER,
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies MetricsAnswer),
    );
  });
}

/** /metrics answers while Redis is down: the queue depth is left out after this long. */
const QUEUE_COUNT_BOUND_MS = 1_000;

function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined);
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('queue count timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
