// A streaming reader for the columns of shipments.csv that the report uses. csv-parse built an array
// of strings per row (12 fields, 1e6 rows: two thirds of `relaysim report`); this scans the file's
// bytes once (line ends found by Buffer.indexOf), keeps field boundaries as offsets, and makes
// strings only for the fields asked for, numbers straight from the bytes. It reads RFC 4180 (quoted
// fields with commas, doubled quotes and line breaks; CRLF or LF), which is all that shipments.csv holds.
import { createReadStream } from 'node:fs';

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13, MINUS = 45, DOT = 46;
/** Exact powers of ten: m / 10^k with m < 2^53 and k <= 22 is the correctly rounded decimal (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Names up to this length are remembered per column (a run repeats its stream, status, station ids). */
const MEMO_BYTES = 64;

/** Reads the row being called back: `get(i)` the i-th of the named columns as text ('' if the row is short). */
export type Get = (i: number) => string;
/** `Number(get(i))`, parsed from the bytes without a string when the field is a plain decimal. */
export type Num = (i: number) => number;
/** Whether the i-th named column's field is non-empty. */
export type Filled = (i: number) => boolean;

/**
 * Calls `row(get, num, filled)` for every data row. Columns are found by name in the header; a
 * missing one reads as ''. The accessors are valid during the call only.
 */
export async function scanCsvColumns(file: string, columns: readonly string[], row: (get: Get, num: Num, filled: Filled) => void): Promise<void> {
  let data: Buffer = Buffer.alloc(0);
  let starts = new Int32Array(32), ends = new Int32Array(32), nf = 0;
  let header = true;
  const byColumn = new Int32Array(columns.length).fill(-1); // column -> field index, -1: not in the file
  const memoBytes: (Buffer | null)[] = columns.map(() => null), memoText: string[] = columns.map(() => '');

  const push = (s: number, e: number) => {
    if (nf === starts.length) {
      const s2 = new Int32Array(nf * 2), e2 = new Int32Array(nf * 2);
      s2.set(starts); e2.set(ends); starts = s2; ends = e2;
    }
    starts[nf] = s; ends[nf++] = e;
  };
  const field = (k: number): string => {
    const s = starts[k], e = ends[k];
    return data[s] === QUOTE ? data.toString('utf8', s + 1, e - 1).replace(/""/g, '"') : data.toString('utf8', s, e);
  };
  const get: Get = (i) => {
    const k = byColumn[i];
    if (k < 0 || k >= nf) return '';
    const s = starts[k], len = ends[k] - s, prev = memoBytes[i];
    if (prev !== null && prev.length === len) {
      let j = 0;
      while (j < len && data[s + j] === prev[j]) j++;
      if (j === len) return memoText[i];
    }
    const text = field(k);
    if (len <= MEMO_BYTES) { memoBytes[i] = Buffer.from(data.subarray(s, s + len)); memoText[i] = text; }
    return text;
  };
  const num: Num = (i) => {
    const k = byColumn[i];
    if (k < 0 || k >= nf) return 0; // Number('')
    let p = starts[k];
    const e = ends[k], neg = p < e && data[p] === MINUS;
    if (neg) p++;
    let m = 0, digits = 0, frac = -1;
    for (; p < e; p++) {
      const c = data[p];
      if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; if (frac >= 0) frac++; }
      else if (c === DOT && frac < 0) frac = 0;
      else break;
    }
    // Anything else (exponents, spaces, quotes, more than 15 digits): exactly as Number() reads it.
    if (p !== e || digits === 0 || digits > 15) return Number(field(k));
    const x = frac > 0 ? m / POW10[frac] : m;
    return neg ? -x : x;
  };
  const filled: Filled = (i) => {
    const k = byColumn[i];
    if (k < 0 || k >= nf || ends[k] === starts[k]) return false;
    return data[starts[k]] !== QUOTE || field(k) !== ''; // "" is empty too
  };

  const endRow = () => {
    if (header) {
      header = false;
      const names = Array.from({ length: nf }, (_, k) => field(k));
      columns.forEach((c, i) => { byColumn[i] = names.indexOf(c); });
    } else if (!(nf === 1 && starts[0] === ends[0])) {
      row(get, num, filled);
    }
  };
  /** A row with a quote in it, char by char from `pos`; the offset after it, or -1 when it is incomplete. */
  const quotedRow = (pos: number, final: boolean): number => {
    const n = data.length;
    let fieldStart = pos, inQuotes = false;
    nf = 0;
    for (let i = pos; i < n; i++) {
      const c = data[i];
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < n && data[i + 1] === QUOTE) i++;
          else if (i + 1 < n || final) inQuotes = false;
          else return -1; // a quote at the chunk's end: doubled or closing, the next chunk says
        }
      } else if (c === COMMA) {
        push(fieldStart, i); fieldStart = i + 1;
      } else if (c === LF) {
        push(fieldStart, i > fieldStart && data[i - 1] === CR ? i - 1 : i);
        endRow();
        return i + 1;
      } else if (c === QUOTE && i === fieldStart) {
        inQuotes = true;
      }
    }
    if (!final) return -1;
    push(fieldStart, n);
    endRow();
    return n;
  };
  /** Scans the complete rows of `data`; returns the offset of the first incomplete one. */
  const scan = (final: boolean): number => {
    const n = data.length;
    let pos = 0, q = data.indexOf(QUOTE, 0);
    while (pos < n) {
      if (q >= 0 && q < pos) q = data.indexOf(QUOTE, pos);
      let lf = data.indexOf(LF, pos);
      if (q >= 0 && (lf < 0 || q < lf)) {
        const next = quotedRow(pos, final);
        if (next < 0) return pos;
        pos = next;
        continue;
      }
      const terminated = lf >= 0;
      if (!terminated) { if (!final) return pos; lf = n; }
      nf = 0;
      let fieldStart = pos;
      for (let i = pos; i < lf; i++) if (data[i] === COMMA) { push(fieldStart, i); fieldStart = i + 1; }
      push(fieldStart, terminated && lf > fieldStart && data[lf - 1] === CR ? lf - 1 : lf);
      endRow();
      pos = lf + 1;
    }
    return n;
  };
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    data = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const rest = scan(false);
    carry = rest < data.length ? Buffer.from(data.subarray(rest)) : null;
  }
  data = carry ?? Buffer.alloc(0);
  scan(true);
}
