// A streaming reader for the columns of shipments.csv that the report uses. csv-parse built an array
// of strings per row (12 fields, 1e6 rows: two thirds of `relaysim report`); this scans the decoded
// text once, keeps field boundaries as offsets, and makes strings only for the fields asked for. It
// reads RFC 4180 (quoted fields with commas, doubled quotes and line breaks; CRLF or LF), which is all
// that shipments.csv holds.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;

/**
 * Calls `row(get)` for every data row, where `get(i)` is the i-th of the named `columns` as text ('' if
 * the row is short). Columns are found by name in the header; a missing one reads as ''.
 */
export async function scanCsvColumns(file: string, columns: readonly string[], row: (get: (i: number) => string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let want: number[] | null = null; // field index -> position in `columns`, or -1
  const starts: number[] = [], ends: number[] = [];
  let text = '';
  const field = (k: number): string => {
    const s = starts[k], e = ends[k];
    if (s === undefined) return '';
    return text.charCodeAt(s) === QUOTE ? text.slice(s + 1, e - 1).replace(/""/g, '"') : text.slice(s, e);
  };
  const byColumn: number[] = columns.map(() => -1);
  const get = (i: number) => (byColumn[i] < 0 ? '' : field(byColumn[i]));
  const endRow = () => {
    if (want === null) {
      const names = starts.map((_, k) => field(k));
      want = names.map((n) => columns.indexOf(n));
      columns.forEach((c, i) => { byColumn[i] = names.indexOf(c); });
    } else if (!(starts.length === 1 && starts[0] === ends[0])) {
      row(get);
    }
  };
  /** Scans complete rows of `text`; returns the offset of the first incomplete one. */
  const scan = (final: boolean): number => {
    let rowStart = 0, fieldStart = 0, inQuotes = false;
    starts.length = 0; ends.length = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) i++;
          else if (i + 1 < n || final) inQuotes = false;
          else return rowStart; // a quote at the chunk's end: doubled or closing, the next chunk says
        }
      } else if (c === COMMA) {
        starts.push(fieldStart); ends.push(i); fieldStart = i + 1;
      } else if (c === LF) {
        starts.push(fieldStart); ends.push(i > fieldStart && text.charCodeAt(i - 1) === CR ? i - 1 : i);
        endRow();
        starts.length = 0; ends.length = 0;
        rowStart = fieldStart = i + 1;
      } else if (c === QUOTE && i === fieldStart) {
        inQuotes = true;
      }
    }
    if (final && rowStart < n) {
      starts.push(fieldStart); ends.push(n);
      endRow();
      return n;
    }
    return rowStart;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    text = carry + decoder.write(chunk as Buffer);
    carry = text.slice(scan(false));
  }
  text = carry + decoder.end();
  scan(true);
}
