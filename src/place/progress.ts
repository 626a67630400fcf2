import cliProgress from 'cli-progress';

export interface Progress {
  /** A batch of runs about to start; the search waits for it before queueing more, so it is one phase. */
  queued(n: number): void;
  done(label: string, resumed: boolean): void;
  /** A line of narrative (search steps); printed above the bar. */
  log(line: string): void;
  stop(): void;
}

const secs = (s: number) => (!Number.isFinite(s) ? '?' : s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`);

/**
 * Counts per phase (one batch of runs, whose size is known when it starts, so the total never grows
 * under the bar), the rate of simulated runs and the time left in the phase.
 */
function counter(now: () => number) {
  let total = 0, done = 0, resumed = 0, phase = 0, step = '';
  let first: { t: number; ran: number } | null = null, ran = 0;
  return {
    queued(n: number) { phase++; total = n; done = 0; },
    done(wasResumed: boolean) {
      done++;
      if (wasResumed) resumed++;
      else { ran++; if (!first) first = { t: now(), ran }; }
    },
    /** "k=3: exhaustive over 72 set(s)" -> "k=3", shown before the counts. */
    step(line: string) { if (/^k=\d+/.test(line)) step = line.split(':')[0]; },
    view() {
      const rate = first && ran > first.ran ? (ran - first.ran) / Math.max(1e-3, (now() - first.t) / 1000) : NaN;
      return { total, done, resumed, phase, step, rate, left: done >= total ? 0 : (total - done) / rate };
    },
  };
}

/** A bar on a terminal; plain lines (each 10 % of a phase, at most one a second, and each search step) when not; nothing when quiet. */
export function createProgress(mode: 'bar' | 'lines' | 'quiet', stream: NodeJS.WriteStream = process.stderr, now = () => performance.now()): Progress {
  if (mode === 'quiet') return { queued() {}, done() {}, log() {}, stop() {} };
  const c = counter(now);
  const rate = (r: number) => (Number.isFinite(r) ? `${r.toFixed(1)} runs/s` : '? runs/s');
  if (mode === 'lines') {
    let lastStep = -1, lastT = -Infinity;
    return {
      queued(n) { c.queued(n); lastStep = -1; },
      done(_label, wasResumed) {
        c.done(wasResumed);
        const v = c.view();
        const tenth = Math.floor((10 * v.done) / Math.max(1, v.total));
        // At most one line a second (each 10 % of a long phase), and one when a phase is done.
        if ((tenth > lastStep && now() - lastT >= 1000) || v.done === v.total) {
          lastStep = tenth;
          lastT = now();
          stream.write(`place: ${v.step ? `${v.step}: ` : ''}${v.done}/${v.total} runs${v.resumed ? ` (${v.resumed} from evaluations.jsonl)` : ''}, ${rate(v.rate)}, ${secs(v.left)} left\n`);
        }
      },
      log(line) { c.step(line); stream.write(`place: ${line}\n`); },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({
    stream, format: 'place {step} {bar} {value}/{total} runs | {rate} | {left} left', hideCursor: true, clearOnComplete: true, barsize: 24,
  }, cliProgress.Presets.shades_classic);
  let started = false, stopped = false;
  const payload = () => { const v = c.view(); return { step: v.step, rate: rate(v.rate), left: secs(v.left) }; };
  return {
    queued(n) {
      c.queued(n);
      if (!started) { bar.start(n, 0, payload()); started = true; } else { bar.setTotal(n); bar.update(0, payload()); }
    },
    done(_label, wasResumed) { c.done(wasResumed); bar.update(c.view().done, payload()); },
    log(line) {
      c.step(line);
      // Clear the bar's line, print the step, draw the bar again below it.
      if (started && !stopped) stream.write('\r\x1b[2K');
      stream.write(`${line}\n`);
      if (started && !stopped) bar.update(c.view().done, payload());
    },
    // Leaves no bar behind, so the result table that follows starts on a clean line.
    stop() { if (started && !stopped) bar.stop(); stopped = true; },
  };
}
