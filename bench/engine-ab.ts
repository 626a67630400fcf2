// Engine before/after a change, paired in one process so both see the same machine (it is shared and
// noisy): the 1e6-shipment reference run of the engine case, old and new code alternating, after one
// warm-up pair; prints the times and the median of the per-pair ratios new/old, of wall time and of
// this process's CPU time (user + system: less sensitive to other jobs taking the cores away).
// node --import tsx bench/engine-ab.ts OLD_ROOT NEW_ROOT [RUNS] [SHIPMENTS=1e6] [dist]: two checkouts of relaysim (e.g. `git worktree add /tmp/old main`).
// With `dist` it runs each checkout's build (ROOT/dist, `npm run build` there) instead of its src/: tsx
// compiles every file with the tsconfig.json of the working directory, so a change to tsconfig.json
// shows only between builds, each made with its own.
const [oldRoot, newRoot, runsArg, shipmentsArg, mode] = process.argv.slice(2);
const shipments = Number(shipmentsArg ?? 1e6);
if (!oldRoot || !newRoot || (mode !== undefined && mode !== 'dist')) throw new Error('usage: bench/engine-ab.ts OLD_ROOT NEW_ROOT [RUNS] [SHIPMENTS] [dist]');
const trees = { before: oldRoot, after: newRoot };
const mods: Record<string, any> = {};
for (const [k, root] of Object.entries(trees)) {
  const code = (path: string) => (mode === 'dist' ? `${root}/dist/${path}.js` : `${root}/src/${path}.ts`);
  const { loadScenario } = await import(code('scenario/load'));
  const { Simulation } = await import(code('model/simulation'));
  mods[k] = { Simulation, sc: loadScenario(`${root}/scenarios/reference/mmc.json`, [`horizonMin=${shipments / 3.4}`]) };
}
const times: Record<string, number[]> = { before: [], after: [] }, ratios: number[] = [], cpuRatios: number[] = [];
const runs = Number(runsArg ?? 7);
let events = -1;
for (let r = -1; r < runs; r++) {
  const order = r % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
  const t: Record<string, number> = {}, cpu: Record<string, number> = {};
  for (const k of order) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    const { summary } = new mods[k].Simulation(mods[k].sc, { seed: 1 }).run();
    t[k] = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpu[k] = (c.user + c.system) / 1e6;
    // Both must simulate the same thing for the times to compare.
    if (events < 0) events = summary.events;
    if (summary.events !== events) throw new Error(`${k}: ${summary.events} events, the other ${events}`);
  }
  if (r < 0) continue; // warm-up pair
  times.before.push(t.before); times.after.push(t.after); ratios.push(t.after / t.before); cpuRatios.push(cpu.after / cpu.before);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(JSON.stringify({ runs, shipments, beforeS: times.before.map((x) => +x.toFixed(3)), afterS: times.after.map((x) => +x.toFixed(3)),
  medianBeforeS: +med(times.before).toFixed(3), medianAfterS: +med(times.after).toFixed(3), medianRatio: +med(ratios).toFixed(3),
  minRatio: +Math.min(...ratios).toFixed(3), maxRatio: +Math.max(...ratios).toFixed(3),
  medianCpuRatio: +med(cpuRatios).toFixed(3), minCpuRatio: +Math.min(...cpuRatios).toFixed(3), maxCpuRatio: +Math.max(...cpuRatios).toFixed(3) }));
