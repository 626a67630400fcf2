// Batch building blocks, without worker threads: seeds, sweeps, statistics, files, option errors.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { repSeed } from '../src/batch/seeds.js';
import { gridPoints, parseSweep } from '../src/batch/grid.js';
import { describe as stats } from '../src/batch/stats.js';
import { batchCsv, type BatchFile } from '../src/batch/outputs.js';
import { RunsFile } from '../src/batch/runs-file.js';
import { runBatch } from '../src/batch/run-batch.js';
import { registerBatch } from '../src/cli/batch.js';
import { progressView } from '../src/batch/progress.js';

const MMC = 'scenarios/reference/mmc.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-batch-'));

describe('repSeed()', () => {
  it('is a 31-bit hash of (seed, rep), fixed across versions', () => {
    const seeds = Array.from({ length: 1000 }, (_, r) => repSeed(1, r));
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    expect(new Set(seeds).size).toBe(1000);
    expect(repSeed(1, 0)).toBe(repSeed(1, 0));
    expect(repSeed(1, 0)).not.toBe(repSeed(2, 0));
    expect([repSeed(1, 0), repSeed(1, 1), repSeed(7, 3)]).toMatchInlineSnapshot(`
      [
        342901709,
        1711173523,
        381202151,
      ]
    `);
  });
});

describe('parseSweep() and gridPoints()', () => {
  it('splits values on commas outside JSON brackets and quotes', () => {
    expect(parseSweep('a.b=1,2.5,x')).toEqual({ path: 'a.b', values: ['1', '2.5', 'x'] });
    expect(parseSweep('c=[1,2],{"k":"x,y"},"p,q"')).toEqual({ path: 'c', values: ['[1,2]', '{"k":"x,y"}', '"p,q"'] });
  });
  it('names --sweep in every complaint', () => {
    for (const bad of ['novalues', '=1,2', 'a=', 'a=1,,2', 'a=1,1', 'a..b=1']) {
      expect(() => parseSweep(bad)).toThrow(/^--sweep: /);
    }
  });
  it('makes the cartesian product, first sweep slowest', () => {
    const g = gridPoints([parseSweep('a=1,2'), parseSweep('b=x,y')]);
    expect(g.map((p) => p.point)).toEqual(['a=1 b=x', 'a=1 b=y', 'a=2 b=x', 'a=2 b=y']);
    expect(g[1]).toEqual({ point: 'a=1 b=y', params: { a: 1, b: 'y' }, sets: ['a=1', 'b=y'] });
    expect(gridPoints([])).toEqual([{ point: 'base', params: {}, sets: [] }]);
  });
});

describe('describe() (statistics)', () => {
  it('gives mean, sd (n-1) and the Student t half-width', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd sqrt(32/7); t(0.975, 7) = 2.364624
    const s = stats([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 9);
    expect(s.halfWidth).toBeCloseTo((2.364624252 * Math.sqrt(32 / 7)) / Math.sqrt(8), 6);
    expect(s.n).toBe(8);
  });
  it('leaves out non-finite values; no spread from fewer than 2', () => {
    expect(stats([3, NaN])).toEqual({ mean: 3, sd: null, halfWidth: null, n: 1 });
    expect(stats([])).toEqual({ mean: null, sd: null, halfWidth: null, n: 0 });
  });
});

describe('batchCsv()', () => {
  it('writes one row per point, quoting where needed', () => {
    const file: BatchFile = {
      scenario: 'x', seed: 1, reps: 2, sets: [], untilCi: null, complete: true,
      sweeps: [{ path: 'p', values: ['"a,b"', '2'] }],
      points: [{ point: 'p="a,b"', params: { p: 'a,b' }, n: 2, failed: 0, metrics: { m: { mean: 1, sd: 0.5, halfWidth: 4.5, n: 2 } } },
        { point: 'p=2', params: { p: 2 }, n: 1, failed: 1, metrics: { m: { mean: 3, sd: null, halfWidth: null, n: 1 } } }],
    };
    expect(batchCsv(file)).toBe('point,p,n,failed,m.mean,m.sd,m.halfWidth,m.n\n"p=""a,b""",a,b,2,0,1,0.5,4.5,2\np=2,2,1,1,3,,,1\n'
      .replace('a,b,2,0', '"a,b",2,0'));
  });
});

describe('RunsFile', () => {
  it('drops a trailing partial line left by a crash, keeps whole lines', () => {
    const f = join(tmp(), 'runs.jsonl');
    const rec = { point: 'base', params: {}, rep: 0, seed: 5, status: 'failed' as const, error: 'x' };
    new RunsFile(f).append(rec);
    appendFileSync(f, '{"point":"base","par');
    expect([...new RunsFile(f).readRuns().values()]).toEqual([rec]);
    expect(readFileSync(f, 'utf8')).toBe(JSON.stringify(rec) + '\n');
  });
});

describe('runBatch() bad input: InputError naming the option or field, nothing written', () => {
  const cases: [string, Parameters<typeof runBatch>[0], RegExp][] = [
    ['reps 0', { file: MMC, reps: 0 }, /^--reps: expected an integer >= 1, got 0/],
    ['unknown sweep path', { file: MMC, reps: 2, sweeps: [parseSweep('checkpoints.gate.lane=4,5')] }, /checkpoints\[0\]\.lane: unknown field.*\(grid point checkpoints\.gate\.lane=4\)$/],
    ['invalid sweep value', { file: MMC, reps: 2, sweeps: [parseSweep('checkpoints.gate.lanes=4,0')] }, /checkpoints\[0\]\.lanes: .*\(grid point checkpoints\.gate\.lanes=0\)$/],
    ['unknown sweep path into an array', { file: MMC, reps: 2, sweeps: [parseSweep('stations.nope.docks=1')] }, /--sweep stations\.nope\.docks: stations has no element "nope" \(grid point/],
    ['unknown --set path', { file: MMC, reps: 2, sets: ['nope.x=1'] }, /--set nope\.x/],
    ['swept twice', { file: MMC, reps: 2, sweeps: [parseSweep('horizonMin=10,20'), parseSweep('horizonMin=30')] }, /^--sweep: horizonMin is swept twice/],
    ['unknown until-ci metric', { file: MMC, reps: 2, untilCi: { metric: 'leadTimeMin.avg', halfWidth: 1 } }, /^--until-ci: unknown metric "leadTimeMin.avg"; one of: leadTimeMin.mean/],
    ['missing scenario', { file: 'nope.json', reps: 2 }, /^nope\.json: cannot read/],
  ];
  for (const [name, options, message] of cases) {
    it(name, async () => {
      const dir = join(tmp(), 'out');
      await expect(runBatch({ ...options, outDir: dir })).rejects.toThrow(message);
      expect(existsSync(dir)).toBe(false);
    });
  }
  it('refuses a directory holding another batch (exit 2 in the CLI), touching nothing', async () => {
    const dir = tmp();
    const scenarioSha256 = createHash('sha256').update(readFileSync(MMC)).digest('hex');
    const meta = JSON.stringify({ scenario: MMC, scenarioPath: join(process.cwd(), MMC), scenarioSha256, sets: ['horizonMin=300'], sweeps: [], seed: 1 });
    writeFileSync(join(dir, 'batch-meta.json'), meta);
    writeFileSync(join(dir, 'runs.jsonl'), '{"partial');
    await expect(runBatch({ file: MMC, reps: 2, sets: ['horizonMin=200'], outDir: dir })).rejects.toThrow(/batch-meta\.json: holds a batch with other sets \(\["horizonMin=300"\], now \["horizonMin=200"\]\); refusing to mix runs/);
    expect(readFileSync(join(dir, 'runs.jsonl'), 'utf8')).toBe('{"partial');
    expect(readFileSync(join(dir, 'batch-meta.json'), 'utf8')).toBe(meta);
    writeFileSync(join(dir, 'batch-meta.json'), meta.replace(scenarioSha256, '0'.repeat(64)));
    await expect(runBatch({ file: MMC, reps: 2, sets: ['horizonMin=300'], outDir: dir })).rejects.toThrow(/other scenario contents \(sha256 000000000000, now sha256 [0-9a-f]{12}\); refusing/);
  });
});

describe('relaysim batch options', () => {
  const parse = async (...args: string[]) => {
    const program = new Command('relaysim').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerBatch(program);
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} }));
    try {
      await program.parseAsync(['batch', MMC, ...args], { from: 'user' });
      return null;
    } catch (err) {
      return err as CommanderError;
    }
  };
  it('rejects --reps 0, a malformed --sweep or --until-ci with a message naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['--reps', '0'], /--reps <n>.*expected an integer >= 1, got "0"/],
      [['--sweep', 'lanes'], /--sweep <path=v1,v2,...>.*expected PATH=V1,V2/],
      [['--sweep', 'a=1,,2'], /--sweep .*non-empty value/],
      [['--until-ci', 'leadTimeMin.mean'], /--until-ci .*METRIC=HALFWIDTH/],
      [['--until-ci', 'leadTimeMin.mean=-1'], /--until-ci .*half-width > 0/],
      [['--workers', '0'], /--workers <n>.*expected an integer >= 1/],
    ];
    for (const [args, message] of cases) {
      const err = await parse(...args);
      expect(err, args.join(' ')).toBeInstanceOf(CommanderError);
      expect(err!.message).toMatch(message);
    }
  });
});

describe('progressView() without a terminal', () => {
  it('prints a plain line every ~2 s or 5 % of the runs, and the last one', () => {
    let t = 0;
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const view = progressView(stream, () => t);
    view.update({ done: 0, total: 100, ran: 0, failed: 0 });
    for (let i = 1; i <= 100; i++) {
      t += 100; // 10 runs/s
      view.update({ done: i, total: 100, ran: i, failed: i >= 50 ? 1 : 0 });
    }
    view.stop();
    expect(lines.length).toBe(21); // the start, then every 5 % (= 0.5 s here, before 2 s pass)
    expect(lines[10]).toBe('batch: 50/100 runs (50 %), 10.0 runs/s, 5 s left, 1 failed\n');
    expect(lines[20]).toBe('batch: 100/100 runs (100 %), 10.0 runs/s, 0 s left, 1 failed\n');
  });
});
