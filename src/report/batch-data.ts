// A batch directory's batch.json, normalised for the page. Tolerant of shape: a bare array of
// rows or an object holding them under rows / points / results, and of extra fields anywhere.
type Obj = Record<string, unknown>;

export interface BatchMetric { mean: number; sd: number | null; halfWidth: number | null; n: number | null }
export interface BatchRow { point: string; params: Record<string, unknown>; metrics: Record<string, BatchMetric> }

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function batchRows(raw: unknown, file: string): BatchRow[] {
  const o = raw as Obj;
  const list = Array.isArray(raw) ? raw : [o?.rows, o?.points, o?.results, o?.grid].find(Array.isArray);
  if (!Array.isArray(list)) throw new Error(`${file}: expected an array of grid points (or {rows: [...]})`);
  return list.map((r: Obj, i: number) => {
    const metrics: Record<string, BatchMetric> = {};
    for (const [name, m] of Object.entries((r?.metrics ?? {}) as Obj)) {
      const mo = (typeof m === 'number' ? { mean: m } : m) as Obj;
      const mean = num(mo?.mean);
      if (mean !== null) metrics[name] = { mean, sd: num(mo.sd), halfWidth: num(mo.halfWidth), n: num(mo.n) };
    }
    const params = (r?.params && typeof r.params === 'object' ? r.params : {}) as Record<string, unknown>;
    const point = r?.point !== undefined ? String(r.point)
      : Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ') || String(i);
    return { point, params, metrics };
  });
}

export function batchData(raw: unknown, file: string) {
  const rows = batchRows(raw, file);
  const paramNames = [...new Set(rows.flatMap((r) => Object.keys(r.params)))];
  const swept = paramNames.filter((p) => new Set(rows.map((r) => JSON.stringify(r.params[p]))).size > 1);
  const metricNames = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const o = (Array.isArray(raw) ? {} : raw) as Obj;
  const info: Record<string, unknown> = Object.fromEntries(Object.entries(o).filter(([, v]) => v === null || typeof v !== 'object'));
  if (Array.isArray(o.sets)) info.sets = o.sets.map(String); // --set overrides, shown in the header
  return {
    kind: 'batch' as const,
    meta: info,
    rows,
    params: paramNames,
    swept: swept.length ? swept : paramNames,
    metrics: metricNames,
    leadMetric: metricNames.find((m) => /lead/i.test(m) && /mean/i.test(m)) ?? metricNames.find((m) => /lead/i.test(m)) ?? metricNames[0] ?? null,
  };
}
