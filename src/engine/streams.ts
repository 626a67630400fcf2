import seedrandom from 'seedrandom';
import type { Dist } from '../scenario/schema.js';

export type Uniform = () => number;
export type Sampler = () => number;

/**
 * One seeded stream per purpose and entity (`arrivals/<demand id>`, `service/<checkpoint id>`, ...):
 * a stream's draws do not depend on how many draws other streams made, so changing one checkpoint's
 * lanes leaves every other entity's random numbers alone (common random numbers across a sweep).
 * alea: ~6 ns a draw, against ~32 ns for seedrandom's default ARC4 (shared/peers/RESULTS.md).
 */
export function stream(seed: number, name: string): Uniform {
  return seedrandom.alea(`${seed}/${name}`);
}

/** A sampler for one of the contract's distributions (minutes), drawing from `u`. */
export function sampler(dist: Dist, u: Uniform): Sampler {
  switch (dist.dist) {
    case 'exp': {
      const m = dist.mean;
      return () => -m * Math.log(1 - u());
    }
    case 'const': {
      const v = dist.value;
      return () => v;
    }
    case 'uniform': {
      const a = dist.min, w = dist.max - dist.min;
      return () => a + w * u();
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = dist;
      const f = b > a ? (c - a) / (b - a) : 0.5;
      return () => {
        const x = u();
        return x < f ? a + Math.sqrt(x * (b - a) * (c - a)) : b - Math.sqrt((1 - x) * (b - a) * (b - c));
      };
    }
    case 'lognormal': {
      // mean and sd are of the distribution itself; mu and sigma of the underlying normal follow.
      const s2 = Math.log(1 + (dist.sd * dist.sd) / (dist.mean * dist.mean));
      const mu = Math.log(dist.mean) - s2 / 2, sigma = Math.sqrt(s2);
      return () => Math.exp(mu + sigma * standardNormal(u));
    }
  }
}

/** Box-Muller; the second variate is discarded so that each draw uses exactly two uniforms. */
function standardNormal(u: Uniform): number {
  const r = Math.sqrt(-2 * Math.log(1 - u()));
  return r * Math.cos(2 * Math.PI * u());
}
