// The committed benchmark event counts (bench/event-counts.json) are what the benchmark cases simulate
// today. REGEN=1 rewrites the file; a changed count in a commit is a visible change of behaviour.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { eventCounts } from '../bench/event-counts.js';

const FILE = join(import.meta.dirname, '..', 'bench', 'event-counts.json');

it('the benchmark cases simulate the committed event counts', () => {
  const now = eventCounts();
  if (process.env.REGEN === '1') writeFileSync(FILE, JSON.stringify(now, null, 2) + '\n');
  const committed = JSON.parse(readFileSync(FILE, 'utf8'));
  expect(now).toEqual(committed);
  // The engine case is the reference M/M/4 with a station: five events a shipment, give or take those in flight.
  const e = now['engine/mmc/1e5'];
  expect(Math.abs(e.events - 5 * e.created)).toBeLessThan(1000);
});
