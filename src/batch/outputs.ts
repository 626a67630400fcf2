import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { csvField } from '../metrics/csv-field.js';
import type { Summary } from '../metrics/summary.js';
import type { GridPoint, Sweep } from './grid.js';
import type { RunRecord } from './runs-file.js';
import { aggregate, type MetricStats } from './stats.js';

export interface PointResult {
  point: string;
  params: Record<string, unknown>;
  /** Successful runs. */
  n: number;
  failed: number;
  metrics: Record<string, MetricStats>;
}

/** batch.json. No timing fields: the same batch gives the same file, whatever the workers. */
export interface BatchFile {
  scenario: string;
  seed: number;
  reps: number;
  sweeps: Sweep[];
  sets: string[];
  untilCi: { metric: string; halfWidth: number; maxReps: number } | null;
  /** False when the batch was interrupted before every planned run finished. */
  complete: boolean;
  points: PointResult[];
}

/** Statistics per grid point (in grid order) over its finished runs (in replication order). */
export function pointResults(grid: readonly GridPoint[], runsOf: (p: GridPoint) => RunRecord[]): PointResult[] {
  return grid.map((p) => {
    const runs = [...runsOf(p)].sort((a, b) => a.rep - b.rep);
    const ok = runs.filter((r) => r.status === 'ok' && r.summary).map((r) => r.summary as Summary);
    return { point: p.point, params: p.params, n: ok.length, failed: runs.length - ok.length, metrics: aggregate(ok) };
  });
}

const cell = (v: unknown): string =>
  csvField(v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** batch.csv: one row per grid point; per metric, its mean, sd, halfWidth and n. */
export function batchCsv(file: BatchFile): string {
  const paths = file.sweeps.map((s) => s.path);
  const metrics = [...new Set(file.points.flatMap((p) => Object.keys(p.metrics)))];
  const head = ['point', ...paths, 'n', 'failed', ...metrics.flatMap((m) => ['mean', 'sd', 'halfWidth', 'n'].map((k) => `${m}.${k}`))];
  const rows = file.points.map((p) => [
    p.point, ...paths.map((k) => p.params[k]), p.n, p.failed,
    ...metrics.flatMap((m): unknown[] => { const s = p.metrics[m]; return s ? [s.mean, s.sd, s.halfWidth, s.n] : ['', '', '', '']; }),
  ]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Writes batch.json and batch.csv, each under a temporary name renamed when complete. */
export function writeBatchFiles(dir: string, file: BatchFile): void {
  writeFileAtomic(join(dir, 'batch.json'), JSON.stringify(file, null, 2) + '\n');
  writeFileAtomic(join(dir, 'batch.csv'), batchCsv(file));
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const pm = (s: MetricStats | undefined) => (!s || s.mean === null ? '-' : s.halfWidth === null ? fmt(s.mean) : `${fmt(s.mean)} ± ${fmt(s.halfWidth)}`);

/** The console table: per point, key metrics as mean ± 95 % half-width. */
export function batchTable(file: BatchFile, extra: string[] = []): string {
  const names = [...new Set(['leadTimeMin.mean', 'leadTimeMin.p95', 'shipments.delivered', 'shipments.onTimeShare', ...extra])];
  const cps = [...new Set(file.points.flatMap((p) => Object.keys(p.metrics).filter((m) => m.startsWith('checkpoints.') && m.endsWith('.meanWaitMin'))))];
  const cols = [...names, ...cps.slice(0, 4).filter((c) => !names.includes(c))];
  const head = ['point', 'n', 'failed', ...cols.map((c) => c.replace(/^shipments\./, '').replace(/^checkpoints\.(.*)\.meanWaitMin$/, 'wait@$1'))];
  const rows = file.points.map((p) => [p.point, String(p.n), String(p.failed), ...cols.map((c) => pm(p.metrics[c]))]);
  const width = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
