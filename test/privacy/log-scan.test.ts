import { consoleIdentity } from '../../adapters/console/platform.js';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPrivacyCommands } from '../../adapters/cli/commands/privacy.js';
import { registerReportCommands } from '../../adapters/cli/commands/report.js';
import { registerResidentsCommands } from '../../adapters/cli/commands/residents.js';
import type { Resident } from '../../models/types.js';
import { createInboundPipeline, type InboundPipeline } from '../../src/core/pipeline.js';
import { fixedClock } from '../../kernel/clock.js';
import type { ConversationRef, InboundEvent } from '../../src/core/inbound.js';
import { allFlows } from '../../src/core/all-flows.js';
import { createLogger, logger, setLogger, type Logger } from '../../kernel/logger.js';
import { applyRetention } from '../../src/privacy/apply-retention.js';
import { choicesOf, RecordingAdapter, testPlatforms } from '../support/conversation.js';
import { runCli, useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { uniqueHandle } from './support/privacy-harness.js';

/**
 * The log must never carry a resident's name, address or note. This runs the main stories — the
 * monthly list imported from the CLI, "mine besøg", reports with notes (a sensitive one too),
 * undo, the coordinator's overview, export and erasure in chat, the CSV report, the nightly
 * retention — with every log line (trace level) captured, and looks for the personal data.
 */
const db = useTestDatabase();
const captured: string[] = [];
const buffer = new Writable({
  write(chunk: Buffer, _encoding, done) {
    captured.push(chunk.toString('utf8'));
    done();
  },
});
let bufferLogger: Logger;
let previous: Logger;

beforeAll(() => {
  previous = logger();
  bufferLogger = createLogger({ level: 'trace', destination: buffer });
  // Repositories, the import and the CLI log through the process-wide logger.
  setLogger(bufferLogger);
});
afterAll(() => setLogger(previous));

/** One person's conversation with a bot that logs into the buffer. */
class LoggedChat {
  private readonly adapter = new RecordingAdapter();
  private readonly bot: InboundPipeline;
  private sequence = 0;
  private readonly conversation: ConversationRef;

  constructor(private readonly handle: string) {
    this.bot = createInboundPipeline(
      {
        db: db(),
        platforms: testPlatforms(this.adapter),
        clock: fixedClock('2026-11-27T10:00:00+01:00'),
        timeZone: 'Europe/Copenhagen',
        locale: 'da',
        logger: bufferLogger,
      },
      allFlows,
    );
    this.conversation = {
      platform: 'console',
      key: `console:${handle}`,
      isDirect: true,
      address: {},
    };
  }

  private event(): Omit<InboundEvent, 'kind'> {
    return {
      eventId: `evt-${this.handle}-${++this.sequence}`,
      actor: consoleIdentity(this.handle),
      conversation: this.conversation,
      receivedAt: new Date(),
    };
  }

  async write(text: string): Promise<void> {
    await this.bot.handle({ ...this.event(), kind: 'message', text } as InboundEvent);
  }

  get sentCount(): number {
    return this.adapter.sent.length;
  }

  /** Everything the bot said here (from the nth message), with the alt text of any picture. */
  shown(from = 0): string {
    return this.adapter.sent
      .slice(from)
      .map((entry) => [entry.message.text, entry.message.image?.altText ?? ''].join('\n'))
      .join('\n');
  }

  async press(label: string): Promise<void> {
    for (const entry of [...this.adapter.sent].reverse()) {
      const choice = choicesOf(entry.replacedBy ?? entry.message).find((candidate) =>
        candidate.label.includes(label),
      );
      if (choice) {
        await this.bot.handle({
          ...this.event(),
          kind: 'action',
          action: choice.action,
          source: entry.ref,
        } as InboundEvent);
        return;
      }
    }
    const said = this.adapter.sent.map((entry) => entry.message.text).join(' | ');
    throw new Error(`no button "${label}" in: ${said}`);
  }
}

const NOTES = [
  'hun bruger kørestol og vil gerne med i madklubben',
  'lagde mappen, hunden gøede hele tiden',
];

describe('personal data in the logs', () => {
  it('when the main stories run with every log line captured, then no name, address or note is in them', async () => {
    const estate = await createEstate(db());
    const ambassadorHandle = uniqueHandle('a');
    const ambassador = await estate.ambassador('Birgit Sørensen', ambassadorHandle);
    const coordinatorHandle = uniqueHandle('c');
    await estate.coordinator('Lene Holm', coordinatorHandle);

    const file = resolve(import.meta.dirname, '../fixtures/residents/tilflyttere-2026-11.csv');
    const imported = await runCli(
      db,
      [registerResidentsCommands],
      ['residents', 'import', file, '--area', estate.area.key],
    );
    expect(imported.error).toBeUndefined();
    const households: Resident[] = await db().residents.listUnassigned(estate.area.id);
    expect(households.length).toBeGreaterThan(3);
    for (const household of households.slice(0, 3)) {
      await db().visits.open(household.id, ambassador.id, '2026-11');
    }

    // The folder's dinner club: the note below makes a follow-up and an offer to go along.
    await db().welcomeFolders.replace(estate.area.id, {
      contacts: [],
      activities: [{ name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' }],
    });
    const birgit = new LoggedChat(ambassadorHandle);
    await birgit.write('mine besøg');
    await birgit.write(`Ove og Else Christensen: mødte dem, ${NOTES[0]}`);
    await birgit.press('Ja, gem noten');
    await birgit.press('Ja, jeg følges med');
    await birgit.press('Fulgtes ad');
    await birgit.write('mine interesser: madklub, taler arabisk');
    await birgit.write('fortryd');
    await birgit.write(`ikke hjemme, ${NOTES[1]}`);
    await birgit.press('Jonas');
    await birgit.write('mine besøg');

    const lene = new LoggedChat(coordinatorHandle);
    await lene.write('mine besøg');
    await lene.write(`udtræk beboer ${households[1]!.id}`);
    await lene.press('Ja, lav udtræk');
    await lene.write(`slet beboer ${households[2]!.id}`);
    await lene.press('Ja, slet');
    await new LoggedChat('nobody-knows-me').write('Hej, jeg hedder Ove Christensen');
    // Phase 2: an event announced and sent (nobody is reachable here: no notifier).
    await lene.write('arrangement: kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset');
    await lene.press('Send invitationen');
    await birgit.write('arrangementer');
    // The programme report in chat: counts only, in the message and in the log.
    const beforeReport = lene.sentCount;
    await lene.write('rapport');
    const reportShown = lene.shown(beforeReport);
    expect(reportShown).toContain('Programrapport for Testparken');
    await birgit.write('rapport');

    const report = await runCli(
      db,
      [registerReportCommands],
      ['report', 'csv', '--area', estate.area.key],
    );
    expect(report.error).toBeUndefined();
    const exported = await runCli(
      db,
      [registerPrivacyCommands],
      ['export', 'resident', households[0]!.id],
    );
    expect(exported.error).toBeUndefined();
    await applyRetention(db(), new Date('2028-01-01T00:00:00Z'));

    const log = captured.join('');
    // The stories did run and did log.
    expect(log).toContain('visit reported');
    expect(log).toContain('resident list imported');
    expect(log).toContain('resident erasure requested in chat');
    expect(log).toContain('deletion deadlines applied');
    expect(log).toContain('event invitations sent');
    const secrets = [
      ...households.flatMap((household) => [...household.names, household.address]),
      ...households
        .flatMap((household) => household.names.flatMap((name) => name.split(/\s+/)))
        .filter((word) => word.length > 3),
      ...NOTES,
      'madklubben',
      'hunden',
    ];
    const leaked = secrets.filter((secret) => log.includes(secret));
    expect(leaked).toEqual([]);
    expect(secrets.filter((secret) => reportShown.includes(secret))).toEqual([]);
  });
});

describe('the scan itself', () => {
  it('when personal data is logged under a field the redaction list names, then it is censored; elsewhere the scan would see it', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const probe = createLogger({ level: 'info', destination: sink });

    probe.info(
      { names: ['Ove Christensen'], resident: { address: 'Gudrunsvej 10' }, answers: ['træt'] },
      'redacted',
    );
    probe.info({ label: 'Ove Christensen' }, 'not redacted');

    expect(lines[0]).not.toMatch(/Ove|Gudrunsvej|træt/);
    expect(lines[1]).toContain('Ove Christensen');
  });
});
