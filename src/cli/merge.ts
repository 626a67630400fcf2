import { resolve } from 'node:path';
import type { Command } from 'commander';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the --out directories of `relaysim batch --shard I/N` into one batch (runs.jsonl, batch.json, batch.csv)')
    .argument('<dirs...>', 'the shards\' directories, all N of them')
    .requiredOption('--out <dir>', 'a new directory for the merged batch')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
The merged batch.json is the one a single machine would have written for the same command without
--shard. A missing or repeated shard, or shards of different batches, exit 2 and write nothing.

Example:
  $ relaysim merge out/shard-1 out/shard-2 out/shard-3 --out out/batch`)
    .action(async (dirs: string[], o: { out: string; quiet?: boolean }) => {
      // Loaded here: the batch statistics pull in ~90 small @stdlib packages that other commands do not need.
      const [{ mergeShards }, { batchTable }] = await Promise.all([import('../batch/merge.js'), import('../batch/outputs.js')]);
      const r = mergeShards(dirs, o.out);
      if (o.quiet) return;
      console.log(`${batchTable(r.batch)}\n`);
      console.log(`merged ${r.shards} shards, ${r.runs} runs${r.batch.complete ? '' : ' (incomplete: some shards did not finish)'}; wrote ${resolve(r.dir)}/ (runs.jsonl, batch.json, batch.csv)`);
    });
}
