import { createReadStream, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransformCallback } from 'node:stream';
import { OSMTransform } from 'osm-pbf-parser-node';
import { InputError } from '../scenario/errors.js';
import { readHead } from './file-head.js';
import { WAY_KEYS } from './way-rules.js';
import type { OsmSink, ReadProgress } from './osm-source.js';

type Item = { type: 'node'; id: number; lon: number; lat: number } | { type: 'way'; id: number; refs: number[]; tags?: Record<string, string> } | { type: 'relation' } | { bbox?: unknown };

/**
 * The parser throws from inside its transform on corrupt data (zlib, protobuf, framing); a throw there
 * would escape the stream as an uncaught exception, so it is turned into the stream's error here.
 */
class CheckedOsmTransform extends OSMTransform {
  _transform(chunk: Buffer, encoding: BufferEncoding, next: TransformCallback): void {
    try {
      (OSMTransform.prototype as unknown as { _transform: (c: Buffer, e: BufferEncoding, n: TransformCallback) => void })._transform.call(this, chunk, encoding, next);
    } catch (err) {
      next(err as Error);
    }
  }

  _flush(done: TransformCallback): void {
    try {
      (OSMTransform.prototype as unknown as { _flush: (d: TransformCallback) => void })._flush.call(this, done);
    } catch (err) {
      done(err as Error);
    }
  }
}

/** Reads an .osm.pbf with osm-pbf-parser-node; any framing, zlib or protobuf failure is bad input. */
export async function readPbf(file: string, sink: OsmSink, progress?: ReadProgress): Promise<void> {
  checkPbfStart(file);
  const total = statSync(file).size;
  let bytes = 0;
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  source.on('data', (chunk) => { bytes += chunk.length; progress?.(bytes, total); });
  const consume = new Writable({
    objectMode: true,
    write(items: Item[], _enc, next) {
      for (const it of items) {
        if (!('type' in it)) continue;
        if (it.type === 'node') sink.node(it.id, it.lon, it.lat);
        else if (it.type === 'way') sink.way(it.id, it.refs, it.tags ?? {});
      }
      next();
    },
  });
  const parser = new CheckedOsmTransform({ withTags: { node: false, way: [...WAY_KEYS], relation: false }, withInfo: false });
  try {
    await pipeline(source, parser, consume);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, '', `not a readable OSM PBF file (truncated or corrupt?): ${(err as Error).message}`);
  }
}

/**
 * A PBF file starts with a 4-byte length (at most 64 KiB, the format's limit) and a BlobHeader whose
 * type is "OSMHeader". Checking this first turns an XML or random file given as .pbf into a clear
 * message at once, rather than a read of the whole file waiting for a blob that never comes.
 */
function checkPbfStart(file: string): void {
  const head = readHead(file, 32), n = head.length;
  const len = n >= 4 ? head.readUInt32BE(0) : 0;
  if (n < 4 || len === 0 || len > 64 * 1024 || !head.subarray(4, n).includes('OSMHeader')) {
    throw new InputError(file, '', 'not an OSM PBF file (no OSMHeader block at the start; empty, truncated or another format?)');
  }
}
