// What `relaysim place` prints when it is done: one table of the sets that matter (best, runner-up,
// the scenario's own stations, the best of each smaller k) and the paired differences, in the
// objective's unit, with the sign spelt out.
import type { PlacementResult } from '../place/output.js';

type Row = PlacementResult['best'];

const UNIT: Record<string, string> = { 'lead-p95': 'min', 'lead-mean': 'min', 'line-stop': 'min', 'late-share': '' };
const TITLE: Record<string, string> = { 'lead-p95': 'p95 lead time', 'lead-mean': 'mean lead time', 'line-stop': 'line stop', 'late-share': 'late share' };

/** 1 decimal from 10 up, else 3 significant digits (a margin of 0.007 min is not "0.0"). */
const num = (v: number | null) => (v == null ? '∞' : Math.abs(v) >= 10 || v === 0
  ? v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  : v.toLocaleString('en-US', { maximumSignificantDigits: 3 }));

function value(objective: string, mean: number, half: number | null): string {
  if (objective === 'late-share') return `${num(mean * 100)} ± ${half == null ? '∞' : num(half * 100)} %`;
  return `${num(mean)} ± ${num(half)}`;
}

function signed(objective: string, mean: number, half: number | null): string {
  const s = mean > 0 ? '+' : mean < 0 ? '−' : '±';
  const abs = Math.abs(mean);
  const unit = UNIT[objective] ? ` ${UNIT[objective]}` : '';
  return objective === 'late-share' ? `${s}${num(abs * 100)} ± ${half == null ? '∞' : num(half * 100)} points` : `${s}${num(abs)} ± ${num(half)}${unit}`;
}

const sites = (r: Row) => r.sites.map((s) => `${s.id} ${s.docks}/${s.localTrucks}`).join(', ');

/** Lines of text, no trailing newline; `width` is the terminal's (the sites column wraps to fit it). */
export function placeTable(r: PlacementResult, width = 120): string {
  const o = r.objective;
  const rows: [string, Row][] = [[`best, k=${r.k}`, r.best]];
  if (r.runnerUp) rows.push(['runner-up', r.runnerUp]);
  if (r.baseline) rows.push([`scenario stations (k=${r.baseline.k})`, r.baseline]);
  for (const t of [...r.tradeoff].reverse()) if (t.k !== r.k) rows.push([`best, k=${t.k}`, t]);
  const head = ['set', `stations (docks/local trucks)`, `${TITLE[o]}${UNIT[o] ? ` (${UNIT[o]})` : ''}`, 'n'];
  const cells = rows.map(([name, x]) => [name, sites(x), value(o, x.mean, x.half), String(x.n)]);
  const w0 = Math.max(head[0].length, ...cells.map((c) => c[0].length));
  const w2 = Math.max(head[2].length, ...cells.map((c) => c[2].length));
  const w3 = Math.max(1, ...cells.map((c) => c[3].length));
  const w1 = Math.max(24, Math.min(Math.max(head[1].length, ...cells.map((c) => c[1].length)), width - w0 - w2 - w3 - 7));
  const wrap = (text: string) => {
    const lines: string[] = [];
    let line = '';
    for (const part of text.split(', ')) {
      const next = line ? `${line}, ${part}` : part;
      if (next.length > w1 && line) { lines.push(`${line},`); line = part; } else line = next;
    }
    return [...lines, line];
  };
  const out: string[] = [];
  const put = (c: string[]) => {
    const wrapped = wrap(c[1]);
    wrapped.forEach((s, i) => out.push(i === 0
      ? `${c[0].padEnd(w0)}  ${s.padEnd(w1)}  ${c[2].padStart(w2)}  ${c[3].padStart(w3)}`
      : `${''.padEnd(w0)}  ${s}`));
  };
  put(head);
  out.push(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ${'-'.repeat(w3)}`);
  cells.forEach(put);
  out.push('');
  if (r.ties.length) out.push(`${r.ties.length} other set(s) gave exactly the same runs as the best (a tie; chosen by cost, then mean lead time, then screening).`);
  if (r.runnerUp && r.margin) {
    out.push(`runner-up − best: ${signed(o, r.margin.mean, r.margin.half)} (paired, n=${r.margin.n}, ${r.margin.significant ? 'significant' : 'not significant'})`);
  }
  if (r.baseline) {
    const v = r.baseline.vsBest;
    out.push(v
      ? `best − scenario stations (both k=${v.k}): ${signed(o, v.mean, v.half)} (paired, n=${v.n}, ${v.significant ? 'significant' : 'not significant'}; negative: the best set is better)`
      : `scenario stations: ${r.baseline.note}`);
  }
  return out.join('\n');
}
