import cliProgress from 'cli-progress';

/**
 * A progress bar over simulated time for one long run, on stderr and only on a terminal (a run is one
 * synchronous loop, so a bar is redrawn when the simulation reports, every 65,536 events).
 */
export function runProgress(enabled: boolean): { update: (now: number, end: number) => void; stop: () => void } | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({
    format: 'simulating [{bar}] {percentage}% | day {day} of {days} | {duration_formatted} elapsed',
    stream: process.stderr, hideCursor: true, clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(now, end) {
      const fmt = { day: (now / 1440).toFixed(1), days: (end / 1440).toFixed(1) };
      if (!started) { bar.start(1000, 0, fmt); started = true; }
      bar.update(Math.floor((1000 * now) / end), fmt);
    },
    stop() { if (started) bar.stop(); },
  };
}
