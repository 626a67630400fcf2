import { LineWriter } from '../metrics/line-writer.js';
import type { NodeTable } from './node-table.js';
import type { JunctionGraph } from './junction-graph.js';

export const ODBL_ATTRIBUTION = '© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)';

const deg = (x: number) => Math.round(x * 1e7) / 1e7;
const nodeId = (osmId: number) => `n${osmId}`;

/**
 * Writes the project's GeoJSON network (src/scenario/geojson.ts reads it): junction Points, then
 * LineStrings, one feature a line, under a temporary name renamed when whole. The collection carries
 * the ODbL attribution and where it came from as foreign members, which GeoJSON readers ignore.
 */
export function writeNetworkGeojson(file: string, nodes: NodeTable, graph: JunctionGraph, source: Record<string, unknown>): void {
  const out = new LineWriter(file);
  try {
    out.write(`{"type":"FeatureCollection","attribution":${JSON.stringify(ODBL_ATTRIBUTION)},"source":${JSON.stringify(source)},"features":[\n`);
    let first = true;
    const feature = (text: string) => { out.write(first ? text : `,\n${text}`); first = false; };
    for (const j of graph.junctions) {
      const osmId = nodes.id(j);
      feature(`{"type":"Feature","geometry":{"type":"Point","coordinates":[${deg(nodes.lon(j))},${deg(nodes.lat(j))}]},"properties":{"id":"${nodeId(osmId)}","osmId":${osmId}}}`);
    }
    for (const e of graph.edges) {
      const coords: string[] = [];
      for (const i of e.path) coords.push(`[${deg(nodes.lon(i))},${deg(nodes.lat(i))}]`);
      const props = {
        from: nodeId(nodes.id(e.path[0])), to: nodeId(nodes.id(e.path[e.path.length - 1])),
        // Two OSM nodes drawn on the same spot would give 0 km, which the loader refuses: 1 mm instead.
        km: Math.max(Math.round(e.km * 1e6) / 1e6, 1e-6), speedKmh: e.speedKmh, oneway: e.oneway,
        ...(e.road !== undefined ? { road: e.road } : {}), osmWay: e.osmWay,
      };
      feature(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[${coords.join(',')}]},"properties":${JSON.stringify(props)}}`);
    }
    out.write('\n]}\n');
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
}
