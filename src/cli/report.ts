// The `report` subcommand. src/cli/main.ts calls registerReport(program).
import type { Command } from 'commander';
import { ReportInputError, writeReport } from '../report/build-report.js';

export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('write one self-contained HTML page (map, time series, distributions, playback) for a run or batch directory')
    .argument('<dir>', 'output directory of `relaysim run --out DIR` or of a batch (holds summary.json or batch.json)')
    .option('--out <file>', 'where to write the page (default: DIR/report.html)')
    .addHelpText('after', '\nExample:\n  relaysim run scenarios/yrd-2022.json --out out/yrd --trace\n  relaysim report out/yrd --out out/yrd.html\n')
    .action(async function (this: Command, dir: string, opts: { out?: string }) {
      try {
        const { file, bytes } = await writeReport(dir, opts.out);
        process.stderr.write(`report: wrote ${file} (${(bytes / 1024).toFixed(0)} KiB)\n`);
      } catch (e) {
        if (e instanceof ReportInputError) this.error(`relaysim report: ${e.message}`, { exitCode: 2, code: 'relaysim.input' });
        throw e;
      }
    });
}
