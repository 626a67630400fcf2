/** What the readers hand on: every node's position, and the ways with the tags the importer reads. */
export interface OsmSink {
  node(id: number, lon: number, lat: number): void;
  way(id: number, refs: readonly number[], tags: Readonly<Record<string, string>>): void;
}

/** Bytes read so far of a file of `total` bytes, for the progress line. */
export type ReadProgress = (bytes: number, total: number) => void;
