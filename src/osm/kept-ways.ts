import { NodeTable } from './node-table.js';
import { parseMaxspeed } from './maxspeed.js';
import { roadLabel, trucksDenied, wayDirection, type Direction, type Tags } from './way-rules.js';
import type { OsmSink } from './osm-source.js';

export interface KeptWay {
  id: number;
  /** Range of this way's node refs in `KeptWays.refs`. */
  start: number;
  end: number;
  direction: Direction;
  speedKmh: number;
  road?: string;
}

/**
 * The reader's sink: keeps every node's position and the ways a truck may use (highway class in the
 * list, not denied by access tags), with their direction and truck speed worked out from the tags.
 */
export class KeptWays implements OsmSink {
  readonly nodes = new NodeTable();
  readonly ways: KeptWay[] = [];
  refs: number[] = [];
  waysRead = 0;
  deniedByAccess = 0;

  constructor(private readonly highways: ReadonlySet<string>, private readonly speeds: Readonly<Record<string, number>>) {}

  node(id: number, lon: number, lat: number): void {
    this.nodes.add(id, lon, lat);
  }

  way(id: number, refs: readonly number[], tags: Tags): void {
    this.waysRead++;
    const highway = tags.highway;
    if (highway === undefined || !this.highways.has(highway) || refs.length < 2) return;
    if (trucksDenied(tags)) { this.deniedByAccess++; return; }
    const cap = this.speeds[highway];
    const posted = parseMaxspeed(tags['maxspeed:hgv'] ?? tags.maxspeed);
    const speedKmh = Math.round((posted === undefined ? cap : Math.min(cap, posted)) * 10) / 10;
    const start = this.refs.length;
    for (const r of refs) this.refs.push(r);
    this.ways.push({ id, start, end: this.refs.length, direction: wayDirection(tags), speedKmh, road: roadLabel(tags) });
  }
}
