// The shipments.csv writer alone, in one process: the rows of one reference run (1e6 shipments by
// default) are recorded once as numbers, then replayed into each writer in turn, round by round
// (A B C A B C ..., one warm-up round): rows as ShipmentRow objects (built as the observer builds them)
// into `onShipment`, rows as numbers into `fields` (packed, formatRows), and the writer thread. Prints
// the medians of wall ms and of this process's CPU ms (user + system, all threads), and checks that
// the three files are byte-identical. Engine noise stays out of it (the model runs once, first).
// Times the compiled writer (dist/: `npm run build` first), as the CLI runs it; the thread then loads dist/ too.
//   node --import tsx bench/csv-writer.ts [ROUNDS=5] [SHIPMENTS=1e6]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Csv from '../src/metrics/shipments-csv.js';
import type * as CsvThread from '../src/metrics/shipments-csv-thread.js';
import type * as Sim from '../src/model/simulation.js';
import type { ShipmentRow, ShipmentStatus } from '../src/model/simulation.js';
import type * as Load from '../src/scenario/load.js';
import { median } from './report.js';

if (!existsSync('dist/metrics/shipments-csv-thread.js')) throw new Error('bench csv-writer: dist/ missing: run `npm run build` first');
const dist = (m: string) => import(new URL(`../dist/${m}`, import.meta.url).href);
const { shipmentsCsv } = (await dist('metrics/shipments-csv.js')) as typeof Csv;
const { shipmentsCsvThread } = (await dist('metrics/shipments-csv-thread.js')) as typeof CsvThread;
const { Simulation } = (await dist('model/simulation.js')) as typeof Sim;
const { loadScenario } = (await dist('scenario/load.js')) as typeof Load;

const [roundsArg, shipmentsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 5), shipments = Number(shipmentsArg ?? 1e6);
const sc = loadScenario('scenarios/reference/mmc.json', [`horizonMin=${shipments / 3.4}`]);
type Rec = [number, number, number, number, ShipmentStatus, string, number, number];
const rec: Rec[] = [];
new Simulation(sc, { shipmentFields: (...a) => { rec.push(a); } }).run();
const names = { streams: sc.demand, stations: sc.stations.map((s) => s.id) };
const toRow = ([id, stream, bits, station, status, reason, createdMin, t]: Rec): ShipmentRow => {
  const d = sc.demand[stream], delivered = status === 'delivered';
  return { id, stream: d.id, from: d.from, to: d.to, priority: bits & 2 ? 'whitelist' : 'normal', pass: (bits & 1) !== 0, createdMin,
    deliveredMin: delivered ? t : null, status, station: station >= 0 ? names.stations[station] : '', leadTimeMin: delivered ? t - createdMin : null, reason };
};
const dir = mkdtempSync(join(tmpdir(), 'relaysim-csv-writer-'));
const writers: Record<string, (file: string) => void> = {
  objects: (f) => { const c = shipmentsCsv(f); for (const a of rec) c.onShipment(toRow(a)); c.writer.commit(); },
  numbers: (f) => { const c = shipmentsCsv(f, names), put = c.fields!; for (const a of rec) put(...a); c.writer.commit(); },
  thread: (f) => { const c = shipmentsCsvThread(f, names), put = c.fields; for (const a of rec) put(...a); c.commit(); },
};
const wall: Record<string, number[]> = {}, cpu: Record<string, number[]> = {};
try {
  for (let r = -1; r < rounds; r++) {
    for (const [k, write] of Object.entries(writers)) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      write(join(dir, `${k}.csv`));
      const c = process.cpuUsage(c0);
      if (r < 0) continue;
      (wall[k] ??= []).push(performance.now() - t0);
      (cpu[k] ??= []).push((c.user + c.system) / 1000);
    }
  }
  const ref = readFileSync(join(dir, 'objects.csv'));
  for (const k of Object.keys(writers)) {
    const same = readFileSync(join(dir, `${k}.csv`)).equals(ref);
    console.log(`${k.padEnd(8)} wall ${median(wall[k]).toFixed(0).padStart(5)} ms  cpu ${median(cpu[k]).toFixed(0).padStart(5)} ms  (${rec.length} rows${same ? '' : ', BYTES DIFFER'})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
