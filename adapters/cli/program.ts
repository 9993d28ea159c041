import { Command } from 'commander';
import { loadConfig } from '../../src/config/config.js';
import { registerAreaCommands } from './commands/area.js';
import { registerPersonCommands } from './commands/person.js';
import { registerResidentsCommands } from './commands/residents.js';
import { registerVisitsCommands } from './commands/visits.js';
import { registerAssignCommand } from './commands/assign.js';
import { registerPrivacyCommands } from './commands/privacy.js';
import { registerReportCommands } from './commands/report.js';
import { registerWelcomeFolderCommands } from './commands/welcome-folder.js';
import { createCliRuntime, type ProcessPlatforms } from './cli-runtime.js';
import { registerDevDbCommand } from './dev-db-command.js';
import { registerInterpretCommand } from './interpret-command.js';

export interface Terminal {
  print(line: string): void;
  printError(line: string): void;
}

/**
 * The operator's `nabo` subcommands. Configuration is read lazily, so `nabo --help` works
 * without any. `platforms` comes from the composition root (app/): the platforms the worker
 * delivers on, for commands that queue messages.
 */
export function buildProgram(terminal: Terminal, platforms: ProcessPlatforms): Command {
  const program = new Command('nabo')
    .description('Nabo — the neighbour-ambassador bot. Operator commands.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => terminal.print(text.trimEnd()),
      writeErr: (text) => terminal.printError(text.trimEnd()),
    });
  const runtime = createCliRuntime(() => loadConfig(), terminal, platforms);

  registerDevDbCommand(program, terminal.print);
  registerInterpretCommand(program, terminal.print);
  registerAreaCommands(program, runtime);
  registerPersonCommands(program, runtime);
  registerResidentsCommands(program, runtime);
  registerVisitsCommands(program, runtime);
  registerAssignCommand(program, runtime);
  registerPrivacyCommands(program, runtime);
  registerReportCommands(program, runtime);
  registerWelcomeFolderCommands(program, runtime);
  return program;
}
