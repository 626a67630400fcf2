// `relaysim compare DIR DIR...`: reads the directories, builds the page's data and writes one
// self-contained page (whole or not at all), and the table the command prints.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { renderHtml, SHARED_MODULES } from '../report/render-html.js';
import { batchCompare } from './batch-compare.js';
import { readInputs, type BatchInput, type RunInput } from './inputs.js';
import { HEADLINE, runCompare } from './run-compare.js';
import { InputError } from '../scenario/errors.js';
import { percent } from '../cli/summary-table.js';

export const COMPARE_DEFAULT_OUT = 'out/compare.html';

export async function compareData(dirs: string[], names?: string[]) {
  const inputs = readInputs(dirs, names);
  return inputs[0].kind === 'run' ? runCompare(inputs as RunInput[]) : batchCompare(inputs as BatchInput[]);
}

export type CompareData = Awaited<ReturnType<typeof compareData>>;

export async function writeCompare(dirs: string[], o: { out?: string; names?: string[] } = {}) {
  const data = await compareData(dirs, o.names);
  const html = renderHtml(data, `relaysim compare: ${data.names.join(' · ')}`, { body: 'compare/body.html', modules: [...SHARED_MODULES, 'compare/compare.js'], generator: 'relaysim compare' });
  const file = resolve(o.out ?? COMPARE_DEFAULT_OUT);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, html);
  } catch (e) {
    throw new InputError(file, '', `cannot write the page (${(e as Error).message})`);
  }
  return { file, bytes: Buffer.byteLength(html), data };
}

const fmt = (v: number | null, unit: string) => {
  if (v == null) return '–';
  if (unit === 'share') return `${percent(v, 1)} %`;
  const abs = Math.abs(v);
  return abs >= 100 || Number.isInteger(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toLocaleString('en-US', { maximumFractionDigits: abs >= 10 ? 1 : 2 });
};
const delta = (v: number | null, b: number | null, unit: string) => {
  if (v == null || b == null) return '';
  const d = v - b;
  const s = d > 0 ? '+' : d < 0 ? '−' : '±';
  return unit === 'share' ? ` (${s}${percent(Math.abs(d), 1)} pt)` : ` (${s}${fmt(Math.abs(d), unit)})`;
};

/** The text the command prints: headline figures per run (with the change from the first), or per batch metric. */
export function compareTable(data: CompareData): string {
  const rows: string[][] = [];
  if (data.kind === 'compare-runs') {
    const units: Record<string, string> = { min: 'min', h: 'h', km: 'km', count: '', share: '' };
    rows.push(['', ...data.names]);
    for (const [key, label, unit] of HEADLINE) {
      const b = data.headline.values[0][key];
      rows.push([`${label}${units[unit] ? ` (${units[unit]})` : ''}`, ...data.headline.values.map((v, i) => `${fmt(v[key], unit)}${i ? delta(v[key], b, unit) : ''}`)]);
    }
  } else {
    rows.push(['point', 'metric', ...data.names.map((n, i) => (i ? `${n} − ${data.names[0]}` : n))]);
    for (const p of data.points) {
      for (const r of p.rows.filter((x) => /^(leadTimeMin|shipments)\./.test(x.metric))) {
        const s0 = r.stats[0];
        rows.push([p.ids[0], r.metric, s0 ? `${fmt(s0.mean, '')} ± ${fmt(s0.halfWidth, '')}` : '–', ...r.diffs.slice(1).map((d) => (d
          ? `${d.mean > 0 ? '+' : d.mean < 0 ? '−' : '±'}${fmt(Math.abs(d.mean), '')} ± ${d.half == null ? '∞' : fmt(d.half, '')}${d.paired ? ' paired' : ' Welch'}${d.significant ? ' *' : ''}`
          : '–'))]);
      }
    }
  }
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 || (data.kind === 'compare-batches' && c === 1) ? v.padEnd(w[c]) : v.padStart(w[c]))).join('  ').trimEnd();
  const out = [line(rows[0]), w.map((x) => '-'.repeat(x)).join('  '), ...rows.slice(1).map(line)];
  if (data.kind === 'compare-batches') out.push('', '* the 95 % interval of the difference excludes zero');
  for (const n of data.notes) out.push(`note: ${n}`);
  return out.join('\n');
}
