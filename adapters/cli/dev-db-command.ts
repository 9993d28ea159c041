import type { Command } from 'commander';
import { loadConfig } from '../../src/config/config.js';
import { processClock } from '../../kernel/clock.js';
import { UserError } from '../../kernel/errors.js';

/**
 * `nabo dev-db`: the embedded MongoDB as its own process, so the CLI, the web process and the
 * worker can share one database during development. Runs until Ctrl-C.
 */
export function registerDevDbCommand(program: Command, print: (line: string) => void): void {
  program
    .command('dev-db')
    .description('run the embedded in-memory MongoDB server for development (data is lost on exit)')
    .option('--port <port>', 'TCP port', '27017')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port: string; host: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UserError('INVALID_INPUT', `--port must be a port number, got "${options.port}"`);
      }
      // With NABO_NOW the other processes stamp expiry times on that clock: expire on it too.
      const clock = processClock(loadConfig().now);
      // Loaded here, not at the top: every other `nabo` command would load the server too.
      const { startEmbeddedMongo } = await import('../../models/embedded-mongo/index.js');
      const server = await startEmbeddedMongo({
        port,
        host: options.host,
        now: () => clock.now().getTime(),
      }).catch((error: unknown) => {
        throw new UserError(
          'DEPENDENCY_UNAVAILABLE',
          `Cannot listen on ${options.host}:${port} (${(error as Error).message}). Is another database running there?`,
          { cause: error },
        );
      });
      print(`Embedded MongoDB listening at ${server.uri}nabo — in memory only; Ctrl-C stops it.`);
      print(`Use it with: MONGODB_URI=${server.uri}nabo`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.stop().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
