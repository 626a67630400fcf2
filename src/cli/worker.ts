import type { Command } from 'commander';
import { parsePositiveInt } from './options.js';

interface WorkerCliOptions { concurrency?: number; threads?: number; stallSeconds: number }

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the replications that `batch --queue` and `place --queue` put on a Redis queue, on worker threads of this machine')
    .argument('<redis-url>', 'redis://[:PASSWORD@]HOST:PORT[/DB], or rediss://... for TLS')
    .option('--threads <n>', 'worker threads (default: the machine\'s cores)', parsePositiveInt)
    .option('--concurrency <n>', 'jobs taken at once per queue (default: 2 x threads)', parsePositiveInt)
    .option('--stall-seconds <n>', 'a job whose worker stops renewing its lock for this long goes to another worker', parsePositiveInt, 30)
    .addHelpText('after', `
A worker serves every relaysim queue submitters list in Redis, until SIGINT or SIGTERM (it then finishes
the jobs in hand; a second signal exits at once). A job is data: a scenario, its hash, --set overrides
and a seed; a worker runs nothing but relaysim's own simulation on it. Do not expose Redis without a
password and TLS (rediss://): anyone who can write to it can fill the queue.
Exit status: 0 stopped by a signal, 2 Redis unreachable at start or a bad URL.

Examples:
  $ relaysim worker redis://127.0.0.1:6379
  $ relaysim worker rediss://:s3cret@queue.example.org:6380/2 --threads 8`)
    .action(async (url: string, o: WorkerCliOptions) => {
      // Loaded here: bullmq, ioredis and piscina cost every other command ~0.3 s of start-up otherwise.
      const { runQueueWorker } = await import('../queue/queue-worker.js');
      const controller = new AbortController();
      let signals = 0;
      const onSignal = () => {
        if (++signals > 1) process.exit(130);
        process.stderr.write('worker: stopping after the jobs in hand (signal again to quit now)\n');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await runQueueWorker({ url, threads: o.threads, concurrency: o.concurrency, stallMs: o.stallSeconds * 1000, signal: controller.signal });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
