// `npx tsx bench/osm-import.ts [--nodes N] [--runs R]`: imports a generated OSM extract of N nodes (default 1e6)
// and times snapping sites on a network of that size. Writes bench/results/<date>-<cpu>-osm-import.{json,md}.
//
// The extract is a synthetic road grid written as OSM XML and converted to PBF with Debian's osmium-tool
// (`osmium cat`), as a user's extract would be. Each import is a whole `relaysim import-osm` process timed by
// /usr/bin/time -v (wall s, max RSS), the figures a user would see; target < 20 s and < 1.5 GiB at 1e6 nodes.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import seedrandom from 'seedrandom';
import { NodeSnapper } from '../src/network/snap.js';
import { cpuSlug, environment, median } from './report.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * A side x side grid of nodes 0.001 degrees (~100 m) apart, south-west corner at (120 E, 30 N): every row a
 * primary road (every 4th one way), every 10th column a motorway (two-way by tag), so ~1 node in 10 is a
 * junction and the rest are shape nodes merged into edges, as on real roads.
 */
export function writeGridOsm(file: string, side: number): { nodes: number; ways: number } {
  const fd = openSync(file, 'w');
  let buf = '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="relaysim bench">\n';
  const flush = (force = false) => { if (force || buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; } };
  // Jittered positions and gappy ids, as real data has: a perfect grid compresses to almost nothing in
  // PBF (constant deltas) and would flatter the decoder.
  const rng = seedrandom('osm-grid');
  const ids = new Float64Array(side * side);
  let next = 1000;
  for (let k = 0; k < ids.length; k++) { next += 1 + Math.floor(rng() * 40); ids[k] = next; }
  const id = (r: number, c: number) => ids[r * side + c];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const lat = 30 + r * 0.001 + (rng() - 0.5) * 0.0004, lon = 120 + c * 0.001 + (rng() - 0.5) * 0.0004;
      buf += ` <node id="${id(r, c)}" version="1" lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"/>\n`;
      flush();
    }
  }
  let ways = 0;
  for (let r = 0; r < side; r++) {
    buf += ` <way id="${++ways}" version="1">\n`;
    for (let c = 0; c < side; c++) buf += `  <nd ref="${id(r, c)}"/>\n`;
    buf += `  <tag k="highway" v="primary"/>\n  <tag k="maxspeed" v="60"/>\n  <tag k="name" v="Row ${r}"/>\n${r % 4 === 0 ? '  <tag k="oneway" v="yes"/>\n' : ''} </way>\n`;
    flush();
  }
  for (let c = 0; c < side; c += 10) {
    buf += ` <way id="${++ways}" version="1">\n`;
    for (let r = 0; r < side; r++) buf += `  <nd ref="${id(r, c)}"/>\n`;
    buf += `  <tag k="highway" v="motorway"/>\n  <tag k="oneway" v="no"/>\n  <tag k="ref" v="G${c}"/>\n </way>\n`;
    flush();
  }
  buf += '</osm>\n';
  flush(true);
  closeSync(fd);
  return { nodes: side * side, ways };
}

function timeImport(pbf: string, out: string): { wallS: number; cpuS: number; maxRssMiB: number; stdout: string } {
  const res = spawnSync('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'bin/relaysim.mjs'), 'import-osm', pbf, '--out', out], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`import failed (${res.status}): ${res.stderr}`);
  return { ...parseTime(res.stderr), stdout: res.stdout };
}

function parseTime(text: string): { wallS: number; cpuS: number; maxRssMiB: number } {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(text);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const user = /User time \(seconds\): ([\d.]+)/.exec(text), sys = /System time \(seconds\): ([\d.]+)/.exec(text);
  if (!wall || !rss || !user || !sys) throw new Error(`cannot read /usr/bin/time output:\n${text}`);
  return {
    wallS: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    cpuS: Number(user[1]) + Number(sys[1]), maxRssMiB: Number(rss[1]) / 1024,
  };
}

/** Wall and CPU ms (process.cpuUsage: less disturbed by other load on a shared machine). */
function snapBench(nodes: number, sites: number): { buildMs: number; snapMs: number; buildCpuMs: number; snapCpuMs: number } {
  const rng = seedrandom('snap-bench');
  const lon = Float64Array.from({ length: nodes }, () => 118 + rng() * 5);
  const lat = Float64Array.from({ length: nodes }, () => 29 + rng() * 4);
  const c0 = process.cpuUsage(), t0 = performance.now();
  const snapper = new NodeSnapper(lon, lat);
  const c1 = process.cpuUsage(), t1 = performance.now();
  let sum = 0;
  for (let q = 0; q < sites; q++) sum += snapper.nearest(118 + rng() * 5, 29 + rng() * 4, 2)!.km;
  const c2 = process.cpuUsage(), t2 = performance.now();
  if (!(sum > 0)) throw new Error('snap bench: no distances');
  const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  return { buildMs: t1 - t0, snapMs: t2 - t1, buildCpuMs: cpu(c0, c1), snapCpuMs: cpu(c1, c2) };
}

async function main(): Promise<void> {
  const o = new Command('osm-import').option('--nodes <n>', 'OSM nodes in the generated extract', '1000000').option('--runs <n>', 'imports to time', '3')
    .option('--out <dir>', 'results folder', join(ROOT, 'bench', 'results')).parse().opts<{ nodes: string; runs: string; out: string }>();
  const side = Math.round(Math.sqrt(Number(o.nodes))), runs = Number(o.runs);
  const dir = mkdtempSync(join(tmpdir(), 'relaysim-osm-bench-'));
  try {
    const xml = join(dir, 'grid.osm'), pbf = join(dir, 'grid.osm.pbf');
    const grid = writeGridOsm(xml, side);
    execFileSync('osmium', ['cat', xml, '-o', pbf, '--overwrite']);
    rmSync(xml);
    const imports = [];
    for (let i = 0; i < runs; i++) {
      const r = timeImport(pbf, join(dir, 'net.geojson'));
      console.error(`import ${i + 1}/${runs}: ${r.wallS.toFixed(2)} s wall, ${r.cpuS.toFixed(2)} s CPU, ${r.maxRssMiB.toFixed(0)} MiB`);
      imports.push(r);
    }
    const summaryLine = imports[0].stdout.split('\n').find((l) => l.startsWith('network:')) ?? '';
    const snaps = [0, 1, 2].map(() => snapBench(grid.nodes, 5000));
    const env = environment();
    const result = {
      env, extract: { ...grid, pbfBytes: Number(execFileSync('stat', ['-c', '%s', pbf], { encoding: 'utf8' })) , network: summaryLine },
      import: {
        runs: imports.map(({ wallS, cpuS, maxRssMiB }) => ({ wallS, cpuS, maxRssMiB })),
        medianWallS: median(imports.map((r) => r.wallS)), medianCpuS: median(imports.map((r) => r.cpuS)), medianMaxRssMiB: median(imports.map((r) => r.maxRssMiB)),
      },
      snap: {
        nodes: grid.nodes, sites: 5000, runs: snaps,
        medianBuildMs: median(snaps.map((s) => s.buildMs)), medianSnapMs: median(snaps.map((s) => s.snapMs)), medianSnapCpuMs: median(snaps.map((s) => s.snapCpuMs)),
      },
      targets: { importWallS: '< 20', importMaxRssMiB: '< 1536', snap5000SitesMs: '< 1000' },
    };
    const md = [
      `# import-osm on a generated ${grid.nodes.toLocaleString('en')}-node extract (${env.date.slice(0, 10)}, ${env.cpu}, ${env.cpus} cores, Node ${env.node}, load ${env.loadAvg1})`,
      '',
      `Extract: ${side} x ${side} grid, ${grid.ways} ways, ${(result.extract.pbfBytes / 1e6).toFixed(2)} MB PBF (osmium cat). ${summaryLine}`,
      '',
      '| what | median | runs | target |',
      '|---|---|---|---|',
      `| import wall s (/usr/bin/time -v, whole process) | ${result.import.medianWallS.toFixed(2)} | ${imports.map((r) => r.wallS.toFixed(2)).join(', ')} | < 20 |`,
      `| import CPU s (user + sys) | ${result.import.medianCpuS.toFixed(2)} | ${imports.map((r) => r.cpuS.toFixed(2)).join(', ')} | |`,
      `| import max RSS MiB | ${result.import.medianMaxRssMiB.toFixed(0)} | ${imports.map((r) => r.maxRssMiB.toFixed(0)).join(', ')} | < 1536 |`,
      `| snap index build ms (${grid.nodes.toLocaleString('en')} nodes) | ${result.snap.medianBuildMs.toFixed(0)} | 3 | |`,
      `| snap 5,000 sites ms (wall) | ${result.snap.medianSnapMs.toFixed(0)} | ${snaps.map((x) => x.snapMs.toFixed(0)).join(', ')} | < 1000 |`,
      `| snap 5,000 sites ms (CPU) | ${result.snap.medianSnapCpuMs.toFixed(0)} | ${snaps.map((x) => x.snapCpuMs.toFixed(0)).join(', ')} | |`,
      '',
    ].join('\n');
    mkdirSync(o.out, { recursive: true });
    const stem = join(o.out, `${env.date.slice(0, 10)}-${cpuSlug(env.cpu)}-osm-import${grid.nodes === 1e6 ? '' : `-${grid.nodes}`}`);
    writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2) + '\n');
    writeFileSync(`${stem}.md`, md);
    console.log(md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
