/**
 * Every OSM node's position, in typed arrays (a Map would stop at 2^24 entries, and costs ~80 bytes a
 * node against 24 here), looked up by binary search over ids. Files written by osmium are sorted by
 * id, so the sort at `seal` is skipped for them.
 */
export class NodeTable {
  private ids = new Float64Array(1 << 16);
  private lons = new Float64Array(1 << 16);
  private lats = new Float64Array(1 << 16);
  private n = 0;
  private sorted = true;

  get size(): number { return this.n; }

  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) this.grow();
    if (this.n > 0 && id <= this.ids[this.n - 1]) this.sorted = false;
    this.ids[this.n] = id; this.lons[this.n] = lon; this.lats[this.n] = lat;
    this.n++;
  }

  /** Call once after the last add: trims the arrays and sorts them by id if the file was not. */
  seal(): void {
    const n = this.n;
    if (this.sorted) {
      this.ids = this.ids.slice(0, n); this.lons = this.lons.slice(0, n); this.lats = this.lats.slice(0, n);
      return;
    }
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this.ids[a] - this.ids[b]);
    const ids = new Float64Array(n), lons = new Float64Array(n), lats = new Float64Array(n);
    for (let i = 0; i < n; i++) { ids[i] = this.ids[order[i]]; lons[i] = this.lons[order[i]]; lats[i] = this.lats[order[i]]; }
    this.ids = ids; this.lons = lons; this.lats = lats;
    this.sorted = true;
  }

  /** Index of node `id`, or -1 when the file has no such node (a way cut at the extract's edge). */
  indexOf(id: number): number {
    let lo = 0, hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  id(i: number): number { return this.ids[i]; }
  lon(i: number): number { return this.lons[i]; }
  lat(i: number): number { return this.lats[i]; }

  private grow(): void {
    const size = this.ids.length * 2;
    const grow = (a: Float64Array) => { const b = new Float64Array(size); b.set(a); return b; };
    this.ids = grow(this.ids); this.lons = grow(this.lons); this.lats = grow(this.lats);
  }
}
