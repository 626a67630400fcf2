/** One CSV field, RFC 4180: quoted (inner quotes doubled) only where it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
