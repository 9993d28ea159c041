import type { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import type { Socket } from 'node:net';
import { logger } from '../kernel/logger.js';

/** How often the watchdog looks for a command stuck on a dead socket. */
export const STUCK_WRITE_SCAN_MS = 1_500;

/** The driver's internals the watchdog reads (mongodb 7.8; the restart test fails if they move). */
interface ConnectionInternals {
  socket?: Socket;
}
interface ServerInternals {
  monitor?: { connection?: ConnectionInternals | null } | null;
  pool?: { checkedOut?: Set<ConnectionInternals> };
}
interface TopologyInternals {
  s?: { servers?: Map<string, ServerInternals> };
}

/**
 * Keeps the driver from waiting forever on a connection MongoDB reset (a restart, a failover).
 *
 * The driver (mongodb 7.8 and 7.9) has a race: a command started on a connection that is reset
 * in the same moment finds the socket destroyed while the command is being encoded, and
 * `socket.write` then waits for a `drain` that a destroyed socket never emits — no timeout
 * applies to that wait. On the server monitor's connection it means the monitor never looks
 * again: the server stays "unknown" and every operation fails server selection until the process
 * restarts (seen in about 1 of 20 restarts under load; test/models/stuck-write-watchdog.test.ts). On
 * an operation's connection the operation, and the turn awaiting it, would never end.
 *
 * A destroyed socket with someone waiting for its `drain` can only be that case, so the watchdog
 * raises an error on it: the command fails as on any reset connection, the monitor counts a
 * failed heartbeat and connects afresh, and a turn's operation is retried like any other.
 *
 * The error is a MongoNetworkError, what the driver raises for any reset connection: the waiting
 * command rejects with the very error emitted, and only a network error tells the pipeline
 * (isUnavailableError) and the driver (pool cleared, server marked unknown) that MongoDB was
 * away. A plain Error made the pipeline take the turn for broken: it was not run again, and its
 * acknowledged report waited for the resumer a lease later (test/core/inbox.test.ts, "resets the connection").
 */
export function watchForStuckWrites(client: MongoClient, db: string): void {
  const scan = setInterval(() => unstick(client, db), STUCK_WRITE_SCAN_MS).unref();
  client.on('topologyClosed', () => clearInterval(scan));
  let unknownSince: number | undefined;
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
    const connections = [server.monitor?.connection, ...(server.pool?.checkedOut ?? [])];
    for (const connection of connections) {
      const socket = connection?.socket;
      if (!socket?.destroyed || socket.listenerCount('drain') === 0) continue;
      logger().warn({ db }, 'MongoDB command stuck on a reset connection: failing it');
      socket.emit('error', new mongoose.mongo.MongoNetworkError('command on a reset connection'));
    }
  }
}
