// Issue 13: what users wait for, timed as whole processes (spawned, wall clock from spawn to exit):
// start-up (--version, --help) against `node -e 0`; `relaysim run` on the reference model with CSV,
// Parquet and no record files against the minimal loop in the same session; `relaysim report` on that
// run; `relaysim batch` on 1 vs 2 workers with small and large replications. Commands alternate run by
// run (A B C A B C ...), so the ratios compare like with like on a noisy machine.
// `--before DIR`: also time the same commands in another checkout (e.g. `git worktree add DIR main`,
// `npm ci` there), interleaved, for before/after ratios in one session.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MMC } from './engine.js';
import { median, summarize, type CaseContext, type CaseResult } from './report.js';

const REFERENCE = 'scenarios/reference/mmc.json';
/** A command; `clean` is removed before each run (a batch resumes from its --out). */
interface Cmd { label: string; args: string[]; cwd?: string; env?: Record<string, string>; clean?: string }

/** Wall s of a whole process, and its CPU s (user + system, from /usr/bin/time when the machine has it: less sensitive to a loaded machine than wall time). */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
function timed(c: Cmd): { wall: number; cpu: number } {
  if (c.clean) rmSync(c.clean, { recursive: true, force: true });
  const [cmd, args] = TIME ? [TIME, ['-f', 'cpu %U %S', process.execPath, ...c.args]] : [process.execPath, c.args];
  const t0 = process.hrtime.bigint();
  // RELAYSIM_BUILD=dist: a CLI whose dist/ is older than its src/ (edited while the bench runs) exits 2
  // instead of running through tsx unseen; the commands that import dist/ directly would not notice.
  const r = spawnSync(cmd, args, { cwd: c.cwd, env: { ...process.env, RELAYSIM_BUILD: 'dist', ...c.env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${c.label}: exit ${r.status}: ${r.stderr?.toString().slice(-500)}`);
  const m = /cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(r.stderr?.toString() ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

/** Runs the commands in turn, `runs` rounds after one warm-up round; wall seconds per label, CPU seconds per `label + 'Cpu'`. */
function alternate(cmds: Cmd[], runs: number, log: (m: string) => void): Record<string, number>[] {
  for (const c of cmds) timed(c);
  const out: Record<string, number>[] = [];
  for (let r = 0; r < runs; r++) {
    const row: Record<string, number> = {};
    for (const c of cmds) { const t = timed(c); row[c.label] = t.wall; if (TIME) row[`${c.label}Cpu`] = t.cpu; }
    out.push(row);
    log(`  round ${r + 1}/${runs}: ${cmds.map((c) => `${c.label} ${row[c.label].toFixed(2)} s${TIME ? ` (cpu ${row[`${c.label}Cpu`].toFixed(2)})` : ''}`).join(', ')}`);
  }
  return out;
}

/** Median ratios a/b taken pair by pair (the same round), as farm-bench-like paired figures. */
function pairedRatio(rows: Record<string, number>[], a: string, b: string): number {
  return median(rows.map((r) => r[a] / r[b]));
}

const bin = (dir = '.') => join(dir, 'bin/relaysim.mjs');

export async function runProcess(ctx: CaseContext, before?: string): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  // PROCESS_RUNS: more rounds for a ratio of a few per cent (one process's speed varies by up to 1.5x here).
  const runs = Number(process.env.PROCESS_RUNS) || (ctx.quick ? 3 : 5);
  const old = before ? resolve(before) : undefined;
  // dist/ built and no older than src/ (bin/relaysim.mjs checks, under RELAYSIM_BUILD=dist), here and in --before.
  for (const dir of old ? ['.', old] : ['.']) timed({ label: `bench process: ${dir}`, args: [bin(dir), '--version'], cwd: dir });
  const tmp = mkdtempSync(join(tmpdir(), 'relaysim-bench-process-'));
  try {
    // 1. Start-up.
    ctx.log('process: start-up (--version, --help) against node -e 0');
    const start: Cmd[] = [
      { label: 'node-e-0', args: ['-e', '0'] },
      { label: 'version', args: [bin(), '--version'] },
      { label: 'help', args: [bin(), '--help'] },
      { label: 'versionTsx', args: [bin(), '--version'], env: { RELAYSIM_BUILD: 'src' } },
      ...(old ? [{ label: 'versionBefore', args: [bin(old), '--version'], cwd: old }] : []),
    ];
    const s = alternate(start, ctx.quick ? 5 : 9, ctx.log);
    const sm = summarize(s);
    Object.assign(sm.median, {
      versionOverNode: pairedRatio(s, 'version', 'node-e-0'), helpOverNode: pairedRatio(s, 'help', 'node-e-0'),
      tsxVersionOverNode: pairedRatio(s, 'versionTsx', 'node-e-0'),
      ...(old ? { beforeVersionOverNode: pairedRatio(s, 'versionBefore', 'node-e-0') } : {}),
    });
    results.push({ case: 'process', id: 'process/start-up', params: { commands: start.map((c) => c.label).join(', ') }, ...sm,
      note: 'whole-process wall s; versionTsx = the same CLI run from src/ through tsx (RELAYSIM_BUILD=src)' });

    // 2. relaysim run on the reference model, and the minimal loop in the same session.
    const n = ctx.quick ? 1e5 : 1e6;
    const set = ['--set', `horizonMin=${n / MMC.lam}`];
    const run = (label: string, fmt: string, dir = '.'): Cmd => ({ label, args: [bin(dir), 'run', resolve(REFERENCE), ...set, '--format', fmt, '--out', join(tmp, label), '--quiet'], cwd: dir });
    const engineOnly = `import { loadScenario } from './dist/scenario/load.js'; import { Simulation } from './dist/model/simulation.js';
      new Simulation(loadScenario('${REFERENCE}', ['horizonMin=${n / MMC.lam}'])).run();`;
    // The same engine process with shipments.csv written as `relaysim run` writes it (rows as numbers):
    // against noFiles, the cost of the writing alone, without the CLI's loading and its other files.
    const engineCsv = `import { loadScenario } from './dist/scenario/load.js'; import { Simulation } from './dist/model/simulation.js';
      import { shipmentsCsv } from './dist/metrics/shipments-csv.js';
      const s = loadScenario('${REFERENCE}', ['horizonMin=${n / MMC.lam}']);
      const { writer, fields } = shipmentsCsv('${join(tmp, 'engine-shipments.csv')}', { streams: s.demand, stations: s.stations.map((x) => x.id) });
      new Simulation(s, { shipmentFields: fields }).run(); writer.commit();`;
    const noFiles: Cmd = { label: 'noFiles', args: ['--input-type=module', '-e', engineOnly] };
    const minimal = `import { runBaseline } from './bench/baseline/mmc-minimal.ts';
      const b = runBaseline({ trucks: ${n}, ...${JSON.stringify(MMC)}, seed: 1 }); process.stderr.write(JSON.stringify(b) + '\\n');`;
    ctx.log(`process: relaysim run, reference model, ${n} shipments: csv, parquet, no record files; minimal loop`);
    const csvThread: Cmd = { ...run('csvThread', 'csv'), label: 'csvThread' };
    csvThread.args = [...csvThread.args, '--csv-thread'];
    const cmds: Cmd[] = [
      run('csv', 'csv'), csvThread, run('parquet', 'parquet'),
      noFiles,
      { label: 'minimalLoop', args: ['--import', 'tsx', '--input-type=module', '-e', minimal] },
      ...(old ? [{ label: 'csvBefore', args: [bin(old), 'run', resolve(REFERENCE), ...set, '--out', join(tmp, 'before'), '--quiet'], cwd: old }] : []),
    ];
    const r = alternate(cmds, runs, ctx.log);
    const rm = summarize(r);
    Object.assign(rm.median, {
      csvShipmentsPerS: n / rm.median.csv, ofMinimalLoopCsv: pairedRatio(r, 'minimalLoop', 'csv'),
      ofMinimalLoopNoFiles: pairedRatio(r, 'minimalLoop', 'noFiles'), ofMinimalLoopParquet: pairedRatio(r, 'minimalLoop', 'parquet'),
      csvShareOfRun: median(r.map((x) => (x.csv - x.noFiles) / x.csv)),
      csvThreadShareOfRun: median(r.map((x) => (x.csvThread - x.noFiles) / x.csvThread)),
      ...(TIME ? {
        csvShareOfRunCpu: median(r.map((x) => (x.csvCpu - x.noFilesCpu) / x.csvCpu)), ofMinimalLoopNoFilesCpu: pairedRatio(r, 'minimalLoopCpu', 'noFilesCpu'),
        csvThreadShareOfRunCpu: median(r.map((x) => (x.csvThreadCpu - x.noFilesCpu) / x.csvThreadCpu)),
      } : {}),
      ...(old ? { csvOverBefore: pairedRatio(r, 'csv', 'csvBefore') } : {}),
      ...(old && TIME ? { csvCpuOverBefore: pairedRatio(r, 'csvCpu', 'csvBeforeCpu') } : {}),
    });
    results.push({ case: 'process', id: `process/run/${n.toExponential().replace('+', '')}`, params: { scenario: REFERENCE, shipments: n }, ...rm,
      note: 'whole-process wall s (*Cpu: user + system s); ofMinimalLoop* = minimal-loop process / relaysim process (both include node start-up; the minimal loop also tsx); csvShareOfRun = (csv - noFiles) / csv, paired (the whole CLI: loading, validation, every output file); csvThread = csv with --csv-thread (shipments.csv formatted on a second thread); the writer alone: process/csv-writer' });

    // 2b. The writer's cost: the same engine process with and without writing shipments.csv, in rounds of
    // their own, so the ~400 MB the other commands write in a round do not fall between the two. Writeback
    // still pending slows a writer all the same (300 MB of other files written before each pair took its
    // share from 0.10 to 0.13: bench/results/2026-12-07-amd-epyc-csv-share-s6.md), so read it as a range.
    ctx.log('process: the shipments.csv writer, the engine process with and without it');
    const w = alternate([
      noFiles,
      { label: 'engineCsv', args: ['--input-type=module', '-e', engineCsv] },
    ], runs, ctx.log);
    const wm = summarize(w);
    Object.assign(wm.median, {
      csvShareOfEngineRun: median(w.map((x) => (x.engineCsv - x.noFiles) / x.engineCsv)),
      ...(TIME ? { csvShareOfEngineRunCpu: median(w.map((x) => (x.engineCsvCpu - x.noFilesCpu) / x.engineCsvCpu)) } : {}),
    });
    results.push({ case: 'process', id: `process/csv-writer/${n.toExponential().replace('+', '')}`, params: { scenario: REFERENCE, shipments: n }, ...wm,
      note: 'whole-process wall s (*Cpu: user + system s), alternating; csvShareOfEngineRun = (engineCsv - noFiles) / engineCsv, paired: the same engine process (compiled Simulation) with and without writing shipments.csv as relaysim run does (rows as numbers), to one path replaced each run' });

    // 3. relaysim report on the csv run.
    ctx.log('process: relaysim report on that run');
    const rep: Cmd[] = [
      { label: 'report', args: [bin(), 'report', join(tmp, 'csv'), '--out', join(tmp, 'r.html'), '--quiet'] },
      ...(old ? [{ label: 'reportBefore', args: [bin(old), 'report', join(tmp, 'csv'), '--out', join(tmp, 'r-before.html'), '--quiet'], cwd: old }] : []),
    ];
    const p = alternate(rep, runs, ctx.log);
    const pm = summarize(p);
    if (old) pm.median.reportOverBefore = pairedRatio(p, 'report', 'reportBefore');
    if (old && TIME) pm.median.reportCpuOverBefore = pairedRatio(p, 'reportCpu', 'reportBeforeCpu');
    results.push({ case: 'process', id: `process/report/${n.toExponential().replace('+', '')}`, params: { shipments: n }, ...pm, note: 'whole-process wall s of `relaysim report DIR`' });

    // 4. relaysim batch, 1 vs 2 workers, small and large replications.
    for (const [name, per] of (ctx.quick ? [['small', 2e3]] : [['small', 2e3], ['large', 6e4]]) as [string, number][]) {
      const reps = 8;
      const batch = (label: string, w: number, dir = '.'): Cmd => ({ label, cwd: dir, clean: join(tmp, `b-${label}`),
        args: [bin(dir), 'batch', resolve(REFERENCE), '--reps', String(reps), '--workers', String(w), '--set', `horizonMin=${per / MMC.lam}`, '--out', join(tmp, `b-${label}`), '--quiet'] });
      ctx.log(`process: relaysim batch, ${reps} x ${per} shipments, 1 vs 2 workers`);
      const cmdsB = [batch('w1', 1), batch('w2', 2), ...(old ? [batch('w1Before', 1, old), batch('w2Before', 2, old)] : [])];
      const rowsB = alternate(cmdsB, runs, ctx.log);
      const bm = summarize(rowsB);
      Object.assign(bm.median, { w2OverW1: pairedRatio(rowsB, 'w2', 'w1'), ...(old ? { beforeW2OverW1: pairedRatio(rowsB, 'w2Before', 'w1Before') } : {}) });
      results.push({ case: 'process', id: `process/batch/${name}`, params: { replications: reps, shipmentsPerRep: per }, ...bm,
        note: 'whole-process wall s of `relaysim batch --workers N` (fresh --out each run); w2OverW1 < 1: 2 workers faster' });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}
