import net from 'node:net';
import { deserialize, serialize } from 'bson';

/** A minimal wire-protocol client for what the real driver never sends (or sends too politely). */
export type Doc = Record<string, unknown>;

let requestId = 1000;

function header(length: number, opCode: number, id: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(id, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

export function opMsg(
  body: Doc,
  options: {
    flags?: number;
    sequences?: Record<string, Doc[]>;
    checksum?: boolean;
    id?: number;
  } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [identifier, docs] of Object.entries(options.sequences ?? {})) {
    const payload = Buffer.concat([
      Buffer.from(`${identifier}\0`),
      ...docs.map((doc) => Buffer.from(serialize(doc))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((options.flags ?? 0) | (options.checksum ? 1 : 0), 0);
  // The server does not verify the CRC, so any four bytes stand in for it.
  const trailer = options.checksum ? [Buffer.alloc(4)] : [];
  const rest = Buffer.concat([flags, ...parts, ...trailer]);
  return Buffer.concat([header(16 + rest.length, 2013, options.id ?? requestId++), rest]);
}

export function opQuery(collection: string, query: Doc): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${collection}\0`);
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  const rest = Buffer.concat([flags, name, skipReturn, Buffer.from(serialize(query))]);
  return Buffer.concat([header(16 + rest.length, 2004, requestId++), rest]);
}

export interface Reply {
  readonly opCode: number;
  readonly responseTo: number;
  readonly doc: Doc;
}

function parseReply(frame: Buffer): Reply {
  const opCode = frame.readInt32LE(12);
  const responseTo = frame.readInt32LE(8);
  // OP_REPLY: 20 bytes of cursor bookkeeping; OP_MSG: flags(4) + section kind(1).
  const offset = opCode === 1 ? 36 : 21;
  return { opCode, responseTo, doc: deserialize(frame.subarray(offset)) };
}

/** A socket that collects whole reply frames. */
export class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private waiting: (() => void) | undefined;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
        const length = this.buffered.readInt32LE(0);
        this.replies.push(parseReply(this.buffered.subarray(0, length)));
        this.buffered = this.buffered.subarray(length);
      }
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with `count` replies, or rejects if the server closes the socket first. */
  async next(count = 1): Promise<Reply[]> {
    while (this.replies.length < count) {
      if (this.closed) throw new Error('socket closed');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
    return this.replies.splice(0, count);
  }

  waitForClose(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket.destroy();
  }
}
