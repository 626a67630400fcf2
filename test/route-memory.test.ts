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
  it('starts afresh when the next route would pass the budget', () => {
    const arena = new RouteArena(), edgeMin = new Float64Array(10).fill(1), edgeKm = new Float64Array(10).fill(1);
    const r = arena.route([1, 2, 3, 4], edgeMin, edgeKm), size = routeBytes(r);
    const cache = new RouteCache(100, 1e6, size * 3);
    for (let k = 0; k < 3; k++) cache.set(cache.key(0, k, 1), r);
    expect(cache.bytes).toBe(size * 3);
    expect(cache.peek(cache.key(0, 0, 1))).toBe(r);
    cache.set(cache.key(0, 9, 1), r);
    expect(cache.bytes).toBe(size);
    expect(cache.peek(cache.key(0, 0, 1))).toBeUndefined();
    expect(cache.peek(cache.key(0, 9, 1))).toBe(r);
  });
});
