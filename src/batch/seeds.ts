/**
 * Seed of replication `rep` (0-based) of a batch with base seed `base`: FNV-1a over the UTF-8 text
 * `${base}/${rep}`, then MurmurHash3's 32-bit finaliser, kept to 31 bits (0 .. 2^31-1).
 *
 * It depends on (base, rep) only, never on the grid point: every point runs replication r with the same
 * seed (common random numbers), and as the simulation draws from one stream per entity and purpose,
 * changing one parameter leaves the other streams as they were. Rerunning one point alone, on any
 * number of workers, in any order, gives the same numbers.
 */
export function repSeed(base: number, rep: number): number {
  const text = `${base}/${rep}`;
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}
