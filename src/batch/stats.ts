import quantile from '@stdlib/stats-base-dists-t-quantile';
import type { Summary } from '../metrics/summary.js';

/** Mean, sample standard deviation and 95 % confidence half-width (Student t, n-1 dof) of one metric. */
export interface MetricStats { mean: number | null; sd: number | null; halfWidth: number | null; n: number }

/**
 * The key metrics of one run, by name; names are paths into summary.json, except the derived
 * `shipments.onTimeShare` (onTime / delivered). Per checkpoint, station and factory id.
 */
export function keyMetrics(s: Summary): Record<string, number> {
  const out: Record<string, number> = {
    'leadTimeMin.mean': s.leadTimeMin.mean,
    'leadTimeMin.p95': s.leadTimeMin.p95,
    'shipments.delivered': s.shipments.delivered,
    'shipments.onTimeShare': s.shipments.delivered > 0 ? s.shipments.onTime / s.shipments.delivered : NaN,
  };
  for (const id of Object.keys(s.checkpoints).sort()) {
    out[`checkpoints.${id}.meanWaitMin`] = s.checkpoints[id].meanWaitMin;
    out[`checkpoints.${id}.utilization`] = s.checkpoints[id].utilization;
  }
  for (const id of Object.keys(s.stations).sort()) {
    out[`stations.${id}.meanWaitMin`] = s.stations[id].meanWaitMin;
    out[`stations.${id}.utilization`] = s.stations[id].utilization;
  }
  for (const id of Object.keys(s.factories).sort()) out[`factories.${id}.lineStopMin`] = s.factories[id].lineStopMin;
  return out;
}

/** Names of the key metrics a scenario's runs will have (to check `--until-ci` before running). */
export function metricNames(ids: { checkpoints: string[]; stations: string[]; factories: string[] }): string[] {
  return [
    'leadTimeMin.mean', 'leadTimeMin.p95', 'shipments.delivered', 'shipments.onTimeShare',
    ...[...ids.checkpoints].sort().flatMap((id) => [`checkpoints.${id}.meanWaitMin`, `checkpoints.${id}.utilization`]),
    ...[...ids.stations].sort().flatMap((id) => [`stations.${id}.meanWaitMin`, `stations.${id}.utilization`]),
    ...[...ids.factories].sort().map((id) => `factories.${id}.lineStopMin`),
  ];
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Mean, sample standard deviation and two-sided Student-t confidence half-width at `level` (n - 1
 * degrees of freedom). mean is NaN for no values; sd and halfWidth are NaN below two.
 */
export function tInterval(xs: readonly number[], level = 0.95): { n: number; mean: number; sd: number; halfWidth: number } {
  const n = xs.length;
  const mean = n > 0 ? xs.reduce((a, b) => a + b, 0) / n : NaN;
  if (n < 2) return { n, mean, sd: NaN, halfWidth: NaN };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, halfWidth: quantile(1 - (1 - level) / 2, n - 1) * sd / Math.sqrt(n) };
}

/** Statistics of a sample (non-finite values, e.g. a lead time with no delivery, are left out). */
export function describe(values: readonly number[]): MetricStats {
  const t = tInterval(values.filter(Number.isFinite));
  if (t.n === 0) return { mean: null, sd: null, halfWidth: null, n: 0 };
  if (t.n < 2) return { mean: round(t.mean), sd: null, halfWidth: null, n: t.n };
  return { mean: round(t.mean), sd: round(t.sd), halfWidth: round(t.halfWidth), n: t.n };
}

/** Statistics of every key metric over runs (given in replication order, so sums are reproducible). */
export function aggregate(summaries: readonly Summary[]): Record<string, MetricStats> {
  const columns = new Map<string, number[]>();
  for (const s of summaries) {
    for (const [name, v] of Object.entries(keyMetrics(s))) {
      let col = columns.get(name);
      if (!col) columns.set(name, (col = []));
      col.push(v);
    }
  }
  return Object.fromEntries([...columns].map(([name, col]) => [name, describe(col)]));
}

