import { deserialize, Long, serialize, type DeserializeOptions } from 'bson';
import { normalizeIncoming, type Document } from './bson-values.js';

export const OpCode = {
  REPLY: 1,
  QUERY: 2004,
  COMPRESSED: 2012,
  MSG: 2013,
} as const;

export const HEADER_SIZE = 16;
export const MAX_MESSAGE_SIZE = 48_000_000;

const OP_MSG_CHECKSUM_PRESENT = 1 << 0;
const OP_MSG_MORE_TO_COME = 1 << 1;

/**
 * Numbers keep their BSON types (int64 and integral doubles as wrappers, see normalizeIncoming)
 * so they go back out as they came in; handlers query a promoted view. Regexes become JS RegExp,
 * which mingo matches with.
 */
const DESERIALIZE_OPTIONS: DeserializeOptions = {
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: false,
};

/** The peer sent bytes that are not a valid message: the connection cannot be trusted further. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface MessageHeader {
  readonly length: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

export interface OpQueryMessage {
  readonly kind: 'query';
  readonly header: MessageHeader;
  readonly fullCollectionName: string;
  readonly query: Document;
}

export interface OpMsgMessage {
  readonly kind: 'msg';
  readonly header: MessageHeader;
  readonly body: Document;
  /** The client expects no reply (fire-and-forget, e.g. `endSessions` with w: 0). */
  readonly moreToCome: boolean;
}

export type ClientMessage = OpQueryMessage | OpMsgMessage;

/**
 * Reassembles whole messages from a TCP stream: a chunk may hold part of a message or several.
 * Chunks are only concatenated once a message is complete, so a 48 MB insert arriving in 64 KB
 * pieces is not copied quadratically.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const length = this.peekLength();
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      const all =
        this.chunks.length === 1
          ? (this.chunks[0] as Buffer)
          : Buffer.concat(this.chunks, this.buffered);
      frames.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const head = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [head];
    return head.readInt32LE(0);
  }
}

function readHeader(frame: Buffer): MessageHeader {
  return {
    length: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

/** Deserialises the BSON document at `offset`, checking it stays inside `end`. */
function readDocument(frame: Buffer, offset: number, end: number): { doc: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > end) {
    throw new ProtocolError(`invalid BSON document size ${size}`);
  }
  try {
    return {
      doc: normalizeIncoming(
        deserialize(frame.subarray(offset, offset + size), DESERIALIZE_OPTIONS),
      ) as Document,
      next: offset + size,
    };
  } catch (error) {
    throw new ProtocolError(
      `invalid BSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readCString(frame: Buffer, offset: number, end: number): { value: string; next: number } {
  const terminator = frame.indexOf(0, offset);
  if (terminator < 0 || terminator >= end) throw new ProtocolError('unterminated cstring');
  return { value: frame.toString('utf8', offset, terminator), next: terminator + 1 };
}

function parseOpQuery(frame: Buffer, header: MessageHeader): OpQueryMessage {
  // flags(4) fullCollectionName(cstring) numberToSkip(4) numberToReturn(4) query [fieldSelector]
  const name = readCString(frame, HEADER_SIZE + 4, frame.length);
  const { doc } = readDocument(frame, name.next + 8, frame.length);
  return { kind: 'query', header, fullCollectionName: name.value, query: doc };
}

function parseOpMsg(frame: Buffer, header: MessageHeader): OpMsgMessage {
  if (frame.length < HEADER_SIZE + 5) throw new ProtocolError('OP_MSG too short');
  const flags = frame.readUInt32LE(HEADER_SIZE);
  // The CRC-32C is optional for the receiver to verify; TCP already guards loopback traffic.
  const end = flags & OP_MSG_CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<{ identifier: string; docs: Document[] }> = [];
  while (offset < end) {
    const kind = frame[offset];
    offset += 1;
    if (kind === 0) {
      if (body !== undefined) throw new ProtocolError('OP_MSG with more than one body section');
      const read = readDocument(frame, offset, end);
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const sectionEnd = offset + frame.readInt32LE(offset);
      if (sectionEnd <= offset + 4 || sectionEnd > end) {
        throw new ProtocolError('invalid document sequence size');
      }
      const identifier = readCString(frame, offset + 4, sectionEnd);
      const docs: Document[] = [];
      let cursor = identifier.next;
      while (cursor < sectionEnd) {
        const read = readDocument(frame, cursor, sectionEnd);
        docs.push(read.doc);
        cursor = read.next;
      }
      sequences.push({ identifier: identifier.value, docs });
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (body === undefined) throw new ProtocolError('OP_MSG without a body section');
  for (const { identifier, docs } of sequences) {
    const existing = body[identifier];
    body[identifier] = Array.isArray(existing) ? [...(existing as unknown[]), ...docs] : docs;
  }
  return { kind: 'msg', header, body, moreToCome: (flags & OP_MSG_MORE_TO_COME) !== 0 };
}

/** Parses one complete frame; throws ProtocolError for anything a driver would never send. */
export function parseMessage(frame: Buffer): ClientMessage {
  const header = readHeader(frame);
  if (header.length !== frame.length) throw new ProtocolError('frame length mismatch');
  switch (header.opCode) {
    case OpCode.QUERY:
      return parseOpQuery(frame, header);
    case OpCode.MSG:
      return parseOpMsg(frame, header);
    default:
      // We never advertise compression, and legacy opcodes are gone since MongoDB 5.1.
      throw new ProtocolError(`unsupported opCode ${header.opCode}`);
  }
}

let nextRequestId = 1;

function writeHeader(message: Buffer, responseTo: number, opCode: number): void {
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(nextRequestId, 4);
  nextRequestId = nextRequestId >= 0x7fffffff ? 1 : nextRequestId + 1;
  message.writeInt32LE(responseTo, 8);
  message.writeInt32LE(opCode, 12);
}

/**
 * A cursor batch whose documents are already BSON (see cursorReply), kept on the reply's
 * `cursor` under this symbol.
 */
export const ENCODED_BATCH = Symbol('encoded cursor batch');

export interface EncodedBatch {
  /** `firstBatch` or `nextBatch`. */
  readonly field: 'firstBatch' | 'nextBatch';
  /** The documents as the reply holds them: the bytes stand for them only while they are there. */
  readonly batch: readonly unknown[];
  readonly documents: readonly Uint8Array[];
}

const TYPE_INT32 = 0x10;
const TYPE_STRING = 0x02;
const TYPE_DOCUMENT = 0x03;
const TYPE_ARRAY = 0x04;
const TYPE_INT64 = 0x12;

/** `{cursor: {<field>: [...], id, ns}, ok: 1}` exactly as cursorReply builds it, else undefined. */
function encodedCursorReply(
  doc: Document,
): { batch: EncodedBatch; id: Long; ns: string } | undefined {
  const cursor = doc.cursor as (Document & { [ENCODED_BATCH]?: EncodedBatch }) | undefined;
  const batch = cursor?.[ENCODED_BATCH];
  if (cursor === undefined || batch === undefined || doc.ok !== 1) return undefined;
  if (cursor[batch.field] !== batch.batch || batch.batch.length !== batch.documents.length) {
    return undefined;
  }
  const { id, ns } = cursor;
  if (!(id instanceof Long) || typeof ns !== 'string') return undefined;
  const replyKeys = Object.keys(doc);
  const cursorKeys = Object.keys(cursor);
  if (replyKeys.length !== 2 || replyKeys[0] !== 'cursor' || replyKeys[1] !== 'ok')
    return undefined;
  if (
    cursorKeys.length !== 3 ||
    cursorKeys[0] !== batch.field ||
    cursorKeys[1] !== 'id' ||
    cursorKeys[2] !== 'ns'
  ) {
    return undefined;
  }
  return { batch, id, ns };
}

/**
 * Writes an ASCII field name and its terminating zero byte byte by byte: for names this short,
 * Buffer#write's call into the encoder costs more than the copy.
 */
function writeAscii(out: Buffer, text: string, at: number): number {
  let position = at;
  for (let i = 0; i < text.length; i++) out[position++] = text.charCodeAt(i);
  out[position++] = 0;
  return position;
}

/**
 * Writes a cursor reply by hand around its documents' BSON, byte for byte what `serialize` makes
 * of the same reply (test/embedded-mongo/wire-protocol.test.ts): every reply to find, getMore
 * and aggregate takes this path.
 */
function cursorReplyMessage(
  reply: { batch: EncodedBatch; id: Long; ns: string },
  prefixLength: number,
  responseTo: number,
  opCode: number,
): Buffer {
  const { batch, id, ns } = reply;
  let arraySize = 4 + 1;
  batch.documents.forEach((bson, index) => {
    arraySize += 1 + String(index).length + 1 + bson.byteLength;
  });
  const nsBytes = Buffer.byteLength(ns, 'utf8');
  const fieldBytes = batch.field.length;
  const cursorSize =
    4 + (1 + fieldBytes + 1 + arraySize) + (1 + 2 + 1 + 8) + (1 + 2 + 1 + 4 + nsBytes + 1) + 1;
  const replySize = 4 + (1 + 6 + 1 + cursorSize) + (1 + 2 + 1 + 4) + 1;
  const start = HEADER_SIZE + prefixLength;
  const out = Buffer.allocUnsafe(start + replySize);
  for (let i = HEADER_SIZE; i < start; i++) out[i] = 0;
  let at = start;
  out.writeInt32LE(replySize, at);
  at += 4;
  out[at++] = TYPE_DOCUMENT;
  at = writeAscii(out, 'cursor', at);
  out.writeInt32LE(cursorSize, at);
  at += 4;
  out[at++] = TYPE_ARRAY;
  at = writeAscii(out, batch.field, at);
  out.writeInt32LE(arraySize, at);
  at += 4;
  batch.documents.forEach((bson, index) => {
    out[at++] = TYPE_DOCUMENT;
    at = writeAscii(out, String(index), at);
    out.set(bson, at);
    at += bson.byteLength;
  });
  out[at++] = 0;
  out[at++] = TYPE_INT64;
  at = writeAscii(out, 'id', at);
  out.writeInt32LE(id.low, at);
  out.writeInt32LE(id.high, at + 4);
  at += 8;
  out[at++] = TYPE_STRING;
  at = writeAscii(out, 'ns', at);
  out.writeInt32LE(nsBytes + 1, at);
  at += 4;
  at += out.write(ns, at, 'utf8');
  out[at++] = 0;
  out[at++] = 0;
  out[at++] = TYPE_INT32;
  at = writeAscii(out, 'ok', at);
  out.writeInt32LE(1, at);
  at += 4;
  out[at++] = 0;
  writeHeader(out, responseTo, opCode);
  return out;
}

/**
 * Serialises `doc` straight into a message of `prefixLength` zeroed bytes after the header, in
 * one allocation (a reply is built for every command, so copies show up in profiles).
 */
function message(doc: Document, prefixLength: number, responseTo: number, opCode: number): Buffer {
  const cursorReply = encodedCursorReply(doc);
  if (cursorReply !== undefined) {
    return cursorReplyMessage(cursorReply, prefixLength, responseTo, opCode);
  }
  const bson = serialize(doc, { ignoreUndefined: true });
  const start = HEADER_SIZE + prefixLength;
  const out = Buffer.allocUnsafe(start + bson.byteLength);
  for (let i = HEADER_SIZE; i < start; i++) out[i] = 0;
  out.set(bson, start);
  writeHeader(out, responseTo, opCode);
  return out;
}

/** OP_REPLY, the answer to an OP_QUERY handshake. */
export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  // responseFlags(4) cursorID(8) startingFrom(4) numberReturned(4)
  const out = message(doc, 20, responseTo, OpCode.REPLY);
  out.writeInt32LE(1, HEADER_SIZE + 16);
  return out;
}

/** OP_MSG with a single kind-0 body and no flags. */
export function encodeOpMsg(responseTo: number, doc: Document): Buffer {
  // flagBits(4) = 0, section kind(1) = 0
  return message(doc, 5, responseTo, OpCode.MSG);
}
