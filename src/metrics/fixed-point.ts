/**
 * Writes `x.toFixed(4)` as ASCII into `buf` at `pos` and returns the position after it, without making
 * a string. Same bytes as toFixed for every double: the fast path covers 0 <= x < 2^43 / 1e4 (about
 * 1,670 years of minutes) whenever x * 1e4 is not within its rounding error of a half (where toFixed's
 * exact decimal rounding and a rounded product could disagree); everything else goes through toFixed.
 * `buf` must have at least 32 bytes free at `pos` (toFixed(4) of a double below 1e21 is at most 27).
 */
export function writeFixed4(buf: Uint8Array, pos: number, x: number): number {
  const y = x * 1e4;
  if (y >= 0 && y < 8.796093022208e12) {
    const below = Math.floor(y);
    const frac = y - below; // exact: y < 2^43
    // fl(x * 1e4) is within y * 2^-53 of the exact product; keep twice that away from a tie.
    if (Math.abs(frac - 0.5) > y * 2.220446049250313e-16) {
      const n = frac > 0.5 ? below + 1 : below;
      const whole = Math.floor(n / 1e4); // exact: n / 1e4 < 2^30 leaves 23 bits for the fraction
      const part = (n - whole * 1e4) | 0; // 0..9999: small-integer arithmetic from here
      pos = writeUint(buf, pos, whole);
      const d1 = (part / 1000) | 0, r1 = part - d1 * 1000, d2 = (r1 / 100) | 0, r2 = r1 - d2 * 100, d3 = (r2 / 10) | 0;
      buf[pos] = 46; // '.'
      buf[pos + 1] = 48 + d1;
      buf[pos + 2] = 48 + d2;
      buf[pos + 3] = 48 + d3;
      buf[pos + 4] = 48 + r2 - d3 * 10;
      return pos + 5;
    }
  }
  return writeAscii(buf, pos, x.toFixed(4));
}

/** Writes a non-negative integer below 2^53 in decimal; returns the position after it. */
export function writeUint(buf: Uint8Array, pos: number, n: number): number {
  if (n < 2147483648) {
    // Int32 arithmetic (ids and minutes are almost always below 2^31): no float division or floor.
    let v = n | 0, end = pos + 1;
    for (let p = 10; p <= v; p *= 10) end++;
    for (let i = end - 1; i >= pos; i--) {
      const q = (v / 10) | 0;
      buf[i] = 48 + v - q * 10;
      v = q;
    }
    return end;
  }
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  let end = pos + digits;
  for (let i = end - 1; i >= pos; i--) {
    const q = Math.floor(n / 10);
    buf[i] = 48 + (n - q * 10);
    n = q;
  }
  return end;
}

/** Writes an ASCII string byte by byte (short strings: cheaper than an encoder call). */
export function writeAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}
