import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script without type declarations.
import { figures, halfOf, packagesOf, readRealCodeList, readVerdicts, roundVerdicts, verdicts } from '../../scripts/holdout.mjs';

interface Package {
  name: string;
  version: string;
  round: number;
}

interface Round {
  readings: { reading: number; packages?: string[] }[];
  reports: Record<string, Record<string, { verdict: string; why: string }>>;
}

const list = readRealCodeList() as { round: number; packages: Package[] };
const tuned = (JSON.parse(readFileSync('bench/corpus.json', 'utf8')) as { packages: Package[] }).packages;
const record = readVerdicts() as { rounds: Record<string, Round> };
const rounds = Array.from({ length: list.round }, (_, index) => index + 1);
const holdoutOfRound = new Map(rounds.map((round) => [round, (packagesOf(list, 'holdout', round) as Package[]).map((pkg) => pkg.name)]));
const holdoutNames = (round: number) => holdoutOfRound.get(round) ?? [];

describe('the holdout', () => {
  it('holds only packages the rules were never tuned on, each once, pinned, each in a round so far', () => {
    const tunedNames = new Set(tuned.map((pkg) => pkg.name));
    assert.deepEqual(list.packages.filter((pkg) => tunedNames.has(pkg.name)).map((pkg) => pkg.name), []);
    const names = list.packages.map((pkg) => pkg.name);
    assert.equal(new Set(names).size, names.length, 'a package is listed twice');
    for (const pkg of list.packages) {
      assert.match(pkg.version, /^\d+\.\d+\.\d+$/, `${pkg.name} is not pinned`);
      assert.ok(rounds.includes(pkg.round), `${pkg.name}: round ${pkg.round} is not one of 1 to ${list.round}`);
    }
  });

  it('splits each round by name and round alone, into two halves of similar size', () => {
    for (const round of rounds) {
      const ofRound = list.packages.filter((pkg) => pkg.round === round);
      const holdout = ofRound.filter((pkg) => halfOf(pkg.name, round) === 'holdout');
      assert.deepEqual(holdoutNames(round), holdout.map((pkg) => pkg.name));
      assert.ok(holdout.length > ofRound.length / 3 && holdout.length < (ofRound.length * 2) / 3, `round ${round}: ${holdout.length} of ${ofRound.length} in the holdout`);
    }
    // Another round puts the same names elsewhere: a fresh holdout cannot reuse a read one by accident.
    const moved = list.packages.filter((pkg) => halfOf(pkg.name, list.round) !== halfOf(pkg.name, list.round + 1));
    assert.ok(moved.length > 0);
  });

  it('takes the tuning halves of every round so far, and no holdout package', () => {
    const tuning = new Set((packagesOf(list, 'tuning') as Package[]).map((pkg) => pkg.name));
    for (const round of rounds) {
      for (const pkg of list.packages.filter((candidate) => candidate.round === round && !holdoutNames(round).includes(candidate.name))) {
        assert.ok(tuning.has(pkg.name), `${pkg.name} (round ${round}) is missing from the tuning half`);
      }
      for (const name of holdoutNames(round)) assert.ok(!tuning.has(name), `${name} is in a holdout and in the tuning half`);
    }
  });

  it('never brings back a package an earlier round read: each reading names what it read', () => {
    for (const [round, { readings }] of Object.entries(record.rounds)) {
      for (const reading of readings) assert.deepEqual(reading.packages, holdoutNames(Number(round)), `round ${round}, reading ${reading.reading}`);
    }
    for (const pkg of list.packages) {
      for (const earlier of rounds.filter((round) => round < pkg.round)) {
        const read = roundVerdicts(record, earlier) as Round;
        assert.ok(!read.readings.some((reading) => reading.packages?.includes(pkg.name)), `${pkg.name} (round ${pkg.round}) was read in round ${earlier}`);
        assert.ok(!Object.keys(read.reports).some((file) => file.startsWith(`${pkg.name}/`)), `${pkg.name} (round ${pkg.round}) has verdicts from round ${earlier}`);
      }
    }
  });

  it('keeps a verdict and a reason for every recorded report, on its round\'s holdout packages only', () => {
    for (const [round, { reports }] of Object.entries(record.rounds)) {
      const names = holdoutNames(Number(round));
      for (const [file, ofFile] of Object.entries(reports)) {
        assert.ok(names.some((name) => file.startsWith(`${name}/`)), `${file} is not in the holdout of round ${round}`);
        for (const [report, { verdict, why }] of Object.entries(ofFile)) {
          assert.ok(verdicts.includes(verdict), `round ${round}, ${file} ${report}: verdict '${verdict}'`);
          assert.ok(why.trim().length > 10, `round ${round}, ${file} ${report}: no reason given`);
        }
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
