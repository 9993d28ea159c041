import type { CommandContext, CommandHandler } from './context.js';
import type { Document } from '../bson-values.js';
import { EMBEDDED_SERVER_MARKER } from '../detect.js';

/** MongoDB 7.0; drivers require a maxWireVersion between 9 and 29 (FIELD-NOTES). */
export const SERVER_VERSION = '7.0.0';
const WIRE_VERSION = 21;

function helloReply(context: CommandContext): Document {
  // A standalone without `topologyVersion`: the driver's monitor polls instead of streaming, and
  // no `compression` field, so no client ever sends OP_COMPRESSED.
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: WIRE_VERSION,
    readOnly: false,
    embedded: EMBEDDED_SERVER_MARKER,
    ok: 1,
  };
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['memory'],
  modules: [],
  embedded: EMBEDDED_SERVER_MARKER,
  ok: 1,
});

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (_body, context) => helloReply(context),
  isMaster: (_body, context) => helloReply(context),
  ismaster: (_body, context) => helloReply(context),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter: () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { hostname: 'embedded' }, os: { type: process.platform }, ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
  connectionStatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  serverStatus: (_body, context) => ({
    host: 'embedded',
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor((Date.now() - context.startedAt) / 1000),
    uptimeMillis: Date.now() - context.startedAt,
    localTime: new Date(),
    connections: { current: 0, available: 1000 },
    // As mongod reports its storage engine; `persistent: false` like the in-memory engine.
    storageEngine: { name: 'memory', persistent: false, supportsCommittedReads: false },
    embedded: EMBEDDED_SERVER_MARKER,
    ok: 1,
  }),
};
