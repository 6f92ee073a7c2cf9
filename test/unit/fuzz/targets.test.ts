/**
 * The fuzz targets of `npm run fuzz` (test/fuzz/targets.ts), a few hundred
 * cases each: the same arbitraries and oracles, so CI catches a regression
 * that the long run would. Megabyte inputs are left to `npm run fuzz`.
 */
import fc from 'fast-check';
import { TARGETS } from '../../fuzz/targets';

const RUNS = 300;

describe('fuzz targets (a few hundred cases each; npm run fuzz runs 100,000)', () => {
  for (const target of TARGETS) {
    it(`${target.name}: a result within the contract or a positioned, typed error`, () => {
      fc.assert(
        fc.property(target.arbitrary, (input) => target.run(input)),
        { numRuns: RUNS },
      );
    });
  }
});
