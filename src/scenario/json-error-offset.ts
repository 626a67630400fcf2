/**
 * The offset of the first syntax error in JSON text, for messages that give a line and column instead
 * of quoting the text (V8's own message quotes it and, in Node 20, often gives no position).
 * Iterative, so deep nesting cannot overflow the stack. Returns text.length for text that ends early,
 * and -1 when the text is valid JSON.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  // What may come next: a value, or (inside a container) a separator or the container's end.
  const stack: ('[' | '{')[] = [];
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === '[' || c === '{') { stack.push(c); i++; return true; }
    if (c === '-' || (c >= '0' && c <= '9')) { const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400)); if (!m) return false; i += m[0].length; return true; }
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) { i += lit.length; return true; }
    return false;
  };
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return true; }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false; i += 6; continue; }
        if (!e || !'"\\/bfnrt'.includes(e)) return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  let expectValue = true, first = false;
  for (;;) {
    ws();
    const top = stack[stack.length - 1];
    if (expectValue) {
      if (first && (text[i] === ']' && top === '[' || text[i] === '}' && top === '{')) { stack.pop(); i++; expectValue = false; first = false; continue; }
      if (top === '{') {
        if (text[i] !== '"' || !string()) return Math.min(i, n);
        ws();
        if (text[i] !== ':') return Math.min(i, n);
        i++;
      }
      const before = stack.length;
      if (!value()) return Math.min(i, n);
      first = stack.length > before;
      expectValue = first;
      continue;
    }
    if (!top) return i >= n ? -1 : i;
    if (text[i] === ',') { i++; expectValue = true; first = false; continue; }
    if ((text[i] === ']' && top === '[') || (text[i] === '}' && top === '{')) { stack.pop(); i++; continue; }
    return Math.min(i, n);
  }
}
