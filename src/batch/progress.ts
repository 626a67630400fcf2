import cliProgress from 'cli-progress';
import type { Progress } from './run-batch.js';

export interface ProgressView { update(p: Progress): void; stop(): void }

/** With a queue: the live workers, so a batch that stopped advancing says why. */
const workersText = (p: Progress, sep: string) => (p.workers === undefined ? '' : `${sep}${p.workers ?? '?'} worker${p.workers === 1 ? '' : 's'}`);

const secs = (s: number) => (s === 0 ? '0 s' : !Number.isFinite(s) ? '?' : s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`);

/**
 * Runs done/total, runs/s (runs done by this call, since its first finished) and time left, on stderr: a bar on a
 * terminal, else a plain line every ~2 s or 5 % of the runs.
 */
export function progressView(stream: NodeJS.WriteStream = process.stderr, now = () => performance.now()): ProgressView {
  // Rate from the first finished run on, so worker start-up does not count as run time.
  let first: { t: number; ran: number } | null = null;
  const stats = (p: Progress) => {
    if (!first && p.ran > 0) first = { t: now(), ran: p.ran };
    const rate = first && p.ran > first.ran ? (p.ran - first.ran) / Math.max(1e-3, (now() - first.t) / 1000) : NaN;
    return { rate, left: p.done >= p.total ? 0 : (p.total - p.done) / rate };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream, format: 'batch {bar} {value}/{total} runs | {rate} runs/s | {left} left{failedText}{workersText}{runnerText}',
      hideCursor: true, clearOnComplete: false, etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    let started = false, stopped = false;
    return {
      update(p) {
        const { rate, left } = stats(p);
        const payload = { rate: Number.isFinite(rate) ? rate.toFixed(1) : '?', left: secs(left), failedText: p.failed ? ` | ${p.failed} failed` : '', workersText: workersText(p, ' | '), runnerText: p.runner ? ` | ${p.runner}` : '' };
        if (!started) { bar.start(p.total, p.done, payload); started = true; }
        bar.setTotal(p.total);
        bar.update(p.done, payload);
      },
      stop() { if (started && !stopped) bar.stop(); stopped = true; },
    };
  }
  const step = (p: Progress) => (p.total ? Math.floor((20 * p.done) / p.total) : 20); // 5 % steps
  let lastT = -Infinity, lastStep = -1, last: Progress | null = null, printed: Progress | null = null;
  const print = (p: Progress) => {
    const { rate, left } = stats(p);
    stream.write(`batch: ${p.done}/${p.total} runs (${p.total ? Math.floor((100 * p.done) / p.total) : 100} %), ${Number.isFinite(rate) ? rate.toFixed(1) : '?'} runs/s, ${secs(left)} left${p.failed ? `, ${p.failed} failed` : ''}${workersText(p, ', ')}${p.runner ? `; ${p.runner}` : ''}\n`);
    printed = p;
    lastT = now();
    lastStep = step(p);
  };
  return {
    update(p) {
      last = p;
      if (now() - lastT >= 2000 || step(p) > lastStep) print(p);
    },
    stop() { if (last && last !== printed) print(last); },
  };
}
