import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkJson } from '../metrics/network-json.js';
import type { Network } from '../network/build.js';
import { mapData } from '../report/figures.js';
import type { Scenario } from '../scenario/types.js';
import type { PlacementResult } from './result.js';

const VIZ = fileURLToPath(new URL('../../viz/', import.meta.url));
/** The report's map (RS.drawMap) and its helpers, when the report modules are there. */
const REPORT_MODULES = ['common.js', 'map.js'];

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const scriptSafe = (t: string) => t.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const jsonSafe = (d: unknown) => JSON.stringify(d).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * DIR/placement.html: one self-contained page (d3 and the page code inline). The map is the report's
 * (viz/map.js) with the best set as the stations, the candidates drawn over it by viz/placement/.
 */
export function placementHtml(r: PlacementResult, scenario: Scenario, net: Network): string {
  const read = (f: string) => readFileSync(join(VIZ, f), 'utf8');
  const withReport = REPORT_MODULES.every((f) => existsSync(join(VIZ, f)));
  const chosen = new Map(r.best.sites.map((s) => [s.id, s]));
  const stations = r.candidates.filter((c) => chosen.has(c.id))
    .map((c) => ({ id: c.id, node: c.node, zone: c.zone, docks: chosen.get(c.id)!.docks, localTrucks: chosen.get(c.id)!.localTrucks, transferMin: { dist: 'const' as const, value: 0 }, storageLoads: 1 }));
  const network = networkJson({ ...scenario, stations }, net, new Int32Array(net.edgeFrom.length));
  const data = {
    result: r,
    map: withReport ? mapData(network as unknown as Record<string, unknown>, {}) : null,
    nodes: network.nodes.map((n) => ({ id: n.id, lon: n.lon, lat: n.lat })),
    edges: network.edges.map((e) => ({ from: e.from, to: e.to })),
  };
  const app = [...(withReport ? REPORT_MODULES : []), 'placement/placement.js'].map((f) => `// ---- viz/${f}\n${read(f)}`).join('\n');
  const css = existsSync(join(VIZ, 'style.css')) ? read('style.css') : 'body { font: 14px system-ui, sans-serif; }';
  const d3 = readFileSync(join(dirname(createRequire(import.meta.url).resolve('d3')), 'd3.min.js'), 'utf8');
  return read('placement/template.html')
    .replace('{{TITLE}}', () => escapeHtml(`Station placement: ${r.scenario}`))
    .replace('/*{{CSS}}*/', () => css)
    .replace('/*{{D3}}*/', () => scriptSafe(d3))
    .replace('/*{{APP}}*/', () => scriptSafe(app))
    .replace('{{DATA}}', () => jsonSafe(data));
}
