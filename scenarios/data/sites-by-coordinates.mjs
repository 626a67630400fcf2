#!/usr/bin/env node
// Rewrites a scenario so that its sites are given by coordinates, over another network:
//   node scenarios/data/sites-by-coordinates.mjs SCENARIO.json NETWORK.geojson OUT.json
// Every checkpoint/station/factory/closure node and demand endpoint that names a node of the scenario's own
// network becomes that node's { lon, lat }; network.geojson becomes NETWORK (relative to OUT). `relaysim run`
// then snaps each site to the nearest node of NETWORK (and reports the snaps in summary.json). Edge closures
// name two nodes of the old network: they are kept only where NETWORK has both ids, and listed otherwise.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const [scenarioFile, networkFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: sites-by-coordinates.mjs SCENARIO.json NETWORK.geojson OUT.json');
  process.exit(2);
}
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
const pointsOf = (file) => JSON.parse(readFileSync(file, 'utf8')).features.filter((f) => f.geometry?.type === 'Point');
const at = new Map();
for (const n of scenario.network.nodes ?? []) at.set(n.id, { lon: n.lon, lat: n.lat });
if (scenario.network.geojson) {
  for (const f of pointsOf(resolve(dirname(scenarioFile), scenario.network.geojson))) {
    at.set(f.properties.id, { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
  }
}
const newIds = new Set(pointsOf(networkFile).map((f) => f.properties.id));
const site = (id, field) => {
  if (typeof id !== 'string') return id;
  const p = at.get(id);
  if (!p) throw new Error(`${scenarioFile}: ${field}: unknown node ${JSON.stringify(id)}`);
  return { lon: p.lon, lat: p.lat };
};
const out = structuredClone(scenario);
out.network = { ...scenario.network, geojson: relative(dirname(resolve(outFile)), resolve(networkFile)) };
delete out.network.nodes;
delete out.network.edges;
// Paths inside a scenario are relative to it: re-anchor zone files to OUT's folder.
const rebase = (path) => relative(dirname(resolve(outFile)), resolve(dirname(scenarioFile), path));
out.zones = (scenario.zones ?? []).map((z) => (typeof z.polygon === 'string' ? { ...z, polygon: rebase(z.polygon) } : z));
out.checkpoints = (scenario.checkpoints ?? []).map((c, i) => ({ ...c, node: site(c.node, `checkpoints[${i}].node`) }));
out.stations = (scenario.stations ?? []).map((s, i) => ({ ...s, node: site(s.node, `stations[${i}].node`) }));
out.factories = (scenario.factories ?? []).map((f, i) => ({ ...f, node: site(f.node, `factories[${i}].node`) }));
out.demand = scenario.demand.map((d, i) => ({ ...d, from: site(d.from, `demand[${i}].from`), to: site(d.to, `demand[${i}].to`) }));
out.closures = [];
(scenario.closures ?? []).forEach((c, i) => {
  if (c.node !== undefined) out.closures.push({ ...c, node: site(c.node, `closures[${i}].node`) });
  else if (newIds.has(c.edge[0]) && newIds.has(c.edge[1])) out.closures.push(c);
  else console.error(`closures[${i}]: edge ${c.edge.join(' -> ')} is not in ${networkFile}; dropped (re-add it as a node closure or an edge of the new network)`);
});
writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
console.error(`wrote ${outFile}`);
