import type { ClosedSet, Controls } from './controls.js';
import type { Landmarks } from '../network/landmarks.js';
import { LOCAL, PASS, Phase, RELAYED, REPLAN, TURNED } from './fleet.js';
import { reopenedMayShorten, reopenedOf, ruleSafe, type Reopened } from './replan-bound.js';
import type { Network } from '../network/build.js';
import type { RoutePlanner } from './route-planner.js';
import type { RunContext } from './run-context.js';
import { nextNodeIndex, type TripProcess } from './trip.js';

/** Event kind of a change of closures or zone rules (see simulation.ts for the table of kinds). */
export const CONTROL = 4;
/** Control changes run before anything else at the same time: a truck arriving then sees the new rules. */
const CONTROL_PRIORITY = 0;

/**
 * Re-planning when closures or zone rules change. A truck on the road, or at a checkpoint, plans again
 * at its next node when the change affects it: zone rules changed (long-haul trucks), its route ahead
 * uses a road or node closed now, or it was planned around one that has reopened (a faster route may be
 * open) and the reopened roads could give it a faster route (replan-bound.ts; `landmarks` null turns that
 pruning off). A driving truck's stretch is cut at its next node. Trucks waiting for a path plan again at once.
 */
export class ReplanProcess {
  constructor(private readonly ctx: RunContext, private readonly controls: Controls, private readonly routes: RoutePlanner, private readonly trip: TripProcess, private readonly landmarks: Landmarks | null) {
    ctx.kernel.on(CONTROL, CONTROL_PRIORITY, () => this.controlChange());
  }

  /** Closures and zone rules at time 0, and an event at every later change. */
  start(): void {
    this.controls.apply(0);
    for (const t of this.controls.changeTimes) this.ctx.kernel.at(t, CONTROL, 0);
  }

  private controlChange(): void {
    const { fleet: f, kernel } = this.ctx, now = kernel.now;
    const { reopened, zonesChanged } = this.controls.apply(now);
    const around = new ReopenedByEpoch(this.ctx.net, this.controls.epochClosed, reopened);
    this.routes.clearHints();
    const waiting: number[] = [];
    for (let s = 0; s < f.high; s++) {
      const phase = f.phase[s];
      if (phase === Phase.WaitingPath) { waiting.push(s); continue; }
      if (phase !== Phase.Driving && phase !== Phase.CheckpointQueue && phase !== Phase.CheckpointService) continue;
      const from = phase === Phase.Driving ? nextNodeIndex(f, s, now) : f.rpos[s];
      const route = f.route[s]!, cut = this.routes.closed(route, from);
      const affected = (zonesChanged && !(f.flags[s] & LOCAL)) || cut || this.replanNeeded(s, from, around.of(f.planEpoch[s]));
      if (!affected) continue;
      // Where it re-plans, the rest of its route is an open-network path: it spares that search (route-planner.ts).
      if (cut) this.routes.hintOpenBound(route, from, from > 0 ? this.ctx.net.edgeTo[route.edges[from - 1]] : f.node[s]);
      f.flags[s] |= REPLAN;
      if (phase === Phase.Driving && from < f.segEnd[s]) this.trip.cutStretch(s, from);
    }
    // By canonical id, not slot: the same order however the run was split (each plan may queue at a station).
    waiting.sort((a, b) => f.ent[a] - f.ent[b]);
    for (const s of waiting) { this.ctx.observer.sub = f.ent[s]; this.trip.plan(s); }
    this.ctx.observer.sub = 0;
  }

  /**
   * A truck planned around some of what reopened (`aroundNow`: those items; null when it was planned
   * around none of it) re-plans only if the reopened roads could give it a faster route
   * (replan-bound.ts); otherwise its route is the fastest under the rules now, and it is counted.
   */
  private replanNeeded(s: number, from: number, aroundNow: Reopened | null): boolean {
    if (aroundNow === null) return false;
    if (this.landmarks === null) return true;
    const { fleet: f, net } = this.ctx, route = f.route[s]!, local = (f.flags[s] & LOCAL) !== 0;
    // A relayed truck's re-plan re-chooses its station among the zone's: not bounded here.
    if (!local && (f.flags[s] & (TURNED | RELAYED)) !== 0) return true;
    const v = from > 0 ? net.edgeTo[route.edges[from - 1]] : f.node[s], t = f.target[s];
    const forbidden = local ? 0 : this.controls.forbidden((f.flags[s] & PASS) !== 0);
    if (!ruleSafe(net, forbidden, route, from, v, t)) return true;
    if (reopenedMayShorten(this.landmarks, aroundNow, route, from, v, t)) return true;
    f.planEpoch[s] = this.controls.epoch;
    this.ctx.counts.replansAvoided++;
    return false;
  }
}

/**
 * What reopened at a change, per planning epoch: the items a route planned in that epoch was planned
 * around (closed then, open now), worked out once per epoch and change instead of once per truck
 * (a change at 1e5 nodes reopens ~400 directed roads under ~20 k trucks of two or three epochs).
 */
class ReopenedByEpoch {
  private readonly byEpoch = new Map<number, Reopened | null>();
  constructor(private readonly net: Network, private readonly epochClosed: readonly ClosedSet[], private readonly reopened: readonly number[]) {}

  /** The reopened items closed in `epoch`, or null when there are none. */
  of(epoch: number): Reopened | null {
    let r = this.byEpoch.get(epoch);
    if (r === undefined) {
      const closedThen = this.epochClosed[epoch], items = this.reopened.filter((x) => closedThen.has(x));
      r = items.length === 0 ? null : reopenedOf(this.net, items);
      this.byEpoch.set(epoch, r);
    }
    return r;
  }
}
