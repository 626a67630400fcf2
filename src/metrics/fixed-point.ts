/**
 * Decimal digits written four at a time: `DIGITS4[n]` is n's four ASCII digits, zero-padded, as one
 * little-endian int32, stored with one DataView.setInt32. A digit a time costs a dependent division
 * per digit; a row of shipments.csv has ~37 digits. A constant table (40 KB), not state.
 */
const DIGITS4 = (() => {
  const t = new Int32Array(10_000);
  for (let n = 0; n < 10_000; n++) {
    const d = String(n).padStart(4, '0');
    t[n] = d.charCodeAt(0) | (d.charCodeAt(1) << 8) | (d.charCodeAt(2) << 16) | (d.charCodeAt(3) << 24);
  }
  return t;
})();

/**
 * A byte buffer with a DataView over the same bytes: the writers below store up to four bytes at once,
 * and may write up to 3 bytes past the position they return (garbage that the next write overwrites),
 * so a caller keeps 3 bytes of room beyond what it means to write.
 */
export interface ByteOut {
  readonly buf: Uint8Array;
  readonly view: DataView;
}

/** A DataView over exactly `buf`'s bytes. */
export const viewOf = (buf: Uint8Array) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

/**
 * Writes `x.toFixed(4)` as ASCII at `pos` and returns the position after it, without making a string.
 * Same bytes as toFixed for every double: the fast path covers 0 <= x < 2^43 / 1e4 (about 1,670 years
 * of minutes) whenever x * 1e4 is not within its rounding error of a half (where toFixed's exact decimal
 * rounding and a rounded product could disagree); everything else goes through toFixed. Needs 30 bytes
 * of room at `pos` (toFixed(4) of a double below 1e21 is at most 27, plus the 3 of ByteOut).
 */
export function writeFixed4(out: ByteOut, pos: number, x: number): number {
  const y = x * 1e4;
  if (y >= 0 && y < 8.796093022208e12) {
    const below = Math.floor(y);
    const frac = y - below; // exact: y < 2^43
    // fl(x * 1e4) is within y * 2^-53 of the exact product; keep twice that away from a tie.
    if (Math.abs(frac - 0.5) > y * 2.220446049250313e-16) {
      const n = frac > 0.5 ? below + 1 : below;
      // A multiplication, not a division (several times the latency), and still exact: the double
      // 1e-4 is a little above 1e-4, so n * 1e-4 is never rounded below an integer that n / 1e4
      // reaches, and below one it falls short by at least 1e-4, far more than its rounding error.
      const whole = Math.floor(n * 1e-4), part = n - whole * 1e4;
      pos = writeUint(out, pos, whole);
      out.buf[pos] = 46; // '.'
      out.view.setInt32(pos + 1, DIGITS4[part], true);
      return pos + 5;
    }
  }
  return writeAscii(out.buf, pos, x.toFixed(4));
}

/** Writes a non-negative integer below 2^53 in decimal; returns the position after it. Needs 19 bytes of room. */
export function writeUint(out: ByteOut, pos: number, n: number): number {
  if (n < 10_000) return writeShort(out.view, pos, n);
  if (n < 100_000_000) {
    // Ids and minutes: int32 arithmetic (a division by a constant is a multiplication), two table words.
    const hi = (n / 10_000) | 0;
    pos = writeShort(out.view, pos, hi);
    out.view.setInt32(pos, DIGITS4[n - hi * 10_000], true);
    return pos + 4;
  }
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  const end = pos + digits;
  for (let i = end - 1; i >= pos; i--) {
    const q = Math.floor(n / 10);
    out.buf[i] = 48 + (n - q * 10);
    n = q;
  }
  return end;
}

/** 0 <= n < 1e4 without leading zeros: the table word shifted down past them. */
function writeShort(view: DataView, pos: number, n: number): number {
  const len = n < 100 ? (n < 10 ? 1 : 2) : n < 1000 ? 3 : 4;
  view.setInt32(pos, DIGITS4[n] >>> ((4 - len) << 3), true);
  return pos + len;
}

/** Writes an ASCII string byte by byte (short strings: cheaper than an encoder call). */
export function writeAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}
