/**
 * For a suite whose tests build on each other: once one fails, the rest of THIS suite
 * is skipped (reported as pending). Mocha's own `this.bail(true)` is not enough: its
 * check reads the runner's failure count, so one failure anywhere silently dropped
 * every later bailing suite from the run, with nothing reported for them.
 * Call inside `describe`.
 */
export function stepsBuildOnEachOther(): void {
  let failed: string | undefined;
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed ??= this.currentTest.title;
  });
}
