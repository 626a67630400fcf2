// Case 1 + 2: engine throughput on the reference M/M/4 scenario against the hand-written baseline.
// Each size runs in its own child process (so its max RSS is its own); inside the child, relaysim and
// the baseline alternate run by run, so both see the same machine.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import { erlangCWq, runBaseline } from './baseline/mmc-minimal.js';
import { summarize, sameChecksum, type CaseContext, type CaseResult } from './report.js';

const REFERENCE = 'scenarios/reference/mmc.json';
/** The reference model: arrivals per minute, lanes, service and dock rates per minute, travel minutes. */
export const MMC = { lam: 3.4, mu: 1, c: 4, d: 4, nu: 1, travel: 5 } as const;

interface ChildOut {
  relaysim: { wallS: number; shipmentsPerS: number; eventsPerS: number; created: number; delivered: number; events: number; cpWait: number }[];
  baseline: { wallS: number; shipmentsPerS: number; eventsPerS: number; events: number; completed: number; meanWait: number }[];
  maxRssMiB: number;
}

/** Runs in the child: `runs` alternating relaysim and baseline runs of `shipments` loads. */
function child(file: string, shipments: number, runs: number): ChildOut {
  const horizon = shipments / MMC.lam;
  const scenario = loadScenario(file, [`horizonMin=${horizon}`]);
  const out: ChildOut = { relaysim: [], baseline: [], maxRssMiB: 0 };
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const { summary } = new Simulation(scenario, { seed: 1 }).run();
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    const created = summary.shipments.created, delivered = summary.shipments.delivered;
    const cpWait = Object.values(summary.checkpoints)[0]?.meanWaitMin ?? NaN;
    out.relaysim.push({ wallS, shipmentsPerS: created / wallS, eventsPerS: summary.events / wallS, created, delivered, events: summary.events, cpWait });
    const b = runBaseline({ trucks: shipments, ...MMC, seed: 1 });
    out.baseline.push({ wallS: b.wallS, shipmentsPerS: b.completed / b.wallS, eventsPerS: b.events / b.wallS, events: b.events, completed: b.completed, meanWait: b.meanWait });
    process.stderr.write(`  engine ${shipments}: run ${r + 1}/${runs} relaysim ${(created / wallS).toFixed(0)}/s, baseline ${(b.completed / b.wallS).toFixed(0)}/s\n`);
  }
  out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
  return out;
}

function spawnChild(file: string, shipments: number, runs: number): Promise<ChildOut> {
  const args = ['--import', 'tsx', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', file, String(shipments), String(runs)];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    p.stdout.on('data', (d) => { text += d; });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').at(-1)!)) : reject(new Error(`engine child (${shipments}) exited ${code}`))));
  });
}

export async function runEngine(ctx: CaseContext): Promise<CaseResult[]> {
  const sizes = ctx.quick ? [1e5] : [1e5, 1e6, 1e7];
  const results: CaseResult[] = [];
  for (const n of sizes) {
    const runs = 5;
    ctx.log(`engine: ${n} shipments x ${runs} runs (child process)`);
    const o = await spawnChild(REFERENCE, n, runs);
    const id = `${n.toExponential().replace('+', '')}`;
    const rel = o.relaysim.map(({ wallS, shipmentsPerS, eventsPerS }) => ({ shipmentsPerS, eventsPerS, wallS }));
    const base = o.baseline.map(({ wallS, shipmentsPerS, eventsPerS, meanWait }) => ({ shipmentsPerS, eventsPerS, wallS, meanWait }));
    const relS = summarize(rel), baseS = summarize(base);
    relS.median.ofBaseline = relS.median.shipmentsPerS / baseS.median.shipmentsPerS;
    relS.median.maxRssMiB = o.maxRssMiB;
    // Model checks, so a fast but wrong engine shows: the checkpoint is M/M/4, and nearly every load
    // created is delivered by the end (drainMin 0 leaves only the few on their way in the system).
    const first = o.relaysim[0], wq = erlangCWq(MMC.lam, MMC.mu, MMC.c);
    relS.median.cpWaitVsErlangC = (first.cpWait - wq) / wq;
    relS.median.deliveredShare = first.delivered / first.created;
    const bad = Math.abs(relS.median.cpWaitVsErlangC) > 0.05 || relS.median.deliveredShare < 0.99;
    results.push({
      case: 'engine', id: `engine/mmc/${id}`, params: { scenario: REFERENCE, shipments: n, seed: 1 }, ...relS,
      checksum: sameChecksum(`engine ${n}`, o.relaysim.map(({ created, delivered, events }) => ({ created, delivered, events }))),
      note: [bad ? `MODEL CHECK FAILED: checkpoint wait ${first.cpWait.toFixed(3)} vs Erlang C ${wq.toFixed(3)}, delivered ${first.delivered} of ${first.created}` : '',
        `maxRssMiB is the child's peak over all ${runs} relaysim + baseline runs`].filter(Boolean).join('; '),
    });
    results.push({
      case: 'baseline', id: `baseline/mmc/${id}`, params: { ...MMC, trucks: n, seed: 1 }, ...baseS,
      checksum: sameChecksum(`baseline ${n}`, o.baseline.map(({ events, completed }) => ({ events, completed }))),
      note: 'bench/baseline/mmc-minimal.ts, same process as the relaysim runs above',
    });
  }
  return results;
}

/** Peers' figures from /work/shared/peers/RESULTS.md: quoted, not measured by this bench. */
export function peerFigures(): CaseResult[] {
  const src = '/work/shared/peers/RESULTS.md (2 vCPU AMD EPYC, Node v20.20.2)';
  const quote = (id: string, params: CaseResult['params'], runs: number, m: Record<string, number>, lo: Record<string, number>, hi: Record<string, number>): CaseResult =>
    ({ case: 'peer', id, params, runs, median: m, min: lo, max: hi, measuredElsewhere: src });
  return [
    quote('peer/simpy-4.1.2/mmc', { trucks: 1e6, model: 'same M/M/4 + station' }, 5, { shipmentsPerS: 58203 }, { shipmentsPerS: 56200 }, { shipmentsPerS: 58900 }),
    quote('peer/sumo-1.15-meso/1e4', { trucks: 1e4, net: '30x30 grid', routes: 'precomputed' }, 3, { tripsPerS: 7188 }, { tripsPerS: 7188 }, { tripsPerS: 7188 }),
    quote('peer/sumo-1.15-meso/5e4', { trucks: 5e4, net: '30x30 grid', routes: 'precomputed' }, 3, { tripsPerS: 11954 }, { tripsPerS: 11954 }, { tripsPerS: 11954 }),
  ];
}

if (process.argv[2] === '--child') {
  const [file, n, runs] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(child(file, Number(n), Number(runs))) + '\n');
}
