// Compact routes: a route's three columns in one buffer of its own (or slices of shared typed arrays)
// with the right cumulative sums; the route cache keeps routes as edges only, gives them back whole
// with the same sums, and lets go of them when they pass its byte budget.
import { describe, expect, it } from 'vitest';
import { RouteArena, routeOf } from '../src/network/route-arena.js';
import { RouteCache, routeBytes } from '../src/network/route-cache.js';

describe('routeOf', () => {
  const edgeMin = Float64Array.from({ length: 50 }, (_, i) => 0.5 + i / 3), edgeKm = Float64Array.from({ length: 50 }, (_, i) => 2 * i + 0.1);
  it('puts a route in one buffer of its own, with the sums a RouteArena makes', () => {
    const edges = [3, 7, 9, 11, 2], a = routeOf(edges, edgeMin, edgeKm), b = new RouteArena().route(edges, edgeMin, edgeKm);
    expect(a.edges.buffer).toBe(a.cumMin.buffer);
    expect(a.cumKm.buffer).toBe(a.cumMin.buffer);
    expect(a.cumMin.buffer.byteLength).toBe(16 * 6 + 4 * 5);
    expect(Array.from(a.edges)).toEqual(edges);
    expect(Array.from(a.cumMin)).toEqual(Array.from(b.cumMin));
    expect(Array.from(a.cumKm)).toEqual(Array.from(b.cumKm));
    expect(routeOf([], edgeMin, edgeKm).cumMin.length).toBe(1);
  });
});

describe('RouteArena', () => {
  const edgeMin = Float64Array.from({ length: 50 }, (_, i) => 0.5 + i), edgeKm = Float64Array.from({ length: 50 }, (_, i) => 2 * i);
  it('routes share one buffer and add up their edges', () => {
    const arena = new RouteArena();
    const a = arena.route([3, 7, 9], edgeMin, edgeKm), b = arena.route([1, 2], edgeMin, edgeKm);
    expect(a.edges.buffer).toBe(b.edges.buffer);
    expect(Array.from(a.edges)).toEqual([3, 7, 9]);
    expect(Array.from(b.edges)).toEqual([1, 2]);
    expect(Array.from(a.cumMin)).toEqual([0, 3.5, 11, 20.5]);
    expect(Array.from(a.cumKm)).toEqual([0, 6, 20, 38]);
    expect(Array.from(b.cumMin)).toEqual([0, 1.5, 4]);
    // Writing one route does not touch the other.
    expect(a.cumMin.byteOffset + a.cumMin.byteLength).toBeLessThanOrEqual(b.cumMin.byteOffset);
  });
  it('fills chunk after chunk and keeps long routes whole', () => {
    const arena = new RouteArena(), long = Array.from({ length: 300_000 }, (_, i) => i % 50);
    const routes = Array.from({ length: 3000 }, (_, i) => arena.route(long.slice(0, 100 + (i % 7)), edgeMin, edgeKm));
    expect(new Set(routes.map((r) => r.edges.buffer)).size).toBeGreaterThan(1);
    for (const r of routes) expect(r.cumMin[r.edges.length]).toBeCloseTo(long.slice(0, r.edges.length).reduce((s, e) => s + edgeMin[e], 0), 9);
    const big = arena.route(long, edgeMin, edgeKm);
    expect(big.edges.length).toBe(300_000);
    expect(big.cumKm[300_000]).toBe(long.reduce((s, e) => s + edgeKm[e], 0));
  });
});

describe('RouteCache byte budget', () => {
  // A path 0 -> 1 -> ... -> 19 (edge i: i -> i + 1) and a branch at node 2 (edge 19: 2 -> 0): a route
  // from k is [k, k + 1, k + 2, k + 3].
  const from = Int32Array.from({ length: 20 }, (_, i) => (i === 19 ? 2 : i)), to = Int32Array.from({ length: 20 }, (_, i) => (i === 19 ? 0 : i + 1));
  const offsets = new Int32Array(21), edges = new Int32Array(20);
  for (let e = 0; e < 20; e++) offsets[from[e] + 1]++;
  for (let v = 0; v < 20; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, 20);
  for (let e = 0; e < 20; e++) edges[fill[from[e]]++] = e;
  const edgeMin = Float64Array.from({ length: 20 }, (_, i) => 1 + i / 7), edgeKm = Float64Array.from({ length: 20 }, (_, i) => 2 + i / 3);
  const net = { nodeIds: { length: 20 }, edgeFrom: from, edgeTo: to, edgeMin, edgeKm, out: { offsets, edges } };
  const arena = new RouteArena(), routeFrom = (k: number) => arena.route([k, k + 1, k + 2, k + 3], edgeMin, edgeKm);
  const size = routeBytes(routeFrom(0));
  const same = (a: ReturnType<RouteCache['get']> | undefined) => a && [Array.from(a.edges), Array.from(a.cumMin), Array.from(a.cumKm)];
  const has = (cache: RouteCache, k: number) => cache.peek(cache.key(0, k, 9)) !== undefined;
  const put = (cache: RouteCache, k: number) => cache.set(cache.key(0, k, 9), routeFrom(k));

  it('keeps the newer half when the next route would pass the budget, and never more than the budget', () => {
    const cache = new RouteCache(net, 1e6, size * 8); // compact routes: two a generation (a quarter of the budget)
    for (let k = 0; k < 3; k++) put(cache, k);
    expect(cache.bytes).toBe(size * 3);
    put(cache, 3);
    put(cache, 4); // the young generation {2, 3} is full: it ages, {0, 1} is dropped
    expect([0, 1, 2, 3, 4].map((k) => has(cache, k))).toEqual([false, false, true, true, true]);
    expect(cache.bytes).toBeLessThanOrEqual(size * 4);
  });

  it('a route asked for again moves back to the young generation and outlives the ones not asked for', () => {
    const cache = new RouteCache(net, 1e6, size * 8);
    put(cache, 0);
    put(cache, 1);
    put(cache, 2); // old {0, 1}, young {2}
    expect(same(cache.get(cache.key(0, 0, 9)))).toEqual(same(routeFrom(0))); // 0 back to young {2, 0}
    put(cache, 3); // young full: old {2, 0}, young {3}
    expect([0, 1, 2, 3].map((k) => has(cache, k))).toEqual([true, false, true, true]);
    expect([cache.lookups, cache.hits]).toEqual([1, 1]);
  });

  it('keeps a byte a road, and gives back routes with the sums they were stored with, from any generation', () => {
    const cache = new RouteCache(net);
    const branchy = arena.route([0, 1, 19, 0, 1, 2, 3], edgeMin, edgeKm); // 0 -> 1 -> 2 -> 0 -> ... (the branch at node 2)
    cache.set(cache.key(0, 0, 4), branchy);
    cache.set(cache.key(1, 5, 9), routeFrom(5));
    cache.set(cache.key(0, 2, 1), null);
    expect(cache.bytes).toBe(7 + 100 + 4 + 100 + 16);
    expect(same(cache.get(cache.key(0, 0, 4)))).toEqual(same(branchy));
    expect(same(cache.get(cache.key(1, 5, 9)))).toEqual(same(routeFrom(5)));
    expect(cache.get(cache.key(0, 2, 1))).toBeNull();
    expect(cache.get(cache.key(0, 3, 1))).toBeUndefined();
    // Whole routes are kept beside (in half of what the compact ones leave of the budget) and shared by hits.
    expect(cache.wholeBytes).toBe(20 * 7 + 400 + 20 * 4 + 400);
    expect(cache.get(cache.key(0, 0, 4))).toBe(cache.get(cache.key(0, 0, 4)));
    const noWhole = new RouteCache(net, 1e6, 900); // half of what the compact route leaves: 398 bytes, less than the whole route (480)
    noWhole.set(noWhole.key(0, 5, 9), routeFrom(5));
    expect(noWhole.wholeBytes).toBe(0);
    const a = noWhole.get(noWhole.key(0, 5, 9)), b = noWhole.get(noWhole.key(0, 5, 9));
    expect(a).not.toBe(b);
    expect(same(a)).toEqual(same(b));
    const small = new RouteCache(net, 1e6, 2 * (7 + 100));
    small.set(small.key(0, 0, 4), branchy);
    small.set(small.key(0, 5, 9), routeFrom(5)); // the first ages into the old generation
    expect(same(small.peek(small.key(0, 0, 4)))).toEqual(same(branchy));
  });

  it('keeps whole routes in two generations: the routes set or asked for last are shared, older ones age out', () => {
    // Compact routes 104 bytes each; whole ones 480, two a generation: half of what 4 compact routes leave of 2,336.
    const cache = new RouteCache(net, 1e6, 2336);
    const get = (k: number) => cache.get(cache.key(0, k, 9));
    const r = [0, 1, 2, 3].map(routeFrom);
    // Set 0, 1: young {0, 1}; set 2: the young is full, old {0, 1}, young {2}; set 3: young {2, 3}.
    r.forEach((x, k) => cache.set(cache.key(0, k, 9), x));
    expect(get(3)).toBe(r[3]);
    expect(get(0)).toBe(r[0]); // from the old generation back to the young, which is full: old {2, 3}, young {0}
    expect(get(1)).not.toBe(r[1]); // dropped with the old generation it was in: made whole again, young {0, 1}
    expect(same(get(1))).toEqual(same(r[1]));
    expect(cache.wholeBytes).toBe(4 * 480);
  });

  it('keeps edge ids on a network with a node of over 255 outgoing roads', () => {
    const E = 300, star = { nodeIds: { length: 301 }, edgeFrom: new Int32Array(E), edgeTo: Int32Array.from({ length: E }, (_, i) => i + 1), edgeMin: new Float64Array(E).fill(1), edgeKm: new Float64Array(E).fill(2), out: { offsets: Int32Array.from({ length: 302 }, (_, v) => (v === 0 ? 0 : E)), edges: Int32Array.from({ length: E }, (_, i) => i) } };
    const cache = new RouteCache(star), r = new RouteArena().route([299], star.edgeMin, star.edgeKm);
    cache.set(cache.key(0, 0, 300), r);
    expect(cache.bytes).toBe(4 + 100);
    expect(Array.from(cache.get(cache.key(0, 0, 300))!.edges)).toEqual([299]);
  });

  it('counts entries too: half the entry limit a generation', () => {
    const cache = new RouteCache(net, 4, 1e12);
    for (let k = 0; k < 5; k++) cache.set(cache.key(0, k, 9), null);
    expect([0, 1, 2, 3, 4].map((k) => has(cache, k))).toEqual([false, false, true, true, true]);
  });
});
