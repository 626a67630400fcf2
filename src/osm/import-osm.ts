import { basename } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { readHead } from './file-head.js';
import { readPbf } from './read-pbf.js';
import { readOsmXml } from './read-xml.js';
import { KeptWays } from './kept-ways.js';
import { junctionGraph } from './junction-graph.js';
import { largestComponent } from './largest-component.js';
import { writeNetworkGeojson } from './write-network.js';
import type { Area } from './area.js';
import type { ReadProgress } from './osm-source.js';

export interface ImportOptions {
  highways: readonly string[];
  speeds: Readonly<Record<string, number>>;
  area?: Area;
  /** Described in the output's `source` member, e.g. `{ bbox: [...] }`. */
  areaNote?: Record<string, unknown>;
  keepLargest: boolean;
  out: string;
  progress?: ReadProgress;
  /** Called when reading is done and the network is being built (for the progress line). */
  onPhase?: (phase: string) => void;
}

export interface ImportReport {
  osmNodes: number; waysRead: number; waysKept: number; deniedByAccess: number;
  missingRefs: number; outsideArea: number;
  junctions: number; edges: number; km: number;
  components: number; droppedJunctions: number; droppedEdges: number;
}

/**
 * `relaysim import-osm`: reads an .osm.pbf or OSM XML file, keeps the truck roads and writes the
 * GeoJSON network. Every failure before the write is an InputError and leaves no output file.
 */
export async function importOsm(file: string, o: ImportOptions): Promise<ImportReport> {
  for (const h of o.highways) {
    if (!(o.speeds[h] > 0)) throw new InputError('--highways', '', `no truck speed for highway=${h}: give one with --speeds FILE ({"${h}": 40})`);
  }
  const kept = new KeptWays(new Set(o.highways), o.speeds);
  if (isXml(file)) await readOsmXml(file, kept, o.progress);
  else await readPbf(file, kept, o.progress);
  o.onPhase?.('building');
  kept.nodes.seal();
  if (kept.ways.length === 0) {
    throw new InputError(file, '', `no ways kept: none of the ${kept.waysRead} ways has highway=${o.highways.join('|')}${kept.deniedByAccess ? ` open to trucks (${kept.deniedByAccess} denied by access tags)` : ''}`);
  }
  const graph = junctionGraph(kept, o.area);
  if (graph.edges.length === 0) {
    throw new InputError(file, '', `no roads left: the ${kept.ways.length} kept ways have no two consecutive nodes ${o.area ? 'inside the area' : 'in the file'}`);
  }
  const comp = largestComponent(graph, o.keepLargest);
  writeNetworkGeojson(o.out, kept.nodes, graph, {
    file: basename(file), highways: o.highways, ...(o.areaNote ?? {}), keepLargest: o.keepLargest, generator: 'relaysim import-osm',
  });
  return {
    osmNodes: kept.nodes.size, waysRead: kept.waysRead, waysKept: kept.ways.length, deniedByAccess: kept.deniedByAccess,
    missingRefs: graph.missingRefs, outsideArea: graph.outsideArea,
    junctions: graph.junctions.length, edges: graph.edges.length, km: graph.edges.reduce((s, e) => s + e.km, 0),
    components: comp.components, droppedJunctions: comp.droppedJunctions, droppedEdges: comp.droppedEdges,
  };
}

/** XML by its first non-blank byte (`<`), whatever the name; gzip (.osm.gz) by name. */
function isXml(file: string): boolean {
  if (/\.osm\.gz$/i.test(file)) return true;
  const text = readHead(file, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return text.startsWith('<');
}
