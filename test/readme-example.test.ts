import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation, type TraceEvent } from '../src/model/simulation.js';

// The README's worked example must stay runnable and mean what the README says it means.
describe('README example (test/fixtures/readme-example.yaml)', () => {
  const scenario = loadScenario('test/fixtures/readme-example.yaml');
  const trace: TraceEvent[] = [];
  const { summary } = new Simulation(scenario, { trace: (e) => trace.push(e) }).run();
  const sh = summary.shipments;

  it('keeps every shipment accounted for', () => {
    expect(sh.created).toBeGreaterThan(100);
    expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
  });

  it('relays trucks without a pass while the city is under relay, and turns them back after', () => {
    const relayedIn = trace.filter((e) => e.event === 'station-arrive' && e.t < 720 + 60);
    expect(relayedIn.length).toBeGreaterThan(10);
    const turned = trace.filter((e) => e.event === 'turned-back');
    expect(turned.length).toBe(sh.turnedBack);
    // During the relay window passless trucks head for the station and are let through the checkpoint.
    expect(turned.every((e) => e.t >= 720)).toBe(true);
    expect(summary.checkpoints.entry.turnedBack).toBeGreaterThan(0);
  });

  it('never enters the closed road hub-plant during [300, 360)', () => {
    const entered = trace.filter((e) => e.event === 'enter-edge' && ((e.from === 'hub' && e.to === 'plant') || (e.from === 'plant' && e.to === 'hub')));
    expect(entered.length).toBeGreaterThan(0);
    expect(entered.filter((e) => e.t >= 300 && e.t < 360)).toEqual([]);
  });
});
