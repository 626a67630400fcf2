// Seeded generator of road-like networks, returned as relaysim scenario objects (before validation).
// Shape as in /work/shared/peers/ngraph_bench.mjs `road` mode: a jittered square lattice with speed
// classes (highway on every 20th line, arterial on every 5th, local elsewhere), 15 % of local streets
// removed, edge length = straight line x U(1, 1.3) for winding, largest connected component kept.
// Deterministic: the only randomness is seedrandom's alea seeded from `seed` (never Math.random).
import seedrandom from 'seedrandom';

export interface RoadGraphOptions {
  nodes: number; // target node count: the lattice is ceil(sqrt(nodes))^2, minus what falls off the component
  seed: number | string;
  name?: string;
  spacingKm?: number; // lattice spacing, default 1 km
  origin?: [number, number]; // lon, lat of the lattice's south-west corner
  odPairs?: number; // distinct demand streams (from != to), default 100
  loadsPerHour?: number; // total over all streams, default 6000
  horizonMin?: number; // default 600
  /** Close `edges` highway/arterial edges in every other simulated period of `periodMin`. */
  closures?: { edges: number; periodMin: number };
}

export interface GenNode { id: string; lon: number; lat: number }
export interface GenEdge { from: string; to: string; km: number; speedKmh: number }
export interface GenScenario {
  name: string;
  horizonMin: number;
  seed: number;
  network: { nodes: GenNode[]; edges: GenEdge[] };
  demand: { id: string; from: string; to: string; loadsPerHour: number; priority: 'normal'; passShare: number }[];
  closures: { edge: [string, string]; fromMin: number; toMin: number }[];
}

const SPEED_KMH = { highway: 90, arterial: 54, local: 29 } as const;
const KM_PER_DEG_LAT = 111.32;

function lineSpeed(line: number): number {
  return line % 20 === 0 ? SPEED_KMH.highway : line % 5 === 0 ? SPEED_KMH.arterial : SPEED_KMH.local;
}

/** Union-find root with path halving. */
function root(par: Int32Array, a: number): number {
  while (par[a] !== a) { par[a] = par[par[a]]; a = par[a]; }
  return a;
}

interface Lattice { side: number; x: Float64Array; y: Float64Array; eu: number[]; ev: number[]; km: number[]; kmh: number[] }

function buildLattice(side: number, spacing: number, rng: () => number): Lattice {
  const n = side * side, x = new Float64Array(n), y = new Float64Array(n), jitter = 0.3 * spacing;
  for (let i = 0; i < n; i++) {
    x[i] = (i % side) * spacing + (rng() * 2 - 1) * jitter;
    y[i] = Math.floor(i / side) * spacing + (rng() * 2 - 1) * jitter;
  }
  const eu: number[] = [], ev: number[] = [], km: number[] = [], kmh: number[] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
    // the horizontal edge lies on row r, the vertical one on column c
    for (const [r2, c2, line] of [[r, c + 1, r], [r + 1, c, c]]) {
      if (r2 >= side || c2 >= side) continue;
      const s = lineSpeed(line);
      if (s === SPEED_KMH.local && rng() < 0.15) continue;
      const u = r * side + c, v = r2 * side + c2;
      eu.push(u); ev.push(v); kmh.push(s);
      km.push(Math.round(Math.hypot(x[u] - x[v], y[u] - y[v]) * (1 + 0.3 * rng()) * 1000) / 1000);
    }
  }
  return { side, x, y, eu, ev, km, kmh };
}

/** Lattice indices in the largest connected component, ascending. */
function largestComponent(l: Lattice): Int32Array {
  const n = l.side * l.side, par = Int32Array.from({ length: n }, (_, i) => i);
  for (let e = 0; e < l.eu.length; e++) par[root(par, l.eu[e])] = root(par, l.ev[e]);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[root(par, i)]++;
  let big = 0;
  for (let i = 1; i < n; i++) if (size[i] > size[big]) big = i;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (root(par, i) === big) keep.push(i);
  return Int32Array.from(keep);
}

function pickOdPairs(ids: string[], count: number, rng: () => number): [string, string][] {
  const n = ids.length, seen = new Set<number>(), out: [string, string][] = [];
  if (count > n * (n - 1)) throw new Error(`graphs: ${count} OD pairs do not fit ${n} nodes`);
  while (out.length < count) {
    const a = Math.floor(rng() * n), b = Math.floor(rng() * n);
    if (a === b || seen.has(a * n + b)) continue;
    seen.add(a * n + b);
    out.push([ids[a], ids[b]]);
  }
  return out;
}

function hourlyClosures(edges: GenEdge[], o: NonNullable<RoadGraphOptions['closures']>, horizonMin: number, rng: () => number): GenScenario['closures'] {
  const fast = edges.filter((e) => e.speedKmh > SPEED_KMH.local);
  const chosen: GenEdge[] = [];
  for (let k = 0; k < o.edges && fast.length > 0; k++) chosen.push(fast.splice(Math.floor(rng() * fast.length), 1)[0]);
  const out: GenScenario['closures'] = [];
  for (let from = o.periodMin; from < horizonMin; from += 2 * o.periodMin) {
    for (const e of chosen) out.push({ edge: [e.from, e.to], fromMin: from, toMin: from + o.periodMin });
  }
  return out;
}

/** A road-like network of about `nodes` nodes with demand (and optional toggling closures), as a scenario object. */
export function roadGraphScenario(o: RoadGraphOptions): GenScenario {
  const rng = seedrandom.alea(String(o.seed));
  const spacing = o.spacingKm ?? 1, [lon0, lat0] = o.origin ?? [118, 30];
  const horizonMin = o.horizonMin ?? 600;
  const lattice = buildLattice(Math.max(2, Math.ceil(Math.sqrt(o.nodes))), spacing, rng);
  const keep = largestComponent(lattice);
  const index = new Int32Array(lattice.side * lattice.side).fill(-1);
  keep.forEach((li, i) => { index[li] = i; });
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const nodes: GenNode[] = Array.from(keep, (li, i) => ({
    id: `n${i}`,
    lon: Math.round((lon0 + lattice.x[li] / kmPerDegLon) * 1e6) / 1e6,
    lat: Math.round((lat0 + lattice.y[li] / KM_PER_DEG_LAT) * 1e6) / 1e6,
  }));
  const edges: GenEdge[] = [];
  for (let e = 0; e < lattice.eu.length; e++) {
    const u = index[lattice.eu[e]], v = index[lattice.ev[e]];
    if (u >= 0 && v >= 0) edges.push({ from: nodes[u].id, to: nodes[v].id, km: lattice.km[e], speedKmh: lattice.kmh[e] });
  }
  const pairs = pickOdPairs(nodes.map((n) => n.id), o.odPairs ?? 100, rng);
  const perPair = (o.loadsPerHour ?? 6000) / pairs.length;
  return {
    name: o.name ?? `road-${nodes.length}`,
    horizonMin,
    seed: 1,
    network: { nodes, edges },
    demand: pairs.map(([from, to], i) => ({ id: `od${i}`, from, to, loadsPerHour: perPair, priority: 'normal', passShare: 1 })),
    closures: o.closures ? hourlyClosures(edges, o.closures, horizonMin, rng) : [],
  };
}
