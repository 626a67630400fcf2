import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError } from '../scenario/errors.js';
import { WAY_KEYS } from './way-rules.js';
import type { OsmSink, ReadProgress } from './osm-source.js';

const KEYS = new Set<string>(WAY_KEYS);

/**
 * Reads OSM XML (`.osm`, or `.osm.gz`) with the saxes streaming parser: nodes, and ways with their
 * `nd` refs and the tags the importer reads. Malformed XML, a root element other than `<osm>`, or a
 * node/way with an unreadable id or position is bad input.
 */
export async function readOsmXml(file: string, sink: OsmSink, progress?: ReadProgress): Promise<void> {
  let total: number;
  try {
    total = statSync(file).size;
  } catch (err) {
    throw new InputError(file, '', `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const parser = new SaxesParser({ xmlns: false });
  const fail = (what: string): never => { throw new InputError(file, `line ${parser.line}`, what); };
  let depth = 0;
  let way: { id: number; refs: number[]; tags: Record<string, string> } | null = null;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    const a = tag.attributes;
    if (depth === 1) {
      if (tag.name !== 'osm') fail(`not OpenStreetMap XML: the root element is <${tag.name}>, expected <osm>`);
    } else if (depth === 2 && tag.name === 'node') {
      const id = Number(a.id), lon = Number(a.lon), lat = Number(a.lat);
      if (!Number.isSafeInteger(id)) fail(`<node> without a readable id, got ${JSON.stringify(a.id)}`);
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) fail(`<node id="${a.id}"> without a readable lon/lat`);
      sink.node(id, lon, lat);
    } else if (depth === 2 && tag.name === 'way') {
      const id = Number(a.id);
      if (!Number.isSafeInteger(id)) fail(`<way> without a readable id, got ${JSON.stringify(a.id)}`);
      way = { id, refs: [], tags: {} };
    } else if (depth === 3 && way !== null) {
      if (tag.name === 'nd') {
        const ref = Number(a.ref);
        if (!Number.isSafeInteger(ref)) fail(`<nd> in way ${way.id} without a readable ref, got ${JSON.stringify(a.ref)}`);
        way.refs.push(ref);
      } else if (tag.name === 'tag' && KEYS.has(a.k)) way.tags[a.k] = a.v ?? '';
    }
  });
  parser.on('closetag', () => {
    if (depth === 2 && way !== null) {
      sink.way(way.id, way.refs, way.tags);
      way = null;
    }
    depth--;
  });
  parser.on('error', (err) => fail(`not well-formed XML: ${err.message.replace(/^\d+:\d+: /, '')}`));

  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (chunk) => { bytes += chunk.length; progress?.(bytes, total); });
  const text = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  text.setEncoding('utf8');
  try {
    for await (const chunk of text) parser.write(chunk as string);
    parser.close();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, '', `cannot read OSM XML: ${(err as Error).message}`);
  }
  if (depth !== 0) fail('not OpenStreetMap XML: the document ends before </osm>');
}
