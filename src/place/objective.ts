import type { Summary } from '../metrics/summary.js';

export const OBJECTIVES = ['lead-p95', 'lead-mean', 'line-stop', 'late-share'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** What placement keeps of a run: enough to score any objective again on resume. */
export interface RunMetrics {
  leadP95: number;
  leadMean: number;
  lineStopMin: number;
  lateShare: number;
  failedShare: number;
  /** Minutes simulated (horizon + drain): the penalty scale for failed shipments. */
  endMin: number;
}

export function isObjective(name: string): name is Objective {
  return (OBJECTIVES as readonly string[]).includes(name);
}

export function runMetrics(s: Summary): RunMetrics {
  const created = s.shipments.created;
  const lineStop = Object.values(s.factories).reduce((sum, f) => sum + f.lineStopMin, 0);
  return {
    leadP95: s.leadTimeMin.p95,
    leadMean: s.leadTimeMin.mean,
    lineStopMin: Math.round(lineStop * 1e6) / 1e6,
    lateShare: created > 0 ? 1 - s.shipments.onTime / created : 0,
    failedShare: created > 0 ? s.shipments.failed / created : 0,
    endMin: s.endMin,
  };
}

/**
 * The value to minimise. Lead times count delivered shipments only, so a set that makes shipments fail
 * (a zone left without a station) would look good: they pay failedShare x endMin minutes on top.
 * late-share counts every shipment not delivered within its dueMin, failed or still moving included.
 */
export function objectiveValue(name: Objective, m: RunMetrics): number {
  switch (name) {
    case 'lead-p95': return m.leadP95 + m.failedShare * m.endMin;
    case 'lead-mean': return m.leadMean + m.failedShare * m.endMin;
    case 'line-stop': return m.lineStopMin;
    case 'late-share': return m.lateShare;
  }
}
