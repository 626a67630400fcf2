import { resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportReport } from '../osm/import-osm.js';
import { DEFAULT_HIGHWAYS } from '../osm/way-rules.js';
import { readSpeedTable } from '../osm/truck-speeds.js';
import { InputError } from '../scenario/errors.js';

interface ImportFlags { highways?: string; bbox?: string; polygon?: string; keepLargest?: boolean; speeds?: string; out: string; quiet?: boolean }

export function registerImportOsm(program: Command): void {
  program
    .command('import-osm')
    .description('import an OpenStreetMap extract (.osm.pbf, .osm, .osm.gz) as a relaysim GeoJSON network')
    .argument('<file>', 'OSM extract')
    .option('--highways <list>', `highway classes to keep, comma-separated (default: ${DEFAULT_HIGHWAYS.join(',')})`)
    .option('--bbox <W,S,E,N>', 'keep only roads inside this box (degrees)')
    .option('--polygon <file>', 'keep only roads inside the first Polygon/MultiPolygon of this GeoJSON file')
    .option('--keep-largest', 'keep only the largest strongly connected component')
    .option('--speeds <file>', 'JSON object of highway class -> truck km/h, laid over the default table')
    .option('--out <file>', 'output GeoJSON network', 'network.geojson')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ relaysim import-osm monaco.osm.pbf --keep-largest --out monaco.geojson
  $ relaysim import-osm yrd.osm.pbf --highways motorway,motorway_link,trunk,trunk_link --bbox 118,29,123,33 --out yrd.geojson`)
    .action(async (file: string, f: ImportFlags) => {
      if (f.bbox !== undefined && f.polygon !== undefined) throw new InputError('--bbox', '', 'give --bbox or --polygon, not both');
      const highways = f.highways === undefined ? [...DEFAULT_HIGHWAYS] : f.highways.split(',').map((h) => h.trim()).filter(Boolean);
      if (highways.length === 0) throw new InputError('--highways', '', `expected a comma-separated list of highway classes, got ${JSON.stringify(f.highways)}`);
      // Loaded here, not at the top (the area pulls in the scenario schema): fast --version and --help.
      const [{ importOsm }, { bboxArea, parseBbox, polygonArea }] = await Promise.all([import('../osm/import-osm.js'), import('../osm/area.js')]);
      const bbox = f.bbox !== undefined ? parseBbox(f.bbox) : undefined;
      const area = bbox ? bboxArea(bbox) : f.polygon !== undefined ? polygonArea(f.polygon) : undefined;
      const bar = readProgress(!f.quiet);
      let report: ImportReport;
      try {
        report = await importOsm(file, {
          highways, speeds: readSpeedTable(f.speeds), area, keepLargest: f.keepLargest === true, out: f.out,
          areaNote: bbox ? { bbox } : f.polygon !== undefined ? { polygon: f.polygon } : undefined,
          progress: bar?.update, onPhase: bar?.phase,
        });
      } finally {
        bar?.stop();
      }
      if (!f.quiet) console.log(describe(report, f, resolve(f.out)));
    });
}

function describe(r: ImportReport, f: ImportFlags, out: string): string {
  const lines = [
    `read ${r.osmNodes.toLocaleString('en')} OSM nodes and ${r.waysRead.toLocaleString('en')} ways; kept ${r.waysKept.toLocaleString('en')} truck roads` +
      (r.deniedByAccess ? ` (${r.deniedByAccess} more closed to trucks by access tags)` : ''),
    `network: ${r.junctions.toLocaleString('en')} junctions, ${r.edges.toLocaleString('en')} edges, ${r.km.toFixed(1)} km of road`,
  ];
  if (r.missingRefs) lines.push(`${r.missingRefs} way nodes missing from the file (cut at the extract's edge): the ways were split there`);
  if (r.outsideArea) lines.push(`${r.outsideArea} way nodes outside the ${f.bbox ? 'box' : 'polygon'}: the ways were cut there`);
  if (f.keepLargest) lines.push(`--keep-largest: dropped ${r.droppedJunctions} junctions and ${r.droppedEdges} edges in ${r.components - 1} smaller components`);
  else if (r.components > 1) lines.push(`${r.components} strongly connected components: --keep-largest keeps the largest`);
  lines.push(`wrote ${out} (© OpenStreetMap contributors, ODbL: keep the attribution with anything you share)`);
  return lines.join('\n');
}

/** The progress line, on stderr and only on a terminal: MB read of the file, then the build. */
function readProgress(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({
    format: '{phase} [{bar}] {percentage}% | {mb} of {totalMb} MB | {duration_formatted}',
    stream: process.stderr, hideCursor: true, clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false, total = 1;
  const mb = (b: number) => (b / 1e6).toFixed(0);
  return {
    update(bytes: number, size: number) {
      total = Math.max(size, 1);
      if (!started) { bar.start(total, 0, { phase: 'reading', mb: '0', totalMb: mb(total) }); started = true; }
      bar.update(bytes, { mb: mb(bytes) });
    },
    phase(name: string) { if (started) bar.update(total, { phase: name, mb: mb(total) }); },
    stop() { if (started) bar.stop(); },
  };
}
