import type { Summary } from '../metrics/summary.js';

const fmt = (x: number, d = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(d));

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c, 2) : c)))];
  const width = head.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  return cells.map((r, k) => r.map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join('  ') + (k === 0 ? '\n' + width.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n');
}

/** A share in % with one decimal that never rounds to 100.0 (or 0.0) unless it is exactly that. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const p = (100 * part) / whole;
  if (p < 100 && p >= 99.95) return '> 99.9';
  if (p > 0 && p < 0.05) return '< 0.1';
  return Number.isInteger(p) ? `${p}.0` : p.toFixed(1);
}

/** "1 day", "7 days", "0.5 days". */
export const days = (n: number) => `${fmt(n, 2)} day${n === 1 ? '' : 's'}`;

/** The run's summary as a person reads it in a terminal. */
export function summaryTable(s: Summary): string {
  const sh = s.shipments;
  const lines = [
    `${s.title} (scenario ${s.scenario}, seed ${s.seed}, ${days(s.horizonMin / 1440)}${s.sets.length ? `, ${s.sets.join(' ')}` : ''})`,
    `shipments: ${sh.created} created, ${sh.delivered} delivered, ${sh.inSystem} in system, ${sh.failed} failed; ` +
      `${sh.relayed} relayed, ${sh.turnedBack} turned back, ${percent(sh.onTime, sh.delivered)} % on time`,
    `lead time (min): mean ${fmt(s.leadTimeMin.mean)}, p50 ${fmt(s.leadTimeMin.p50)}, p95 ${fmt(s.leadTimeMin.p95)}, max ${fmt(s.leadTimeMin.max)}`,
  ];
  const cps = Object.entries(s.checkpoints);
  if (cps.length) lines.push('', table(['checkpoint', 'served', 'wait min', 'util', 'max queue', 'turned back'],
    cps.map(([id, c]) => [id, c.served, c.meanWaitMin, c.utilization, c.maxQueue, c.turnedBack])));
  const sts = Object.entries(s.stations);
  if (sts.length) lines.push('', table(['station', 'transfers', 'wait min', 'dock util', 'max storage', 'local trips', 'local util'],
    sts.map(([id, x]) => [id, x.transfers, x.meanWaitMin, x.utilization, x.maxStorage, x.localTrips, x.localUtilization])));
  const fs = Object.entries(s.factories);
  if (fs.length) lines.push('', table(['factory', 'line stop h', 'min stock', 'deliveries'],
    fs.map(([id, f]) => [id, f.lineStopMin / 60, f.minStock, f.deliveries])));
  lines.push('', `truck-km ${fmt(s.truckKm, 0)}, reroutes ${s.reroutes}, ${s.events} events in ${s.wallMs} ms`);
  return lines.join('\n');
}
