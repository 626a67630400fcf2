/**
 * How the regions of a split run agree on their windows without a round trip through the coordinator.
 * Each region, at the end of a window, writes two numbers to shared memory (its next event time, and
 * the earliest time a truck it handed on can act) and waits at a barrier; then every region reads
 * every region's numbers and computes the same next window from them (nextWindow). A window costs one
 * barrier instead of a message to and from the coordinator thread, and no thread but the regions'
 * has to run for the run to go on (the coordinator merges rows when it gets round to it).
 *
 * The numbers are double-buffered by window parity: a region writes the slot of window k + 1 only
 * after barrier k, which every region passes only after reading the slot of window k - 1 (= k + 1 mod 2).
 */
export interface WindowSync {
  /** [arrived, generation, aborted]: the barrier's count, its generation (bumped when all arrive), a stop flag. */
  control: Int32Array;
  /** Per parity, per region: [next event, earliest handed-on truck]. */
  times: Float64Array;
  parts: number;
}

const ARRIVED = 0, GENERATION = 1, ABORTED = 2;
/** What a region reads when another one failed (the coordinator reports the other's error, not this). */
export const REGION_FAILED = 'another region failed';
/** Loads of the generation word before sleeping: ~10-30 us, less than a futex wake, when the other region is about to arrive. */
const SPIN = 4000;

export function windowSync(parts: number): WindowSync {
  return { control: new Int32Array(new SharedArrayBuffer(4 * 3)), times: new Float64Array(new SharedArrayBuffer(8 * 2 * 2 * parts)), parts };
}

/**
 * The window after one ending at `prevEnd` (-Infinity before the first), from the earliest time
 * anything can happen anywhere (`next`): every event before (next + lookahead) runs in it, since a truck
 * handed on in the window cannot act in its new region sooner. `last`: it runs to the end of the run.
 * Shared by the coordinator of inline regions and the regions on threads, so both cut the same windows.
 */
export function nextWindow(next: number, lookahead: number, end: number): { end: number; last: boolean } {
  // A hair under the lookahead: a truck's arrival is computed as a sum that may round below (t + road time).
  const windowEnd = next + lookahead * (1 - 1e-9);
  return !(windowEnd <= end) ? { end, last: true } : { end: windowEnd, last: false };
}

/** A region's side of the barrier; `waitedMs` sums the time it spent waiting for the others. */
export class RegionSync {
  waitedMs = 0;
  private k = 0;

  constructor(private readonly sync: WindowSync, private readonly id: number) {}

  /** Publishes this region's numbers for the coming window, waits for every region's, and returns the earliest of them all. */
  exchange(next: number, earliest: number): number {
    const { times, parts } = this.sync, base = (this.k & 1) * 2 * parts;
    times[base + 2 * this.id] = next;
    times[base + 2 * this.id + 1] = earliest;
    this.arrive();
    this.k++;
    let t = Infinity;
    for (let r = 0; r < 2 * parts; r++) if (times[base + r] < t) t = times[base + r];
    return t;
  }

  /** Wakes the other regions for good when this one fails, so that none waits forever. */
  abort(): void {
    const c = this.sync.control;
    Atomics.store(c, ABORTED, 1);
    Atomics.add(c, GENERATION, 1);
    Atomics.notify(c, GENERATION);
  }

  private arrive(): void {
    const c = this.sync.control, g = Atomics.load(c, GENERATION);
    // The last to arrive resets the count before it opens the barrier: nobody counts for the next one
    // before seeing the generation move.
    if (Atomics.add(c, ARRIVED, 1) === this.sync.parts - 1) {
      Atomics.store(c, ARRIVED, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
    } else {
      const t0 = performance.now();
      for (let i = 0; i < SPIN && Atomics.load(c, GENERATION) === g; i++);
      // abort() sets the flag before it moves the generation: a region that read the generation after
      // that sees the flag here, and one that read it before is woken by the move.
      while (Atomics.load(c, GENERATION) === g && Atomics.load(c, ABORTED) === 0) Atomics.wait(c, GENERATION, g);
      this.waitedMs += performance.now() - t0;
    }
    if (Atomics.load(c, ABORTED) !== 0) throw new Error(REGION_FAILED);
  }
}
