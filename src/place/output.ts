import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { csvField } from '../metrics/csv-field.js';
import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';
import { placementHtml } from './html.js';
import type { PlacementResult } from './result.js';

export { buildResult, summarise, type Margin, type PlacementResult, type SetSummary } from './result.js';

const CSV_HEAD = 'set,k,sites,docks,local_trucks,cost,objective,mean,half_width,n,lead_p95,lead_mean,line_stop_min,late_share,failed_share,best';

export function placementCsv(r: PlacementResult): string {
  const rows = r.evaluated.map((e) => [
    e.key, e.k, e.sites.map((s) => s.id).join(' '), e.sites.map((s) => s.docks).join(' '), e.sites.map((s) => s.localTrucks).join(' '),
    e.cost, r.objective, e.mean, e.half, e.n, e.metrics.leadP95, e.metrics.leadMean, e.metrics.lineStopMin, e.metrics.lateShare, e.metrics.failedShare,
    e.key === r.best.key ? 1 : 0,
  ].map((v) => csvField(String(v))).join(','));
  return [CSV_HEAD, ...rows].join('\n') + '\n';
}

export function writeOutputs(dir: string, r: PlacementResult, o: { scenario: Scenario; net: Network; html: boolean }): void {
  writeFileAtomic(join(dir, 'placement.json'), JSON.stringify(r, null, 2) + '\n');
  writeFileAtomic(join(dir, 'placement.csv'), placementCsv(r));
  if (o.html) writeFileAtomic(join(dir, 'placement.html'), placementHtml(r, o.scenario, o.net));
}
