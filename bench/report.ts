// Shared shapes for bench cases, medians, the markdown table and the result files.
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `loadAvg1` at the start: other work on the machine makes every figure slower, so it is recorded. */
export interface Env { date: string; node: string; cpu: string; cpus: number; memGiB: number; loadAvg1: number }

/** One row of the results: a case at one size, with medians (and ranges) over its runs. */
export interface CaseResult {
  case: 'engine' | 'baseline' | 'routing' | 'scale' | 'batch' | 'peer' | 'process' | 'queue';
  id: string;
  params: Record<string, string | number | boolean>;
  runs: number;
  median: Record<string, number>;
  min: Record<string, number>;
  max: Record<string, number>;
  /** Work done, identical in every run of the case: catches a "faster" build that skips work. */
  checksum?: Record<string, number>;
  note?: string;
  skipped?: string;
  measuredElsewhere?: string;
  env?: Env;
}

export interface Target { what: string; value: number | null; need: string; met: boolean | null }

export interface CaseContext { quick: boolean; log: (msg: string) => void }

export function environment(): Env {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    loadAvg1: loadavg()[0],
  };
}

export function cpuSlug(cpu: string): string {
  return cpu.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min and max of each metric over a list of runs. */
export function summarize(runs: Record<string, number>[]): Pick<CaseResult, 'runs' | 'median' | 'min' | 'max'> {
  const out = { runs: runs.length, median: {} as Record<string, number>, min: {} as Record<string, number>, max: {} as Record<string, number> };
  for (const key of Object.keys(runs[0] ?? {})) {
    const xs = runs.map((r) => r[key]);
    out.median[key] = median(xs); out.min[key] = Math.min(...xs); out.max[key] = Math.max(...xs);
  }
  return out;
}

/** Throws unless every run did the same work (same events, same completions). */
export function sameChecksum(id: string, sums: Record<string, number>[]): Record<string, number> {
  const first = JSON.stringify(sums[0]);
  for (const s of sums) if (JSON.stringify(s) !== first) throw new Error(`${id}: checksum differs between runs: ${first} vs ${JSON.stringify(s)}`);
  return sums[0];
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)} k`;
  if (a >= 100) return x.toFixed(0);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function row(r: CaseResult): string {
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const figures = r.skipped ? `**${r.skipped}**` : Object.keys(r.median).map((k) =>
    r.min[k] !== undefined && r.min[k] !== r.max[k] ? `${k} ${fmt(r.median[k])} (${fmt(r.min[k])}–${fmt(r.max[k])})` : `${k} ${fmt(r.median[k])}`).join('; ');
  const check = r.checksum ? Object.entries(r.checksum).map(([k, v]) => `${k}=${v}`).join(' ') : '';
  const note = [r.measuredElsewhere ? `measured elsewhere: ${r.measuredElsewhere}` : '', r.note ?? ''].filter(Boolean).join('; ');
  return `| ${r.id} | ${params} | ${figures} | ${r.runs} | ${check} | ${note} |`;
}

export function markdown(env: Env, results: CaseResult[], targets: Target[], quick: boolean): string {
  const lines = [
    `# relaysim benchmarks${quick ? ' (quick)' : ''}`,
    '',
    `${env.date} · Node ${env.node} · ${env.cpu} × ${env.cpus} · ${env.memGiB} GiB · load average ${env.loadAvg1.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    '',
    'Figures are medians over the runs in one process (min–max in brackets); `*PerS` are per wall second.',
    '',
    '| case | params | median (min–max) | runs | checksum | note |',
    '|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    '## Targets',
    '',
    '| target | value | need | met |',
    '|---|---|---|---|',
    ...targets.map((t) => `| ${t.what} | ${t.value === null ? 'n/a' : fmt(t.value)} | ${t.need} | ${t.met === null ? 'not measured' : t.met ? 'met' : '**not met**'} |`),
    '',
  ];
  return lines.join('\n');
}

/** Writes `<dir>/<stem>.json` (one object per case) and `<stem>.md`; returns the paths. */
export function writeResults(dir: string, stem: string, env: Env, results: CaseResult[], targets: Target[], quick: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${stem}.json`), md = join(dir, `${stem}.md`);
  writeFileSync(json, JSON.stringify(results.map((r) => ({ ...r, env })), null, 1) + '\n');
  writeFileSync(md, markdown(env, results, targets, quick));
  return [json, md];
}
