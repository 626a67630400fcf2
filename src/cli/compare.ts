import type { Command } from 'commander';

// Here rather than imported from write-compare.ts (its type is the literal there, so tsc checks both agree), so --version and
// --help do not load the report modules.
const COMPARE_DEFAULT_OUT: typeof import('../compare/write-compare.js').COMPARE_DEFAULT_OUT = 'out/compare.html';

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

export function registerCompare(program: Command): Command {
  return program
    .command('compare')
    .description('runs (or batches) side by side: headline figures with differences, per-site tables, overlaid time series and lead times, the map coloured by the change; paired differences for batches over the same seeds')
    .argument('<dirs...>', 'two or more --out directories of `relaysim run` (or all of `relaysim batch`); the first is the base the others are compared with')
    .option('--out <file>', 'where to write the page', COMPARE_DEFAULT_OUT)
    .option('--names <a,b,...>', 'names for the columns, one per directory (default: the directory names)', (v: string) => v.split(',').map((s) => s.trim()))
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ relaysim run scenarios/yrd-2022-march.json --out out/march
  $ relaysim run scenarios/yrd-2022-april.json --out out/april
  $ relaysim run scenarios/yrd-2022-may.json --out out/may
  $ relaysim compare out/march out/april out/may --names March,April,May --out out/phases.html
  $ relaysim compare out/lanes-a out/lanes-b        # two batches over the same seeds: paired differences`)
    .action(async (dirs: string[], o: { out: string; names?: string[]; quiet?: boolean }) => {
      const { writeCompare, compareTable } = await import('../compare/write-compare.js');
      const { file, bytes, data } = await writeCompare(dirs, { out: o.out, names: o.names });
      if (o.quiet) return;
      console.log(compareTable(data));
      console.log(`\nwrote ${file} (${kib(bytes)})`);
    });
}
