import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { loadEnvironmentFile } from '../src/config/environment-file.js';
import {
  describeFailure,
  exitCodeFor,
  EXIT_OK,
  EXIT_USER_ERROR,
} from '../adapters/cli/exit-codes.js';
import { buildProgram } from '../adapters/cli/program.js';
import { registerDemoCommand } from './demo-command.js';

/** The `nabo` command. Exit codes: 0 ok, 1 user error (one line), 2 unexpected. */
async function main(argv: string[]): Promise<number> {
  loadEnvironmentFile();
  const program: Command = buildProgram(
    {
      print: (line) => console.log(line),
      printError: (line) => console.error(line),
    },
    // Loaded by the commands that queue messages only: the platforms bring Express and the SDKs.
    async (config, db) => (await import('./platforms.js')).deliveryPlatforms(config, db),
  );
  registerDemoCommand(program);
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its usage message; --help and --version end here too.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    }
    console.error(describeFailure(error));
    return exitCodeFor(error);
  }
}

// Exit explicitly: a command that forgot to close a connection must not leave the terminal hanging.
process.exit(await main(process.argv));
