import type { CchMetric } from '../network/cch/metric.js';
import type { CchTopology } from '../network/cch/topology.js';

/**
 * Customized metrics of the contraction hierarchy in SharedArrayBuffers, one slot per routing state a
 * split run can ask for (routing-states.ts), so that each state is customized once for all regions
 * instead of once in every region. A slot is filled by the first region that needs it (or that was
 * given it to fill ahead, region.ts) and read by every region: its state word goes EMPTY -> FILLING ->
 * READY with Atomics, and a region that finds it FILLING waits. What a slot holds is what the filling
 * region's router customized, the same procedure in every region, so the routes do not depend on
 * which region filled it. Every array is sized for the worst case (every arc kept); the pages past
 * the kept arcs are never written.
 */
export interface MetricSlots {
  /** Routing state name (network/blocked-key.ts) -> slot. */
  keys: string[];
  /** Per slot: [state, kept forward arcs, kept backward arcs]. */
  control: Int32Array;
  arrays: SlotArrays[];
}

interface SlotArrays {
  fwdFirst: Int32Array; fwdHead: Int32Array; fwdW: Float64Array; fwdArc: Int32Array;
  bwdFirst: Int32Array; bwdHead: Int32Array; bwdW: Float64Array; bwdArc: Int32Array;
  mid: Int32Array;
}

const EMPTY = 0, FILLING = 1, READY = 2;

const sharedInt = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));
const sharedFloat = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** Empty slots for these states on this hierarchy (coordinator side). */
export function metricSlots(topo: CchTopology, keys: string[]): MetricSlots {
  const n = topo.n, M = topo.head.length;
  return {
    keys,
    control: sharedInt(3 * keys.length),
    arrays: keys.map(() => ({
      fwdFirst: sharedInt(n + 1), fwdHead: sharedInt(M), fwdW: sharedFloat(M), fwdArc: sharedInt(M),
      bwdFirst: sharedInt(n + 1), bwdHead: sharedInt(M), bwdW: sharedFloat(M), bwdArc: sharedInt(M),
      mid: sharedInt(2 * M),
    })),
  };
}

/** How a region reads and fills the slots: a metricSource for its router (cch-router.ts), and the blocked state of a slot. */
export function slotReader(slots: MetricSlots) {
  const index = new Map(slots.keys.map((k, i) => [k, i]));
  const { control: ctl } = slots;

  const view = (k: number): CchMetric => {
    const a = slots.arrays[k], F = ctl[3 * k + 1], B = ctl[3 * k + 2], M2 = a.mid.length, n1 = a.fwdFirst.length;
    return {
      fwdFirst: a.fwdFirst, fwdHead: a.fwdHead.subarray(0, F), fwdW: a.fwdW.subarray(0, F), fwdArc: a.fwdArc.subarray(0, F),
      bwdFirst: a.bwdFirst, bwdHead: a.bwdHead.subarray(0, B), bwdW: a.bwdW.subarray(0, B), bwdArc: a.bwdArc.subarray(0, B),
      mid: a.mid,
      bytes: 4 * M2 + 8 * n1 + 16 * (F + B),
    };
  };

  const fill = (k: number, m: CchMetric): void => {
    const a = slots.arrays[k];
    a.fwdFirst.set(m.fwdFirst); a.fwdHead.set(m.fwdHead); a.fwdW.set(m.fwdW); a.fwdArc.set(m.fwdArc);
    a.bwdFirst.set(m.bwdFirst); a.bwdHead.set(m.bwdHead); a.bwdW.set(m.bwdW); a.bwdArc.set(m.bwdArc);
    a.mid.set(m.mid);
    ctl[3 * k + 1] = m.fwdHead.length; ctl[3 * k + 2] = m.bwdHead.length;
    // The store of READY publishes the arrays and counts written before it (Atomics are sequentially consistent).
    Atomics.store(ctl, 3 * k, READY);
    Atomics.notify(ctl, 3 * k);
  };

  const metricOf = (k: number, customize: () => CchMetric): CchMetric => {
    if (Atomics.load(ctl, 3 * k) === READY) return view(k);
    if (Atomics.compareExchange(ctl, 3 * k, EMPTY, FILLING) === EMPTY) {
      fill(k, customize());
      return view(k);
    }
    while (Atomics.load(ctl, 3 * k) !== READY) Atomics.wait(ctl, 3 * k, FILLING);
    return view(k);
  };

  return {
    /** For the router: the slot's metric when the state has one, else this router customizes it alone. */
    source(key: string, customize: () => CchMetric): CchMetric {
      const k = index.get(key);
      return k === undefined ? customize() : metricOf(k, customize);
    },
    /** Whether slot k is still to be filled (no region has started on it). */
    empty: (k: number): boolean => Atomics.load(ctl, 3 * k) === EMPTY,
  };
}
