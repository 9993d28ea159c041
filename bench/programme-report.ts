/**
 * The programme report at the size of a large coordinator: 6 areas, a year of 40 new households
 * a month each (2,880 households, about 4,300 tries at the door), against the embedded MongoDB.
 * Prints the time of the bulk read with the figures (1 area and 6 areas), of the chart as SVG and
 * of the PNG, each also as a multiple of one MongoDB round trip (ping) measured in the same run.
 * Run: npx tsx bench/programme-report.ts
 */
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import type { Area } from '../models/types.js';
import { chartLayout, renderChartSvg } from '../src/programme-report/chart.js';
import { programmeReport } from '../src/programme-report/index.js';
import { svgToPng } from '../src/programme-report/png.js';

const AREAS = 6;
const HOUSEHOLDS_PER_MONTH = 40;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const RANGE = { from: '2026-01', to: '2026-12' };

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo();
  const db = await connectDatabase(server.uri, { dbName: 'bench_programme_report' });
  try {
    const [areas, seedMs] = await timed(async () => {
      const created: Area[] = [];
      for (let a = 0; a < AREAS; a += 1) {
        const area = await db.areas.create({ key: `area-${a}`, name: `Område ${a}` });
        created.push(area);
        const ambassadors = await Promise.all(
          Array.from({ length: 8 }, (_, p) =>
            db.people.add({
              name: `Ambassadør ${a}-${p}`,
              roles: [{ areaId: area.id, role: 'ambassador' }],
            }),
          ),
        );
        await db.residents.importMany(
          area.id,
          MONTHS.flatMap((month) =>
            Array.from({ length: HOUSEHOLDS_PER_MONTH }, (_, h) => ({
              names: [`Beboer ${a}-${month}-${h}`],
              address: `Bænkevej ${month}-${h}`,
              moveInDate: `${month}-${String((h % 27) + 1).padStart(2, '0')}`,
              source: { list: 'bench', row: h + 1 },
            })),
          ),
        );
        const residents = await db.residents.listUnassigned(area.id);
        await Promise.all(
          residents.map(async (resident, index) => {
            const ambassador = ambassadors[index % ambassadors.length];
            if (!ambassador || index % 10 === 9) return; // one in ten never handed out
            const month = resident.moveInDate.toISOString().slice(0, 7);
            const visit = await db.visits.open(resident.id, ambassador.id, month);
            const first = new Date(resident.moveInDate.getTime() + (2 + (index % 12)) * 86_400_000);
            if (index % 3 === 0) {
              await db.visits.recordAttempt(visit.id, {
                at: first,
                outcome: 'not_home',
                folderLeft: false,
              });
            }
            await db.visits.recordAttempt(visit.id, {
              at: new Date(first.getTime() + 3 * 86_400_000),
              outcome: index % 4 === 0 ? 'not_home' : 'met',
              folderLeft: true,
            });
            await db.visits.close(visit.id, index % 4 === 0 ? 'folder_delivered_not_met' : 'met');
          }),
        );
      }
      return created;
    });

    const pings = 200;
    const [, pingMs] = await timed(async () => {
      for (let i = 0; i < pings; i += 1) await db.ping();
    });
    const roundTrip = pingMs / pings;

    const ask = (chosen: Area[]) =>
      programmeReport(db, { areas: chosen, range: RANGE, requestedBy: { platform: 'system' } });
    await ask(areas.slice(0, 1)); // warm-up: first queries, module loading
    const [, oneMs] = await timed(() => ask(areas.slice(0, 1)));
    const [report, sixMs] = await timed(() => ask(areas));
    const layout = chartLayout(report, 'da');
    await renderChartSvg(layout); // warm-up: loads ECharts
    const [svg, svgMs] = await timed(() => renderChartSvg(layout));
    await svgToPng(svg); // warm-up: loads resvg and the font
    const [png, pngMs] = await timed(() => svgToPng(svg));

    const line = (label: string, ms: number) =>
      console.log(
        `${label.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / roundTrip).toFixed(0).padStart(6)} round trips`,
      );
    console.log(
      `seeded ${AREAS} areas × ${MONTHS.length} months × ${HOUSEHOLDS_PER_MONTH} households in ${(seedMs / 1000).toFixed(1)} s`,
    );
    line('anchor: one MongoDB round trip (ping)', roundTrip);
    line('read + figures, 1 area, 12 months', oneMs);
    line(`read + figures, ${AREAS} areas, 12 months`, sixMs);
    line(`chart as SVG, ${AREAS} areas`, svgMs);
    line(`SVG to PNG, ${layout.width}×${layout.height}`, pngMs);
    console.log(
      `6 areas cost ${(sixMs / oneMs).toFixed(1)}× one area; PNG ${Math.round(png.length / 1024)} KiB`,
    );
  } finally {
    await db.drop();
    await db.close();
    await server.stop();
  }
}

await main();
