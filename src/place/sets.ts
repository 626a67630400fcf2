import type { StationDef } from '../scenario/types.js';
import type { Site, StationDefaults } from './candidates.js';

/** One chosen site and its size. A set is a list of these, sorted by site index. */
export interface Choice { site: number; docks: number; trucks: number }
export type SiteSet = Choice[];

/** What decides which sets may be evaluated. */
export interface SetRules {
  sites: Site[];
  /** Zones that must hold at least one chosen or kept station (relay/sealed zones with demand). */
  required: string[];
  /** Zones and nodes already taken by kept stations. */
  covered: Set<string>;
  keptNodes: Set<string>;
  budget: number;
  dockCost: number;
  truckCost: number;
  /** Search docks and local trucks (--size); else each site has its first allowed size. */
  size: boolean;
}

export function setKey(set: SiteSet, sites: Site[]): string {
  return set.map((c) => `${sites[c.site].id}:${c.docks}x${c.trucks}`).join('+');
}

export function setCost(set: SiteSet, r: SetRules): number {
  return set.reduce((sum, c) => sum + r.sites[c.site].cost + r.dockCost * c.docks + r.truckCost * c.trucks, 0);
}

export function feasible(set: SiteSet, r: SetRules): boolean {
  if (setCost(set, r) > r.budget + 1e-9) return false;
  const nodes = new Set(set.map((c) => r.sites[c.site].node));
  if (nodes.size < set.length || set.some((c) => r.keptNodes.has(r.sites[c.site].node))) return false;
  const zones = new Set(set.map((c) => r.sites[c.site].zone));
  return r.required.every((z) => zones.has(z) || r.covered.has(z));
}

export function normalise(set: SiteSet): SiteSet {
  return [...set].sort((a, b) => a.site - b.site);
}

/** The size a site gets when it is added: its first allowed size (the cheapest with --size if that breaks the budget). */
export function defaultChoice(site: number, r: SetRules, cheapest = false): Choice {
  const s = r.sites[site];
  return cheapest ? { site, docks: Math.min(...s.docks), trucks: Math.min(...s.localTrucks) } : { site, docks: s.docks[0], trucks: s.localTrucks[0] };
}

/** Sizes a site may take: its first allowed size, or every combination with --size. */
export function sizesOf(site: number, r: SetRules): Choice[] {
  const s = r.sites[site];
  if (!r.size) return [defaultChoice(site, r)];
  return s.docks.flatMap((docks) => s.localTrucks.map((trucks) => ({ site, docks, trucks })));
}

/**
 * Every feasible set of k sites (with every size combination under --size), in a fixed order; null when
 * there are more than `limit` (the caller then searches instead).
 */
export function enumerateSets(k: number, r: SetRules, limit: number): SiteSet[] | null {
  const out: SiteSet[] = [];
  const m = r.sites.length;
  let visited = 0;
  const pick: Choice[] = [];
  const rec = (from: number): boolean => {
    if (pick.length === k) {
      if (++visited > limit * 20) return false;
      if (feasible(pick, r)) {
        if (out.length >= limit) return false;
        out.push([...pick]);
      }
      return true;
    }
    for (let i = from; i <= m - (k - pick.length); i++) {
      for (const c of sizesOf(i, r)) {
        pick.push(c);
        const ok = rec(i + 1);
        pick.pop();
        if (!ok) return false;
      }
    }
    return true;
  };
  return rec(0) ? out : null;
}

/** The scenario `stations` for a set: kept stations first, then the chosen sites with their sizes. */
export function stationsFor(set: SiteSet, sites: Site[], kept: StationDef[], d: StationDefaults): StationDef[] {
  return [
    ...kept,
    ...set.map((c) => {
      const s = sites[c.site];
      return { id: s.id, node: s.node, zone: s.zone, name: s.name, docks: c.docks, transferMin: d.transferMin, storageLoads: d.storageLoads, localTrucks: c.trucks };
    }),
  ];
}
