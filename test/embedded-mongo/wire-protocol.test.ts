import { Double, Long, ObjectId, deserialize, serialize } from 'bson';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  encodeOpMsg,
  encodeOpReply,
  MessageFramer,
  parseMessage,
  ProtocolError,
} from '../../models/embedded-mongo/wire-protocol.js';
import { cursorReply } from '../../models/embedded-mongo/commands/context.js';
import { CursorRegistry } from '../../models/embedded-mongo/cursors.js';
import { opMsg, opQuery } from './raw-client.js';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

describe('embedded mongo: wire protocol codec', () => {
  it('frames byte-by-byte input and back-to-back messages', () => {
    const first = opMsg({ ping: 1, $db: 'admin' });
    const second = opMsg({ hello: 1, $db: 'admin' });
    const framer = new MessageFramer();
    const frames: Buffer[] = [];
    for (const byte of Buffer.concat([first, second]))
      frames.push(...framer.push(Buffer.from([byte])));
    expect(frames.map((frame) => frame.equals(first) || frame.equals(second))).toEqual([
      true,
      true,
    ]);
    expect(
      new MessageFramer().push(Buffer.concat([first, second, first.subarray(0, 10)])),
    ).toHaveLength(2);
  });

  it('rejects impossible message lengths', () => {
    const tooSmall = Buffer.alloc(4);
    tooSmall.writeInt32LE(8, 0);
    expect(() => new MessageFramer().push(tooSmall)).toThrow(ProtocolError);
    const tooBig = Buffer.alloc(4);
    tooBig.writeInt32LE(48_000_001, 0);
    expect(() => new MessageFramer().push(tooBig)).toThrow(ProtocolError);
  });

  it('parses OP_MSG sections, flags and OP_QUERY handshakes', () => {
    const message = parseMessage(
      opMsg(
        { update: 'c', $db: 'd' },
        { flags: 2, checksum: true, sequences: { updates: [{ q: {}, u: { $set: { a: 1 } } }] } },
      ),
    );
    expect(message).toMatchObject({
      kind: 'msg',
      moreToCome: true,
      body: { update: 'c', updates: [{ q: {} }] },
    });
    expect(parseMessage(opQuery('admin.$cmd', { isMaster: 1 }))).toMatchObject({
      kind: 'query',
      fullCollectionName: 'admin.$cmd',
      query: { isMaster: 1 },
    });
  });

  it('rejects malformed OP_MSG bodies', () => {
    const valid = opMsg({ ping: 1 });
    const badKind = Buffer.from(valid);
    badKind[20] = 9;
    expect(() => parseMessage(badKind)).toThrow(ProtocolError);
    const badBson = Buffer.from(valid);
    badBson.writeInt32LE(1000, 21);
    expect(() => parseMessage(badBson)).toThrow(ProtocolError);
    const noBody = Buffer.alloc(20);
    noBody.writeInt32LE(20, 0);
    noBody.writeInt32LE(2013, 12);
    expect(() => parseMessage(noBody)).toThrow(ProtocolError);
  });

  it('encodes replies that answer the request id', () => {
    const msg = encodeOpMsg(77, { ok: 1 });
    expect(msg.readInt32LE(0)).toBe(msg.length);
    expect(msg.readInt32LE(8)).toBe(77);
    expect(msg.readInt32LE(12)).toBe(2013);
    expect(deserialize(msg.subarray(21))).toEqual({ ok: 1 });
    const reply = encodeOpReply(78, { ismaster: true });
    expect(reply.readInt32LE(12)).toBe(1);
    expect(reply.readInt32LE(32)).toBe(1); // numberReturned
    expect(deserialize(reply.subarray(36))).toEqual({ ismaster: true });
  });
});

describe('embedded mongo: cursor replies', () => {
  it('when a batch goes out as the BSON its size check made, then the reply is byte for byte what the serializer makes of it', () => {
    const docs = Array.from({ length: 150 }, (_, i) => ({
      _id: ObjectId.createFromHexString(`65c00000000000000000${String(i).padStart(4, '0')}`),
      n: i,
      wide: new Double(2),
      big: Long.fromNumber(i * 1e10),
      text: 'æøå ☃ '.repeat(i % 5),
      left: undefined,
      nested: [1, { gone: undefined, at: new Date(Date.UTC(2026, 0, 1 + i)) }],
    }));
    const cursors = new CursorRegistry();
    for (const [ns, batchSize] of [
      ['d.c', undefined],
      ['dø.$cmd.aggregate', 3],
      ['d.c', 0],
      ['d.c', 1],
    ] as const) {
      const batch = cursors.open(ns, docs, batchSize);
      for (const first of [true, false]) {
        const message = encodeOpMsg(5, cursorReply(batch, first));
        const expected = serialize(
          {
            cursor: { [first ? 'firstBatch' : 'nextBatch']: batch.batch, id: batch.id, ns },
            ok: 1,
          },
          { ignoreUndefined: true },
        );
        expect(message.readInt32LE(0)).toBe(message.length);
        expect(Buffer.compare(message.subarray(21), Buffer.from(expected))).toBe(0);
      }
    }
  });
});

describe('embedded mongo: process lifecycle', () => {
  it('lets the process exit after stop() even with a client still connected', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/exit-after-stop.ts', import.meta.url));
    const child = spawn(process.execPath, [...RUN_TYPESCRIPT, fixture], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      // A process kept alive by a timer or socket would never exit: report that as a failure.
      const guard = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 15_000);
      child.on('exit', (code) => {
        clearTimeout(guard);
        resolve(code);
      });
    });
    expect(output).toContain('stopped');
    expect(exitCode).toBe(0);
  });
});
