/**
 * The seam where a run split into parts (one per worker thread, each owning some nodes) would pass a
 * truck on: when a truck reaches a node its part does not own, `handoff` reads its slot (the Fleet's
 * arrays, as data) at time t; then the slot is freed in this part.
 * One thread owns every node, so the run here never hands anything off.
 */
export interface Boundary {
  owns(node: number): boolean;
  handoff(truck: number, t: number): void;
}

/** The whole network in one part: every node owned, nothing handed off. */
export const WHOLE_NETWORK: Boundary = {
  owns: () => true,
  handoff: (truck, t) => { throw new Error(`truck ${truck} handed off at t=${t}, but this part owns every node`); },
};
