import { Command, CommanderError } from 'commander';
import { InputError } from '../scenario/errors.js';
import { registerRun } from './run.js';
import { registerBatch } from './batch.js';
import { registerReport, reportHook } from './report.js';
import { registerPlace } from './place.js';
import { registerWorker } from './worker.js';
import { registerMerge } from './merge.js';
import { registerImportOsm } from './import-osm.js';
import { registerCompare } from './compare.js';

/**
 * `relaysim` command line. Exit status: 0 done, 2 bad input (a message naming the file and field, and
 * no output files), 1 anything else.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('relaysim')
    .description('Simulate production-material transport through a region under movement controls.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerRun(program, { report: reportHook });
  registerBatch(program);
  registerReport(program);
  registerPlace(program);
  registerWorker(program);
  registerMerge(program);
  registerImportOsm(program);
  registerCompare(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
    }
    if (err instanceof InputError) {
      console.error(`relaysim: ${err.message}`);
      return 2;
    }
    console.error(`relaysim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
