// The kernel: guarded scheduling, order by the canonical key (time, priority, kind, entity, seq), step and runUntil.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/engine/kernel.js';

function recorder() {
  const k = new Kernel(), log: string[] = [];
  k.on(0, 2, (id) => log.push(`arrive ${id} @${k.now}`));
  k.on(4, 0, (id) => log.push(`control ${id} @${k.now}`));
  k.on(5, 1, (id) => log.push(`sample ${id} @${k.now}`));
  return { k, log };
}

describe('Kernel', () => {
  it('runs events by time, then priority, then entity and seq, whatever the order of scheduling', () => {
    const { k, log } = recorder();
    k.at(5, 0, 1, 9); k.at(5, 5, 2); k.at(5, 4, 3); k.at(1, 0, 4); k.at(5, 0, 5, 2, 1); k.at(5, 4, 6); k.at(5, 0, 7, 2, 0);
    k.runUntil(10);
    expect(log).toEqual(['arrive 4 @1', 'control 3 @5', 'control 6 @5', 'sample 2 @5', 'arrive 7 @5', 'arrive 5 @5', 'arrive 1 @5']);
    expect(k.now).toBe(10);
    expect(k.events).toBe(7);
  });

  it('the same events scheduled in any order run in the same order', () => {
    const events: [number, number, number, number, number][] = [];
    for (let i = 0; i < 200; i++) events.push([i % 7, [0, 4, 5][i % 3], i, (i * 37) % 11, i % 2]);
    const order = (list: typeof events) => {
      const { k } = recorder(), ran: number[] = [];
      k.on(1, 2, (id) => ran.push(id));
      for (const [t, kind, id, entity, seq] of list) k.at(t, kind === 0 ? 1 : kind, id, entity, seq);
      k.runUntil(10);
      return ran;
    };
    const shuffled = [...events].sort((a, b) => ((a[2] * 7919) % 200) - ((b[2] * 7919) % 200));
    expect(order(shuffled)).toEqual(order(events));
  });

  it('runBefore stops short of its end; runUntil includes it', () => {
    const { k, log } = recorder();
    k.at(1, 0, 1); k.at(2, 0, 2);
    k.runBefore(2);
    expect(log).toEqual(['arrive 1 @1']);
    k.runUntil(2);
    expect(log).toEqual(['arrive 1 @1', 'arrive 2 @2']);
  });

  it('rejects a time before now, and NaN', () => {
    const { k } = recorder();
    k.at(3, 0, 0);
    k.step();
    expect(k.now).toBe(3);
    expect(() => k.at(2.999, 0, 0)).toThrow(/t=2.999 scheduled at now=3/);
    expect(() => k.at(NaN, 0, 0)).toThrow(/expected t >= now/);
    expect(() => k.at(3, 0, 0)).not.toThrow();
  });

  it('runUntil stops at its end, leaving later events; step runs one', () => {
    const { k, log } = recorder();
    k.at(1, 0, 1); k.at(2, 0, 2); k.at(2.5, 0, 3);
    k.runUntil(2);
    expect(log).toEqual(['arrive 1 @1', 'arrive 2 @2']);
    expect(k.pending).toBe(1);
    expect(k.step()).toBe(true);
    expect(k.now).toBe(2.5);
    expect(k.step()).toBe(false);
  });

  it('a superseded event is recognised by its seq and not counted', () => {
    const k = new Kernel();
    let current = -1;
    const seen: number[] = [];
    k.on(1, 2, (id) => { if (k.seq !== current) return k.discard(); seen.push(id); });
    k.at(4, 1, 7, 7, 1);
    k.at(3, 1, 7, 7, 2); // the later schedule supersedes the first
    current = 2;
    k.runUntil(10);
    expect(seen).toEqual([7]);
    expect(k.events).toBe(1);
  });

  it('refuses a second handler for a kind, and kinds or priorities out of range', () => {
    const k = new Kernel();
    k.on(0, 0, () => {});
    expect(() => k.on(0, 0, () => {})).toThrow(/has a handler already/);
    expect(() => k.on(8, 0, () => {})).toThrow(/0\.\.7/);
    expect(() => k.on(1, -1, () => {})).toThrow(/priority/);
  });
});
