import type { Command } from 'commander';
import { pino } from 'pino';
import { assertRedisReachable } from '../../jobs/redis-connection.js';
import { connectDatabase } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { loadConfig } from '../../src/config/config.js';
import { createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { DEMO_AREA_KEY, seedDemoEstate } from '../../src/demo/seed.js';
import { UserError } from '../../src/errors.js';
import { allFlows } from '../../src/flows/index.js';
import { REDACTED_PATHS } from '../../src/logging/logger.js';
import { ConsoleAdapter } from '../console/console-adapter.js';

/**
 * `npm run demo` / `nabo demo`: a small but real Nabo in the terminal. The embedded MongoDB runs
 * in-process unless MONGODB_URI is set; the demo estate is seeded; you talk as one of its people.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('talk to Nabo in the terminal as a person of the seeded demo estate')
    .option(
      '--as <name>',
      'who you are: Birgit, Ahmed or Lise (ambassadors), Mette (coordinator)',
      'Birgit',
    )
    .action(async (options: { as: string }) => {
      const config = loadConfig();
      await assertRedisReachable(config.redisUrl);

      let embedded: EmbeddedMongo | undefined;
      let uri = config.mongodbUri;
      if (!uri) {
        embedded = await startEmbeddedMongo();
        uri = `${embedded.uri}nabo`;
      }
      const db = await connectDatabase(uri);
      try {
        const estate = await seedDemoEstate(db, systemClock.now(), config.timeZone);
        const handle = options.as.trim().toLocaleLowerCase('da');
        const person = await db.people.findByConsoleHandle(handle);
        if (!person) {
          throw new UserError(
            'NOT_FOUND',
            `There is nobody called "${options.as}" in the demo. Try --as Birgit, Ahmed, Lise or Mette.`,
          );
        }
        const terminal = new ConsoleAdapter(process.stdout);
        // Logs go to standard error so they never mix with the conversation.
        const logger = pino(
          { level: 'warn', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
          pino.destination(2),
        );
        const bot = createBot(
          {
            db,
            outbound: terminal,
            clock: systemClock,
            timeZone: config.timeZone,
            locale: config.locale,
            logger,
          },
          allFlows,
        );
        const interactive = Boolean(process.stdin.isTTY);
        const role = person.roles.some((entry) => entry.role === 'coordinator')
          ? 'coordinator'
          : 'ambassador';
        console.log(
          `Nabo demo — ${DEMO_AREA_KEY} (${estate.seeded ? 'freshly seeded' : 'existing data'}). ` +
            `You are ${person.name} (${role}). Try "mine besøg" or "hjælp"` +
            (interactive ? '; Ctrl-D ends.' : '.'),
        );
        await terminal.converse(
          bot,
          { handle, firstName: person.name.split(' ')[0] ?? person.name },
          process.stdin,
          interactive,
        );
      } finally {
        await db.close();
        await embedded?.stop();
      }
    });
}
