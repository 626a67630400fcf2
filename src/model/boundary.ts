/**
 * The seam between the parts of a run split across threads (src/partition/), each owning some nodes.
 * A truck whose stretch leads to a node its part does not own is handed on when it enters that road
 * (`handoff`, from the trip's LEAVE event); the part keeps it until the end of the window, then sends
 * its whole state to the owner of that node (partition/truck-state.ts).
 * One thread owns every node, so the run here never hands anything off.
 */
export interface Boundary {
  /** True in a part of a split run: stretches that leave the part get a LEAVE event. */
  readonly split: boolean;
  owns(node: number): boolean;
  handoff(truck: number, t: number): void;
}

/** The whole network in one part: every node owned, nothing handed off. */
export const WHOLE_NETWORK: Boundary = {
  split: false,
  owns: () => true,
  handoff: (truck, t) => { throw new Error(`truck ${truck} handed off at t=${t}, but this part owns every node`); },
};
