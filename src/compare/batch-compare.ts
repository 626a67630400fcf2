// Batches side by side: per grid point and metric, each batch's mean with its interval, and each
// batch's difference to the first, paired by replication seed where both ran the same seeds.
import { keyMetrics } from '../batch/stats.js';
import type { Summary } from '../metrics/summary.js';
import { InputError } from '../scenario/errors.js';
import type { BatchInput } from './inputs.js';
import { pairedDifference, welchDifference, type Difference } from './paired.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** metric -> seed -> value, for the successful runs of one grid point. */
function valuesBySeed(b: BatchInput, point: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const r of b.runs) {
    if (r.point !== point || r.status !== 'ok' || !r.summary) continue;
    for (const [m, v] of Object.entries(keyMetrics(r.summary as Summary))) {
      if (!Number.isFinite(v)) continue;
      (out.get(m) ?? out.set(m, new Map()).get(m)!).set(Number(r.seed), v);
    }
  }
  return out;
}

/**
 * Grid points are matched by their point id when every batch has the same ones (the same sweep), or
 * one with one when every batch has a single point (two scenarios, one setting each).
 */
function matchPoints(batches: BatchInput[]): string[][] {
  const pts = batches.map((b) => ((b.batch.points ?? []) as Obj[]).map((p) => String(p.point)));
  const same = pts.every((p) => p.length === pts[0].length && p.every((x, i) => x === pts[0][i]));
  if (same) return pts[0].map((p) => batches.map(() => p));
  if (pts.every((p) => p.length === 1)) return [pts.map((p) => p[0])];
  throw new InputError(batches[1].dir, 'batch.json', `its grid points (${pts[1].join(', ')}) differ from ${batches[0].dir}'s (${pts[0].join(', ')}): compare batches of the same sweep, or of one point each`);
}

export function batchCompare(batches: BatchInput[]) {
  const matched = matchPoints(batches);
  const notes: string[] = [];
  const points = matched.map((ids) => {
    const per = batches.map((b, i) => ({ b, p: ((b.batch.points ?? []) as Obj[]).find((x) => String(x.point) === ids[i])!, values: valuesBySeed(b, ids[i]) }));
    const metrics = [...new Set(per.flatMap((x) => Object.keys(x.p.metrics ?? {})))];
    const rows = metrics.map((m) => {
      const stats = per.map((x) => x.p.metrics?.[m] ?? null);
      const diffs: (Difference | null)[] = per.map((x, i) => {
        if (i === 0) return null;
        const a = per[0].values.get(m) ?? new Map(), bv = x.values.get(m) ?? new Map();
        const common = [...a.keys()].filter((s) => bv.has(s)).length;
        return common >= 2 ? pairedDifference(a, bv) : welchDifference([...a.values()], [...bv.values()]);
      });
      return { metric: m, stats, diffs };
    });
    return { ids, params: per.map((x) => x.p.params ?? {}), rows };
  });
  for (const [i, b] of batches.entries()) {
    if (!b.runs.length) notes.push(`${b.name}: no runs.jsonl, so differences are not paired (Welch intervals from batch.json are not possible either: shown as separate intervals only)`);
    if (i && b.runs.length && batches[0].runs.length) {
      const s0 = new Set(batches[0].runs.map((r) => r.seed));
      if (!b.runs.some((r) => s0.has(r.seed))) notes.push(`${b.name} and ${batches[0].name} share no replication seed: differences are unpaired (Welch)`);
    }
    if (b.batch.complete === false) notes.push(`${b.name}: the batch was interrupted (complete: false)`);
  }
  return {
    kind: 'compare-batches' as const,
    names: batches.map((b) => b.name),
    meta: batches.map((b) => ({ scenario: b.batch.scenario ?? null, seed: b.batch.seed ?? null, reps: b.batch.reps ?? null, sets: b.batch.sets ?? [], dir: b.dir })),
    points,
    notes,
  };
}
