#!/usr/bin/env node
// Writes the four Yangtze River Delta scenarios (scenarios/yrd-2022*.json) from one base and three
// phases, so that the phases differ only where the table below says they do. Edit here and re-run:
// `node scenarios/data/build-yrd-scenarios.mjs`. Every number is explained in scenarios/README.md:
// a source file name (shared/sources/...) where it comes from a report, otherwise "assumption".
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 1440;

// --- factories: consumption in inbound truckloads per hour, stock in truckloads (assumption) ---
const FACTORIES = [
  { id: 'saic-anting', node: 'sh-anting', name: 'SAIC Volkswagen Anting', consumesLoadsPerHour: 3.0, stockLoads: 36 },
  { id: 'tesla-lingang', node: 'tesla-lingang', name: 'Tesla Gigafactory Shanghai', consumesLoadsPerHour: 2.5, stockLoads: 30 },
  { id: 'ic-fab-lingang', node: 'ic-fab-lingang', name: 'IC fab, Lingang', consumesLoadsPerHour: 0.5, stockLoads: 24 },
  { id: 'united-imaging', node: 'united-imaging', name: 'United Imaging Healthcare, Jiading', consumesLoadsPerHour: 0.4, stockLoads: 10 },
];

// --- demand: [id, from, to, baseLoadsPerHour, kind, note] ---
// kind: 'key' = supplier of a first-batch white-listed firm (SAIC, Tesla, United Imaging, the IC fab);
//       'supplier' = other parts suppliers; 'supplies' = other freight into Shanghai (living and
//       production supplies) that shares the checkpoints; 'out' = freight into Ningbo / Hangzhou.
const DEMAND = [
  ['sensors-lyg-anting', 'lyg-sensors', 'sh-anting', 0.3, 'key', 'wheel-speed sensors, Lianyungang (70 % market share, 001_820afcae8414b7be.txt)'],
  ['sensors-lyg-tesla', 'lyg-sensors', 'tesla-lingang', 0.3, 'key', 'wheel-speed sensors, Lianyungang (001_820afcae8414b7be.txt)'],
  ['parts-kunshan-anting', 'kunshan-hitech', 'sh-anting', 0.8, 'key', 'auto parts, Kunshan high-tech zone (auto-parts firms there: 002_dbdbb6d4f2f9da5e.txt)'],
  ['parts-kunshan-tesla', 'kunshan-hitech', 'tesla-lingang', 0.4, 'key', 'auto parts, Kunshan'],
  ['parts-ningbo-anting', 'ningbo-hitech', 'sh-anting', 0.4, 'key', 'auto parts, Ningbo high-tech zone'],
  ['parts-ningbo-tesla', 'ningbo-hitech', 'tesla-lingang', 0.6, 'key', 'auto parts, Ningbo high-tech zone'],
  ['parts-suzhou-anting', 'suzhou-sip', 'sh-anting', 0.6, 'supplier', 'auto parts, Suzhou Industrial Park'],
  ['parts-suzhou-tesla', 'suzhou-sip', 'tesla-lingang', 0.5, 'supplier', 'auto parts, Suzhou Industrial Park'],
  ['parts-wuxi-anting', 'wuxi-parts', 'sh-anting', 0.5, 'supplier', 'auto parts, Wuxi'],
  ['parts-wuxi-tesla', 'wuxi-parts', 'tesla-lingang', 0.3, 'supplier', 'auto parts, Wuxi'],
  ['parts-nantong-anting', 'nantong-parts', 'sh-anting', 0.2, 'supplier', 'auto parts, Nantong'],
  ['parts-hangzhou-tesla', 'hz-xiaoshan-parts', 'tesla-lingang', 0.4, 'supplier', 'auto parts, Xiaoshan (Hangzhou)'],
  ['sensors-baolong-anting', 'baolong-songjiang', 'sh-anting', 0.3, 'supplier', 'vehicle sensors, Songjiang, closed-loop since 1 April (000_db9a550ae2c7ad8b.txt)'],
  ['sensors-baolong-tesla', 'baolong-songjiang', 'tesla-lingang', 0.1, 'supplier', 'vehicle sensors, Songjiang'],
  ['ic-wuxi-fab', 'wuxi-parts', 'ic-fab-lingang', 0.2, 'key', 'IC materials, Wuxi'],
  ['ic-suzhou-fab', 'suzhou-sip', 'ic-fab-lingang', 0.2, 'key', 'IC materials, Suzhou Industrial Park'],
  ['ic-ningbo-port-fab', 'ningbo-port', 'ic-fab-lingang', 0.1, 'key', 'imported chemicals via Ningbo-Zhoushan port'],
  ['med-suzhou-ui', 'suzhou-sip', 'united-imaging', 0.15, 'key', 'CT components, Suzhou (United Imaging: first-batch white list, 000_db9a550ae2c7ad8b.txt)'],
  ['med-kunshan-ui', 'kunshan-hitech', 'united-imaging', 0.1, 'key', 'components, Kunshan'],
  ['med-nantong-ui', 'nantong-parts', 'united-imaging', 0.1, 'key', 'components, Nantong'],
  ['med-hangzhou-ui', 'hz-xiaoshan-parts', 'united-imaging', 0.05, 'key', 'components, Hangzhou'],
  ['supplies-suzhou-sh', 'suzhou', 'sh-center', 3.0, 'supplies', 'other freight into Shanghai sharing the checkpoints'],
  ['supplies-jiaxing-sh', 'jiaxing', 'sh-center', 2.5, 'supplies', 'other freight into Shanghai'],
  ['supplies-nantong-sh', 'nantong', 'sh-center', 1.5, 'supplies', 'other freight into Shanghai'],
  ['supplies-ningbo-pudong', 'ningbo-port', 'sh-pudong-airport', 1.0, 'supplies', 'other freight into Pudong'],
  ['supplies-nanjing-sh', 'nanjing', 'sh-center', 1.0, 'supplies', 'other freight into Shanghai'],
  ['supplies-huzhou-sh', 'huzhou', 'sh-center', 1.0, 'supplies', 'other freight into Shanghai (G50)'],
  ['supplies-qidong-pudong', 'g40-qidong', 'sh-pudong-airport', 0.8, 'supplies', 'other freight into Pudong (G40 over Chongming)'],
  ['export-kunshan-ningbo', 'kunshan-hitech', 'ningbo-port', 0.6, 'out', 'exports through Ningbo-Zhoushan port'],
  ['parts-wuxi-hangzhou', 'wuxi-parts', 'hangzhou', 0.4, 'out', 'parts into Hangzhou'],
  ['parts-suzhou-ningbo', 'suzhou-sip', 'ningbo', 0.3, 'out', 'parts into Ningbo'],
];

// --- checkpoints at Shanghai's expressway entries: [id, node, name, lanes] (lanes: assumption) ---
const CHECKPOINTS = [
  ['g2-anting', 'g2-anting-cp', 'G2 Anting (from Kunshan)', 3],
  ['g15-waigang', 'g15-waigang-cp', 'G15 Waigang (from Taicang)', 2],
  ['g15-jinshan', 'g15-jinshan-cp', 'G15 Jinshan (from Pinghu / Hangzhou Bay Bridge)', 2],
  ['g60-fengjing', 'g60-fengjing-cp', 'G60 Fengjing (from Jiashan / Hangzhou)', 3],
  ['g50-jinze', 'g50-jinze-cp', 'G50 Jinze (from Wujiang / Huzhou)', 2],
  ['s26-baihe', 's26-baihe-cp', 'S26 Baihe (from Kunshan)', 2],
  ['s32-xinbang', 's32-cp', 'S32 Xinbang (from Pinghu)', 2],
  ['g40-chongqi', 'g40-chongqi-cp', 'G40 Chongqi Bridge (from Qidong / Nantong)', 2],
];

const STATIONS = [
  ['sh-huaqiao', 'sh-station-huaqiao', 'shanghai', 'Shanghai station at Huaqiao (G2, north-west gate)'],
  ['sh-jiashan', 'sh-station-jiashan', 'shanghai', 'Shanghai station at Jiashan (G60, south-west gate)'],
  ['nb-shangyu', 'nb-station', 'ningbo', 'Ningbo station at Shangyu (G92, west gate)'],
  ['hz-haining', 'hz-station', 'hangzhou', 'Hangzhou station at Haining (G60, north-east gate)'],
];

// --- the three phases ---
const PHASES = {
  march: {
    name: 'yrd-2022-march',
    title: 'Yangtze River Delta, 7-13 March 2022: controls mostly open',
    description: 'Before the lockdown: checkpoints scan health codes, no pass is needed, zones are open, the transfer stations stand idle.',
    startTime: '2022-03-07T00:00:00+08:00',
    supplyFactor: { key: 1.1, supplier: 1.1, supplies: 1.0, out: 1.0 },
    stockFactor: 1,
    passShare: { key: 0.95, supplier: 0.95, supplies: 0.95, out: 0.95 },
    whitelist: [],
    serviceMin: { dist: 'lognormal', mean: 3, sd: 1.5 },
    requirePass: false, rejectShare: 0, priorityLanes: 0, extraLanes: 0,
    station: { docks: 4, transferMin: { dist: 'triangular', min: 30, mode: 60, max: 120 }, storageLoads: 100, localTrucks: 8 },
    zones: { shanghai: [], ningbo: [], hangzhou: [] },
    closures: [],
  },
  april: {
    name: 'yrd-2022-april',
    title: 'Yangtze River Delta, 15-21 April 2022: Shanghai under relay, passes scarce',
    description: 'Shanghai admits only trucks with a pass; the rest hand their loads to closed-loop local trucks at the transfer stations. Passes are scarce, the first white list (666 firms) is small, checks include a test certificate. Hangzhou and Ningbo have short relay windows, an entry and Lingang are closed for a while.',
    startTime: '2022-04-15T00:00:00+08:00',
    supplyFactor: { key: 0.95, supplier: 0.8, supplies: 0.8, out: 0.9 },
    stockFactor: 0.5,
    passShare: { key: 0.55, supplier: 0.3, supplies: 0.6, out: 0.5 },
    whitelist: ['key'],
    serviceMin: { dist: 'lognormal', mean: 20, sd: 10 },
    requirePass: true, rejectShare: 0.05, priorityLanes: 1, extraLanes: 0,
    station: { docks: 6, transferMin: { dist: 'triangular', min: 30, mode: 60, max: 150 }, storageLoads: 150, localTrucks: 14 },
    zones: {
      shanghai: [{ fromMin: 0, toMin: 7 * DAY, rule: 'relay' }],
      ningbo: [{ fromMin: 0, toMin: 2 * DAY, rule: 'relay' }],
      hangzhou: [{ fromMin: 3 * DAY, toMin: 5 * DAY, rule: 'relay' }],
    },
    closures: [
      { node: 'g2-anting-cp', fromMin: 1.5 * DAY, toMin: 2 * DAY, note: 'G2 Anting entry closed 12 h (assumption: an entry closed for a case found at the checkpoint)' },
      { edge: ['s20-s2-kangqiao', 'g1501-s2'], fromMin: 4 * DAY, toMin: 4.5 * DAY, note: 'S2 Kangqiao-Nanhui closed 12 h (assumption: a district-level closure in Pudong); Lingang is reached over G1501' },
    ],
  },
  may: {
    name: 'yrd-2022-may',
    title: 'Yangtze River Delta, 16-22 May 2022: national passes and wide white lists',
    description: 'Shanghai still relays trucks without a pass, but the national key-material vehicle pass (from 25 April) is widely held, four batches of white lists cover 5,000+ firms, the cross-provincial task force coordinates 2,400+ suppliers; electronic passes make checks faster and green channels wider.',
    startTime: '2022-05-16T00:00:00+08:00',
    supplyFactor: { key: 1.1, supplier: 1.1, supplies: 0.9, out: 1.0 },
    stockFactor: 1,
    passShare: { key: 0.95, supplier: 0.85, supplies: 0.8, out: 0.85 },
    whitelist: ['key', 'supplier'],
    serviceMin: { dist: 'lognormal', mean: 10, sd: 5 },
    requirePass: true, rejectShare: 0.02, priorityLanes: 2, extraLanes: 1,
    station: { docks: 8, transferMin: { dist: 'triangular', min: 30, mode: 50, max: 120 }, storageLoads: 200, localTrucks: 20 },
    zones: {
      shanghai: [{ fromMin: 0, toMin: 7 * DAY, rule: 'relay' }],
      ningbo: [],
      hangzhou: [],
    },
    closures: [],
  },
};

const round = (x) => Math.round(x * 1000) / 1000;

function build(phase, overrides = {}) {
  const p = PHASES[phase];
  return {
    name: p.name,
    title: p.title,
    description: p.description,
    startTime: p.startTime,
    horizonMin: 7 * DAY,
    warmupMin: 720,
    drainMin: 0,
    seed: 1,
    sampleEveryMin: 60,
    network: { geojson: 'data/yrd-network.geojson', detourFactor: 1.2 },
    zones: ['shanghai', 'suzhou', 'jiaxing', 'hangzhou', 'ningbo'].map((id) => ({
      id, polygon: `data/zones/${id}.geojson`, controls: p.zones[id] ?? [],
    })),
    checkpoints: CHECKPOINTS.map(([id, node, name, lanes]) => ({
      id, node, name, lanes: lanes + p.extraLanes, priorityLanes: p.priorityLanes, serviceMin: p.serviceMin,
      requirePass: p.requirePass, rejectShare: p.rejectShare,
    })),
    stations: STATIONS.map(([id, node, zone, name]) => ({
      id, node, zone, name, ...p.station,
      // the Ningbo and Hangzhou stations serve smaller flows (assumption)
      ...(zone === 'shanghai' ? {} : { docks: Math.ceil(p.station.docks / 2), localTrucks: Math.ceil(p.station.localTrucks / 3) }),
    })),
    closures: p.closures,
    demand: DEMAND.map(([id, from, to, rate, kind, note]) => ({
      id, from, to,
      loadsPerHour: round(rate * p.supplyFactor[kind]),
      priority: p.whitelist.includes(kind) ? 'whitelist' : 'normal',
      passShare: p.passShare[kind],
      dueMin: kind === 'supplies' || kind === 'out' ? 960 : 600,
      note,
    })),
    factories: FACTORIES.map((f) => ({ ...f, stockLoads: Math.round(f.stockLoads * p.stockFactor) })),
    ...overrides,
  };
}

const write = (file, obj) => writeFileSync(join(DIR, file), JSON.stringify(obj, null, 2) + '\n');
write('yrd-2022-march.json', build('march'));
write('yrd-2022-april.json', build('april'));
write('yrd-2022-may.json', build('may'));
write('yrd-2022.json', build('april', {
  name: 'yrd-2022',
  title: 'Yangtze River Delta, April 2022 (default scenario: the April situation)',
}));
console.log('wrote scenarios/yrd-2022{,-march,-april,-may}.json');
