import type { MongoClient } from 'mongodb';
import type { Socket } from 'node:net';
import { logger } from '../kernel/logger.js';

/**
 * How long a heartbeat may stay unanswered on a connection that is already closed before the
 * watchdog steps in. A check on a live connection answers in milliseconds or fails with the
 * driver's own timeout; one on a closed connection cannot end at all (see below).
 */
export const STUCK_HEARTBEAT_MS = 1_500;

/** The driver's internals the watchdog reads (mongodb 7.8; the restart test fails if they move). */
interface MonitorInternals {
  connection?: { closed?: boolean; socket?: Socket } | null;
}
interface TopologyInternals {
  s?: { servers?: Map<string, { monitor?: MonitorInternals | null }> };
}

/**
 * Keeps the driver's server monitor alive across a MongoDB restart.
 *
 * The driver (mongodb 7.8 and 7.9) has a race: when an operation's connection breaks, the server
 * is marked unknown and the monitor is asked to check it at once. If the monitor's own
 * connection is reset in the same moment, the check starts on it while it is still open, the
 * socket is destroyed while the command is being encoded, and `socket.write` then waits for a
 * `drain` that a destroyed socket never emits. The check never ends, so the monitor never looks
 * again: the server stays "unknown" and every operation fails server selection until the process
 * restarts (seen in about 1 of 20 restarts under load; test/models/monitor-watchdog.test.ts).
 *
 * A heartbeat still pending after STUCK_HEARTBEAT_MS on a closed connection can only be that
 * case, so the watchdog fails it by raising an error on the dead socket; the monitor then counts
 * a failed heartbeat and connects afresh, as it does after any other failure.
 */
export function watchServerMonitor(client: MongoClient, db: string): void {
  let pending: NodeJS.Timeout | undefined;
  let unknownSince: number | undefined;
  const settle = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
  };
  client.on('serverHeartbeatStarted', () => {
    settle();
    pending = setTimeout(() => unstick(client, db), STUCK_HEARTBEAT_MS).unref();
  });
  client.on('serverHeartbeatSucceeded', settle);
  client.on('serverHeartbeatFailed', settle);
  client.on('close', settle);
  // One line when the server is lost and one when it is back, for whoever reads the logs.
  client.on('serverDescriptionChanged', (event) => {
    const lost = event.newDescription.type === 'Unknown';
    if (lost && unknownSince === undefined) {
      unknownSince = performance.now();
      logger().warn({ db, code: event.newDescription.error?.name }, 'MongoDB server lost');
    } else if (!lost && unknownSince !== undefined) {
      const afterMs = Math.round(performance.now() - unknownSince);
      unknownSince = undefined;
      logger().info({ db, afterMs }, 'MongoDB server back');
    }
  });
}

function unstick(client: MongoClient, db: string): void {
  const topology = (client as unknown as { topology?: TopologyInternals }).topology;
  for (const server of topology?.s?.servers?.values() ?? []) {
    const connection = server.monitor?.connection;
    const socket = connection?.socket;
    // Only the stuck case: a check waiting (its 'error' listener) on a connection already closed.
    if (!connection?.closed || !socket?.destroyed || socket.listenerCount('error') === 0) continue;
    logger().warn({ db }, 'MongoDB monitor stuck on a closed connection: failing its check');
    socket.emit('error', new Error('heartbeat on a closed connection'));
  }
}
