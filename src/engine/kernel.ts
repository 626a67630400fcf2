import { EventQueue } from './event-queue.js';

/** An event handler: called with the id (truck slot, stream index, ...) the event was scheduled for. */
export type Handler = (id: number) => void;

/** Out of line: a throw with a message makes `at` too big for the optimizer to inline where it is called. */
function pastEvent(t: number, now: number): never {
  throw new RangeError(`event at t=${t} scheduled at now=${now}: expected t >= now`);
}

const none: Handler = (id) => { throw new Error(`event for ${id} of a kind with no handler`); };

/** Up to 8 event kinds: the kind rides in the low 3 bits of the queue payload, the id in the rest. */
export const MAX_KINDS = 8;
const KIND_BITS = 3;
/** Canonical entity ids are below 2^40; (priority * 8 + kind) rides above them in one exact double. */
export const ENTITY_SPACE = 2 ** 40;
const MAX_PRIORITY = 512;

/**
 * The simulation kernel: the clock, the event list and dispatch. Processes register a handler and a
 * priority per event kind; `at(t, kind, id, entity, seq)` schedules, `step()` runs the earliest event,
 * `runUntil(t)` runs every event up to t. At equal times the canonical key decides: lower priority
 * first, then lower kind, then lower entity (a canonical id such as the shipment's, never a reused
 * slot), then lower per-entity seq, then the payload (events alike in all of these are interchangeable,
 * e.g. two control changes at one time). Nothing depends on the order of scheduling, so a run split into
 * regions, each with its own kernel, runs every entity's events in the order one kernel would.
 */
export class Kernel {
  /** Simulated minutes: the time of the event running now (or last run). */
  now = 0;
  private readonly q = new EventQueue();
  private readonly handlers: Handler[] = [];
  private readonly priority = new Float64Array(MAX_KINDS);
  /** Rank of entity 0 of each kind: an event's rank less its kind's base is its entity (no division). */
  private readonly base = Float64Array.from({ length: MAX_KINDS }, (_, kind) => kind * ENTITY_SPACE);
  /** Kind of the event running now. */
  private kind = 0;
  private popped = 0;
  /** Per-entity seq of the event running now. */
  seq = 0;
  private stale = 0;

  /** Registers the handler of event kind `kind` (0..7); at equal times lower `priority` runs first. */
  on(kind: number, priority: number, handler: Handler): void {
    if (!(Number.isInteger(kind) && kind >= 0 && kind < MAX_KINDS)) throw new RangeError(`event kind ${kind}: expected an integer in 0..${MAX_KINDS - 1}`);
    if (this.handlers[kind]) throw new Error(`event kind ${kind} has a handler already`);
    if (!(Number.isInteger(priority) && priority >= 0 && priority < MAX_PRIORITY)) throw new RangeError(`priority ${priority}: expected an integer in 0..${MAX_PRIORITY - 1}`);
    this.handlers[kind] = handler;
    this.priority[kind] = priority;
    this.base[kind] = (priority * MAX_KINDS + kind) * ENTITY_SPACE;
  }

  /**
   * Schedules event `kind` for `id` (what the handler gets: a slot, a stream index) at time `t`, ordered
   * among equal times by `entity` (canonical id, below 2^40) and `seq` (which `entity`/`seq` hold again
   * when it runs, so a process can tell a superseded event from its current one). Rejects a time in the
   * past or NaN: an event list that went back in time would silently reorder causes and effects.
   */
  at(t: number, kind: number, id: number, entity = 0, seq = 0): void {
    if (!(t >= this.now)) pastEvent(t, this.now);
    this.q.push(t, (id << KIND_BITS) | kind, this.base[kind] + entity, seq);
  }

  /** Canonical entity of the event running now (worked out when asked: most handlers never ask). */
  get entity(): number {
    return this.q.lastRank - this.base[this.kind];
  }

  /** The rank (priority, kind, entity in one number) of the event running now: with now and seq, its canonical key. */
  get rank(): number {
    return this.q.lastRank;
  }

  /** The running event turned out to be superseded: it does not count as an event. */
  discard(): void {
    this.stale++;
  }

  /** Events run, superseded ones not counted. */
  get events(): number {
    return this.popped - this.stale;
  }

  get pending(): number {
    return this.q.size;
  }

  peekTime(): number {
    return this.q.peekTime();
  }

  /** Runs the earliest event; false when there is none. */
  step(): boolean {
    if (this.q.size === 0) return false;
    const payload = this.q.pop();
    this.now = this.q.lastTime;
    this.seq = this.q.lastSeq;
    this.popped++;
    this.kind = payload & (MAX_KINDS - 1);
    this.handlers[this.kind](payload >> KIND_BITS);
    return true;
  }

  /**
   * Runs every event at or before `end`, then sets the clock to `end`. `progress` is called every
   * 65,536 events with the time of the next one (for progress bars; it cannot change the run).
   */
  runUntil(end: number, progress?: (nowMin: number, endMin: number) => void): void {
    this.runWhile(end, true, progress);
    if (end > this.now) this.now = end;
  }

  /** Runs every event strictly before `end` (a window of a partitioned run); the clock stays at the last event. */
  runBefore(end: number): void {
    this.runWhile(end, false);
  }

  private runWhile(end: number, inclusive: boolean, progress?: (nowMin: number, endMin: number) => void): void {
    const q = this.q, h = this.handlers;
    const h0 = h[0] ?? none, h1 = h[1] ?? none, h2 = h[2] ?? none, h3 = h[3] ?? none, h4 = h[4] ?? none, h5 = h[5] ?? none, h6 = h[6] ?? none, h7 = h[7] ?? none;
    while (q.size > 0 && (inclusive ? q.peekTime() <= end : q.peekTime() < end)) {
      if (progress && ((this.popped + 1) & 0xffff) === 0) progress(q.peekTime(), end);
      const payload = q.pop();
      this.now = q.lastTime;
      this.seq = q.lastSeq;
      this.popped++;
      const id = payload >> KIND_BITS;
      const kind = this.kind = payload & (MAX_KINDS - 1);
      switch (kind) {
        case 0: h0(id); break;
        case 1: h1(id); break;
        case 2: h2(id); break;
        case 3: h3(id); break;
        case 4: h4(id); break;
        case 5: h5(id); break;
        case 6: h6(id); break;
        default: h7(id);
      }
    }
  }
}
