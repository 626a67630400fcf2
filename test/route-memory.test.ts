// Compact routes: routes are slices of shared typed arrays with the right cumulative sums, and the
// route cache lets go of its routes when they pass its byte budget.
import { describe, expect, it } from 'vitest';
import { RouteArena, routeBytes } from '../src/network/route-arena.js';
import { RouteCache } from '../src/network/route-cache.js';

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
  const arena = new RouteArena(), edgeMin = new Float64Array(10).fill(1), edgeKm = new Float64Array(10).fill(1);
  const r = arena.route([1, 2, 3, 4], edgeMin, edgeKm), size = routeBytes(r);
  const has = (cache: RouteCache, k: number) => cache.peek(cache.key(0, k, 1)) !== undefined;

  it('keeps the newer half when the next route would pass the budget, and never more than the budget', () => {
    const cache = new RouteCache(100, 1e6, size * 4); // two routes a generation
    for (let k = 0; k < 3; k++) cache.set(cache.key(0, k, 1), r);
    expect(cache.bytes).toBe(size * 3);
    cache.set(cache.key(0, 3, 1), r);
    cache.set(cache.key(0, 4, 1), r); // the young generation {2, 3} is full: it ages, {0, 1} is dropped
    expect([0, 1, 2, 3, 4].map((k) => has(cache, k))).toEqual([false, false, true, true, true]);
    expect(cache.bytes).toBeLessThanOrEqual(size * 4);
  });

  it('a route asked for again moves back to the young generation and outlives the ones not asked for', () => {
    const cache = new RouteCache(100, 1e6, size * 4);
    cache.set(cache.key(0, 0, 1), r);
    cache.set(cache.key(0, 1, 1), r);
    cache.set(cache.key(0, 2, 1), r); // old {0, 1}, young {2}
    expect(cache.get(cache.key(0, 0, 1))).toBe(r); // 0 back to young {2, 0}
    cache.set(cache.key(0, 3, 1), r); // young full: old {2, 0}, young {3}
    expect([0, 1, 2, 3].map((k) => has(cache, k))).toEqual([true, false, true, true]);
    expect([cache.lookups, cache.hits]).toEqual([1, 1]);
  });

  it('counts entries too: half the entry limit a generation', () => {
    const cache = new RouteCache(100, 4, 1e12);
    for (let k = 0; k < 5; k++) cache.set(cache.key(0, k, 1), null);
    expect([0, 1, 2, 3, 4].map((k) => has(cache, k))).toEqual([false, false, true, true, true]);
  });
});
