import net from 'node:net';
import type { Logger } from 'pino';
import { isPlainObject, type Document } from './bson-values.js';
import { commandName, runCommand } from './commands/index.js';
import type { CursorRegistry } from './cursors.js';
import { errorReply, CommandError, ErrorCode } from './errors.js';
import {
  encodeOpMsg,
  encodeOpReply,
  MessageFramer,
  parseMessage,
  ProtocolError,
  type ClientMessage,
} from './wire-protocol.js';
import type { Storage } from './storage.js';

export interface WireServerOptions {
  readonly storage: Storage;
  readonly cursors: CursorRegistry;
  readonly logger?: Logger;
}

/**
 * The TCP side: frames messages per connection and answers each synchronously, so commands from
 * many connections (the driver's monitor and pool, several processes) never interleave.
 */
export class WireServer {
  private readonly options: WireServerOptions;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly startedAt = Date.now();
  private nextConnectionId = 1;

  constructor(options: WireServerOptions) {
    this.options = options;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  /** Closes every client socket, then the listener; resolves even with clients still connected. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close(() => resolve());
    });
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const framer = new MessageFramer();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    this.options.logger?.debug(
      { connectionId, remote: socket.remoteAddress },
      'embedded mongo: connection',
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const frame of framer.push(chunk)) {
          const reply = this.handle(parseMessage(frame), connectionId);
          if (reply !== undefined && socket.writable) socket.write(reply);
        }
      } catch (error) {
        // Only framing and parsing throw here (commands answer errors in-band): the byte stream
        // can no longer be trusted, so drop this connection and nothing else.
        const level = error instanceof ProtocolError ? 'warn' : 'error';
        this.options.logger?.[level](
          { err: error, connectionId },
          'embedded mongo: closing connection',
        );
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      this.options.logger?.debug({ err: error, connectionId }, 'embedded mongo: socket error');
    });
    socket.on('close', () => this.sockets.delete(socket));
  }

  private handle(message: ClientMessage, connectionId: number): Buffer | undefined {
    const { storage, cursors } = this.options;
    if (message.kind === 'query') {
      // Only the legacy handshake comes as OP_QUERY, on `<db>.$cmd`, possibly wrapped in $query.
      const { fullCollectionName, query } = message;
      const database = fullCollectionName.endsWith('.$cmd')
        ? fullCollectionName.slice(0, -'.$cmd'.length)
        : '';
      const body = isPlainObject(query.$query) ? query.$query : query;
      const reply =
        database === ''
          ? errorReply(
              new CommandError(
                ErrorCode.CommandNotFound,
                `OP_QUERY is only supported for commands, got ${fullCollectionName}`,
              ),
            )
          : runCommand(body, {
              storage,
              cursors,
              database,
              connectionId,
              startedAt: this.startedAt,
            });
      return encodeOpReply(message.header.requestId, reply);
    }
    const { body } = message;
    const database = body.$db;
    const reply: Document =
      typeof database === 'string'
        ? runCommand(body, { storage, cursors, database, connectionId, startedAt: this.startedAt })
        : errorReply(
            new CommandError(ErrorCode.BadValue, 'OP_MSG requests require a $db argument'),
          );
    this.options.logger?.trace(
      { connectionId, command: commandName(body), ok: reply.ok },
      'embedded mongo: command',
    );
    return message.moreToCome ? undefined : encodeOpMsg(message.header.requestId, reply);
  }
}
