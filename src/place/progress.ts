import cliProgress from 'cli-progress';

export interface Progress {
  queued(n: number): void;
  done(label: string, resumed: boolean): void;
  /** A line of narrative (search steps); printed above the bar. */
  log(line: string): void;
  stop(): void;
}

/** A bar on a terminal; plain lines (about every 5 %, and each search step) when not; nothing when quiet. */
export function createProgress(mode: 'bar' | 'lines' | 'quiet', stream: NodeJS.WriteStream = process.stderr): Progress {
  let total = 0, done = 0, resumed = 0, lastLine = 0;
  if (mode === 'quiet') return { queued() {}, done() {}, log() {}, stop() {} };
  if (mode === 'lines') {
    return {
      queued(n) { total += n; },
      done(label, wasResumed) {
        done++;
        if (wasResumed) resumed++;
        if (done === total || done - lastLine >= Math.max(1, Math.ceil(total / 20))) {
          lastLine = done;
          stream.write(`place: ${done}/${total} runs${resumed ? ` (${resumed} from evaluations.jsonl)` : ''}, last ${label}\n`);
        }
      },
      log(line) { stream.write(`place: ${line}\n`); },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({
    stream, format: 'place {bar} {value}/{total} runs | {label}', hideCursor: true, clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  bar.start(0, 0, { label: '' });
  return {
    queued(n) { total += n; bar.setTotal(total); },
    done(label) { bar.increment(1, { label }); },
    log(line) { stream.write(`\r\x1b[2K${line}\n`); bar.render(); },
    stop() { bar.stop(); },
  };
}
