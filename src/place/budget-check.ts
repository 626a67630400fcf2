import type { SetRules } from './sets.js';

/**
 * Whether some set of k sites is feasible (covers the required zones, one station a node, none on a
 * kept station's node) within the budget: 'yes', 'no', or 'unknown' when the search is too large to
 * finish quickly (then the search itself decides). Sizes only add cost, so each site is taken at its
 * cheapest allowed size (the first one without --size). Depth-first over sites in order of cost,
 * pruned by the cost of the cheapest sites still to pick.
 * A feasible set of k sites contains one of every smaller size down to the zones' count, so checking K
 * covers every k the search visits.
 */
export function feasibleWithinBudget(k: number, r: SetRules, maxVisits = 2_000_000): 'yes' | 'no' | 'unknown' {
  const costOf = (i: number) => {
    const s = r.sites[i];
    const docks = r.size ? Math.min(...s.docks) : s.docks[0];
    const trucks = r.size ? Math.min(...s.localTrucks) : s.localTrucks[0];
    return s.cost + r.dockCost * docks + r.truckCost * trucks;
  };
  const order = r.sites.map((_, i) => i).filter((i) => !r.keptNodes.has(r.sites[i].node)).sort((a, b) => costOf(a) - costOf(b) || a - b);
  const cost = order.map(costOf);
  const need = r.required.filter((z) => !r.covered.has(z));
  const nodes = new Set<string>();
  const zoneCount = new Map<string, number>();
  let visits = 0;
  const dfs = (from: number, left: number, spent: number): boolean | null => {
    if (++visits > maxVisits) return null;
    const uncovered = need.filter((z) => !zoneCount.get(z)).length;
    if (uncovered > left) return false;
    if (left === 0) return true;
    for (let j = from; j <= order.length - left; j++) {
      // Sites are sorted by cost: the cheapest completion from j costs cost[j] + ... + cost[j + left - 1].
      let bound = spent;
      for (let q = j; q < j + left; q++) bound += cost[q];
      if (bound > r.budget + 1e-9) return false;
      const site = r.sites[order[j]];
      if (nodes.has(site.node)) continue;
      nodes.add(site.node);
      zoneCount.set(site.zone, (zoneCount.get(site.zone) ?? 0) + 1);
      const found = dfs(j + 1, left - 1, spent + cost[j]);
      nodes.delete(site.node);
      zoneCount.set(site.zone, zoneCount.get(site.zone)! - 1);
      if (found !== false) return found;
    }
    return false;
  };
  const found = dfs(0, k, 0);
  return found === null ? 'unknown' : found ? 'yes' : 'no';
}
