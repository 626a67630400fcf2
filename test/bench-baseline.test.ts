import { describe, expect, it } from 'vitest';
import { erlangCWq, runBaseline } from '../bench/baseline/mmc-minimal.js';
import { roadGraphScenario } from '../bench/graphs.js';
import { validateScenario } from '../src/scenario/load.js';

const MODEL = { lam: 3.4, mu: 1, c: 4, d: 4, nu: 1, travel: 5 };

describe('bench baseline (the limit relaysim is compared against)', () => {
  it('runBaseline() matches Erlang C within 3 % at 2e5 trucks', () => {
    const wq = erlangCWq(MODEL.lam, MODEL.mu, MODEL.c);
    expect(wq).toBeCloseTo(1.14886, 5); // as quoted in shared/peers/RESULTS.md
    const r = runBaseline({ trucks: 2e5, ...MODEL, seed: 1 });
    expect(r.completed).toBe(2e5);
    expect(r.events).toBe(4 * 2e5); // arrival, checkpoint done, station, dock done
    expect(Math.abs(r.meanWait - wq) / wq).toBeLessThan(0.03);
  });

  it('runBaseline() is a pure function of its options', () => {
    const a = runBaseline({ trucks: 1e4, ...MODEL, seed: 7 }), b = runBaseline({ trucks: 1e4, ...MODEL, seed: 7 });
    expect(b.meanWait).toBe(a.meanWait);
    expect(b.events).toBe(a.events);
  });
});

describe('bench road-like graph generator', () => {
  it('roadGraphScenario() gives the same graph for the same seed, another for another seed', () => {
    const a = roadGraphScenario({ nodes: 2000, seed: 3, closures: { edges: 5, periodMin: 60 } });
    const b = roadGraphScenario({ nodes: 2000, seed: 3, closures: { edges: 5, periodMin: 60 } });
    const c = roadGraphScenario({ nodes: 2000, seed: 4, closures: { edges: 5, periodMin: 60 } });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.network)).not.toBe(JSON.stringify(a.network));
  });

  it('roadGraphScenario() is connected, about the size asked for, and a valid scenario', () => {
    const s = roadGraphScenario({ nodes: 5000, seed: 1, odPairs: 300 });
    const n = s.network.nodes.length;
    expect(n).toBeGreaterThan(0.9 * 5000);
    const index = new Map(s.network.nodes.map((v, i) => [v.id, i]));
    const adj: number[][] = Array.from({ length: n }, () => []);
    for (const e of s.network.edges) {
      const u = index.get(e.from)!, v = index.get(e.to)!;
      adj[u].push(v); adj[v].push(u);
    }
    const seen = new Uint8Array(n), stack = [0];
    seen[0] = 1;
    let reached = 1;
    while (stack.length > 0) for (const v of adj[stack.pop()!]) if (!seen[v]) { seen[v] = 1; reached++; stack.push(v); }
    expect(reached).toBe(n);
    expect(new Set(s.demand.map((d) => `${d.from}>${d.to}`)).size).toBe(300);
    expect(s.demand.every((d) => d.from !== d.to)).toBe(true);
    expect(() => validateScenario(s, 'generated')).not.toThrow();
  });
});
