// The `report` subcommand and the `run --report` hook. src/cli/main.ts wires both:
//   registerRun(program, { report: reportHook }); registerReport(program);
// Bad input (no such DIR, no summary.json/batch.json) throws a ReportInputError, which is an
// InputError: main prints "relaysim: FILE: what" and exits 2.
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { lockRunDir } from '../output/run-set.js';

const isDir = (dir: string) => { try { return statSync(dir).isDirectory(); } catch { return false; } };

// Loaded when used, not at the top: `relaysim --version` and `--help` should not pay for d3 and the readers.
const writeReport = async (dir: string, out?: string) => (await import('../report/build-report.js')).writeReport(dir, out);

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** For `relaysim run --report`: writes DIR/report.html and says so ("report.html (412 KiB)"). */
export async function reportHook(dir: string): Promise<string> {
  const { bytes } = await writeReport(dir);
  return `report.html (${kib(bytes)})`;
}

export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('write one self-contained HTML page (map, time series, distributions, playback) for a run or batch directory')
    .argument('<dir>', 'output directory of `relaysim run --out DIR` (summary.json, ...) or of a batch (batch.json)')
    .option('--out <file>', 'where to write the page (default: DIR/report.html)')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
The page works offline (d3 and the data are inside it). A run with --trace gets playback from the
trace; without it, from the sampled positions in series.json.

Examples:
  $ relaysim run scenarios/yrd-2022.json --out out/yrd --trace
  $ relaysim report out/yrd                      # writes out/yrd/report.html
  $ relaysim report out/sweep --out sweep.html   # a batch directory (batch.json)`)
    .action(async (dir: string, opts: { out?: string; quiet?: boolean }) => {
      // Writing DIR/report.html makes this a writer of DIR: one at a time, after any killed run's commit is finished.
      const lock = opts.out === undefined && isDir(dir) ? lockRunDir(dir, 'relaysim report') : null;
      let written;
      try {
        written = await writeReport(dir, opts.out);
      } finally {
        lock?.release();
      }
      const { file, bytes } = written;
      if (!opts.quiet) console.log(`wrote ${file} (${kib(bytes)})`);
    });
}
