/**
 * The monthly hand-out at scale: 10,000 new households to 1,000 ambassadors in 50 areas, planned
 * by the pure `assignHouseholds` and persisted by `runMonthlyAssignment` (one visit per household)
 * against the embedded MongoDB server through mongoose.
 * Run: npx tsx bench/assignment-10k.ts
 */
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import type { Area } from '../models/types.js';
import { assignHouseholds } from '../src/assignment/assign-households.js';
import { runMonthlyAssignment } from '../src/assignment/run-monthly-assignment.js';

const AREAS = 50;
const AMBASSADORS_PER_AREA = 20;
const HOUSEHOLDS_PER_AREA = 200;
const MONTH = '2026-12';
const NOW = new Date('2026-12-01T08:00:00Z');
const LANGUAGES = ['da', 'ar', 'so', 'tr', 'uk', 'en'];

/** The driver's handshake and monitoring, not the hand-out's. */
const DRIVER_OWN = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

/** Median of 200 pings through the same connection, after 20 to warm up. */
async function pingRoundTrip(db: Awaited<ReturnType<typeof connectDatabase>>): Promise<number> {
  for (let i = 0; i < 20; i += 1) await db.ping();
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const started = performance.now();
    await db.ping();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo();
  // Commands the server receives during the hand-out, counted at the driver (issue 15).
  let counting = false;
  let commands = 0;
  const db = await connectDatabase(server.uri, {
    dbName: 'bench_assignment',
    commandListener: (event) => {
      if (counting && !DRIVER_OWN.has(event.commandName)) commands += 1;
    },
  });
  try {
    let started = performance.now();
    const areas: Area[] = [];
    const agreed = new Date('2026-01-01T00:00:00Z');
    for (let a = 0; a < AREAS; a += 1) {
      const area = await db.areas.create({ key: `area-${a}`, name: `Område ${a}` });
      areas.push(area);
      for (let p = 0; p < AMBASSADORS_PER_AREA; p += 1) {
        await db.people.add({
          name: `Ambassadør ${a}-${p}`,
          roles: [{ areaId: area.id, role: 'ambassador' }],
          languages: ['da', LANGUAGES[(p % (LANGUAGES.length - 1)) + 1] ?? 'en'],
          block: `B${p % 5}`,
          stairwell: String(p % 4),
          // 5–15 a month: about 200 places for 200 households, so a few wait for room.
          monthlyCapacity: 5 + ((a + p) % 11),
          confidentialityAt: agreed,
        });
      }
      await db.residents.importMany(
        area.id,
        Array.from({ length: HOUSEHOLDS_PER_AREA }, (_, h) => ({
          names: [`Beboer ${a}-${h}`],
          address: `Bænkevej ${h + 1}`,
          block: `B${h % 7}`,
          stairwell: String(h % 4),
          moveInDate: `2026-11-${String((h % 28) + 1).padStart(2, '0')}`,
          languageHints: h % 3 === 0 ? [LANGUAGES[h % LANGUAGES.length] ?? 'da'] : [],
          source: { list: 'bench', row: h + 1 },
        })),
      );
    }
    const seeded = performance.now() - started;

    started = performance.now();
    const inputs = [];
    for (const area of areas) {
      inputs.push({
        areaId: area.id,
        month: MONTH,
        now: NOW,
        residents: await db.residents.listUnassigned(area.id),
        people: await db.people.listByArea(area.id, 'ambassador'),
        openedThisMonth: new Map<string, number>(),
      });
    }
    const loaded = performance.now() - started;

    started = performance.now();
    let planned = 0;
    let unplanned = 0;
    for (const input of inputs) {
      const plan = assignHouseholds(input);
      planned += plan.assignments.length;
      unplanned += plan.unassigned.length;
    }
    const computed = performance.now() - started;

    // The anchor, measured in the same run: the driver's own ping round trip to this server.
    const ping = await pingRoundTrip(db);

    started = performance.now();
    let opened = 0;
    let unassigned = 0;
    counting = true;
    for (const area of areas) {
      const run = await runMonthlyAssignment(db, { area, month: MONTH, now: NOW });
      opened += run.opened.length;
      unassigned += run.plan.unassigned.length;
    }
    counting = false;
    const persisted = performance.now() - started;

    console.log(
      `assignment bench: ${AREAS} areas, ${AREAS * AMBASSADORS_PER_AREA} ambassadors, ${AREAS * HOUSEHOLDS_PER_AREA} households`,
    );
    console.log(`  seed (not part of the hand-out)        ${seconds(seeded)}`);
    console.log(`  load inputs from MongoDB               ${seconds(loaded)}`);
    console.log(
      `  compute plans (pure)                   ${seconds(computed)}  (${planned} assigned, ${unplanned} unassigned)`,
    );
    console.log(
      `  plan + persist (runMonthlyAssignment)  ${seconds(persisted)}  (${opened} visits opened, ${unassigned} unassigned, ${Math.round(opened / (persisted / 1000))} visits/s)`,
    );
    console.log(
      `  commands for plan + persist            ${commands} (${(commands / AREAS).toFixed(1)} per area; goal ≤ 20 per area)`,
    );
    console.log(
      `  anchor: driver ping round trip         ${ping.toFixed(3)} ms; plan + persist = ${Math.round(persisted / ping)} pings (goal: < 2 s)`,
    );
  } finally {
    await db.drop();
    await db.close();
    await server.stop();
  }
}

await main();
