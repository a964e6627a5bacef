import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script without type declarations.
import { figures, halfOf, readRealCodeList, readVerdicts, verdicts } from '../../scripts/holdout.mjs';

interface Package {
  name: string;
  version: string;
}

const list = readRealCodeList() as { round: number; packages: Package[] };
const tuned = (JSON.parse(readFileSync('bench/corpus.json', 'utf8')) as { packages: Package[] }).packages;

describe('the holdout', () => {
  it('holds only packages the rules were never tuned on, each once, pinned', () => {
    const tunedNames = new Set(tuned.map((pkg) => pkg.name));
    assert.deepEqual(list.packages.filter((pkg) => tunedNames.has(pkg.name)).map((pkg) => pkg.name), []);
    const names = list.packages.map((pkg) => pkg.name);
    assert.equal(new Set(names).size, names.length, 'a package is listed twice');
    for (const pkg of list.packages) assert.match(pkg.version, /^\d+\.\d+\.\d+$/, `${pkg.name} is not pinned`);
  });

  it('splits by name and round alone, into two halves of similar size', () => {
    const holdout = list.packages.filter((pkg) => halfOf(pkg.name, list.round) === 'holdout');
    assert.ok(holdout.length > list.packages.length / 3 && holdout.length < (list.packages.length * 2) / 3);
    // Another round puts the same names elsewhere: a fresh holdout cannot reuse a read one by accident.
    const moved = list.packages.filter((pkg) => halfOf(pkg.name, list.round) !== halfOf(pkg.name, list.round + 1));
    assert.ok(moved.length > 0);
  });

  it('keeps a verdict and a reason for every recorded report, on holdout packages only', () => {
    const record = readVerdicts() as { reports: Record<string, Record<string, { verdict: string; why: string }>> };
    const holdoutNames = list.packages.filter((pkg) => halfOf(pkg.name, list.round) === 'holdout').map((pkg) => pkg.name);
    for (const [file, reports] of Object.entries(record.reports)) {
      assert.ok(holdoutNames.some((name) => file.startsWith(`${name}/`)), `${file} is not in the holdout`);
      for (const [report, { verdict, why }] of Object.entries(reports)) {
        assert.ok(verdicts.includes(verdict), `${file} ${report}: verdict '${verdict}'`);
        assert.ok(why.trim().length > 10, `${file} ${report}: no reason given`);
      }
    }
  });

  it('counts precision over real and false reports, and false positives per 50k lines', () => {
    const report = (rule: string, key: string) => ({ file: 'p/a.js', key: `${key} ${rule}`, rule });
    const recorded = {
      'p/a.js': {
        '1:1 r': { verdict: 'real' },
        '2:1 r': { verdict: 'false positive' },
        '3:1 r': { verdict: 'debatable' },
        '4:1 s': { verdict: 'real' },
      },
    };
    const rows = figures([report('r', '1:1'), report('r', '2:1'), report('r', '3:1'), report('s', '4:1'), report('s', '5:1')], recorded, 100_000) as {
      rule: string;
      precision: number | null;
      falsePer50k: number;
      unreviewed: number;
    }[];
    assert.deepEqual(rows.map((row) => [row.rule, row.precision, row.falsePer50k, row.unreviewed]), [
      ['r', 0.5, 0.5, 0],
      ['s', 1, 0, 1],
      ['all rules', 2 / 3, 0.5, 1],
    ]);
  });
});
