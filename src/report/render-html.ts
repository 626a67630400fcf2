// Assembles the self-contained page: template + CSS + d3 bundle + viz modules + data, all inline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VIZ_DIR = fileURLToPath(new URL('../../viz/', import.meta.url));
/** Page modules in load order; each attaches to window.RS. main.js last. */
export const VIZ_MODULES = ['common.js', 'names.js', 'labels.js', 'export.js', 'header.js', 'map-layers.js', 'map.js', 'legend.js', 'sites.js', 'playback.js', 'timeseries.js', 'histogram.js', 'batch.js', 'main.js'];

function d3Bundle(): string {
  // d3's package "exports" hides dist/, so resolve the package entry and step beside it.
  const entry = createRequire(import.meta.url).resolve('d3');
  return readFileSync(join(dirname(entry), 'd3.min.js'), 'utf8');
}

/** Text that is safe inside <script>: no "</script" or "<!--" can end or confuse the element. */
export function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON that is safe inside <script type="application/json">. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The modules every page shares (helpers, names, the map), in load order; a page adds its own after them. */
export const SHARED_MODULES = ['common.js', 'names.js', 'labels.js', 'export.js', 'map-layers.js', 'map.js', 'legend.js'];

/** A page: its body (a file under viz/ with the page's sections), its modules and its generator's name. */
export interface PageKind { body: string; modules: string[]; generator: string }

export const REPORT_PAGE: PageKind = { body: 'report-body.html', modules: VIZ_MODULES, generator: 'relaysim report' };

/**
 * One self-contained page. Every kind shares this document: the head (title, viewport, the CSS), the
 * tooltip, the data as JSON, d3 and the modules inline; `page.body` (under viz/) holds only the
 * page's own header and sections. The default is the report of a run or a batch.
 */
export function renderHtml(data: unknown, title: string, page: PageKind = REPORT_PAGE): string {
  const read = (f: string) => readFileSync(join(VIZ_DIR, f), 'utf8');
  const app = page.modules.map((f) => `// ---- viz/${f}\n${read(f)}`).join('\n');
  // One part after another, never a replace() over inlined code: "$" or a placeholder-like string in
  // the code or the data must reach the page as it is.
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(page.generator)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${read('style.css')}</style>`,
    '</head>',
    '<body>',
    read(page.body).trimEnd(),
    '<div id="tooltip" class="tooltip" role="tooltip" hidden></div>',
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    `<script>\n${scriptSafe(d3Bundle())}\n</script>`,
    `<script>\n${scriptSafe(app)}\n</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
