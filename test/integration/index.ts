// Suite entry for BOTH runners: code-server (test/harness) and @vscode/test-electron
// (test/electron/run.mjs). Each loads this file in the extension host and awaits run().
// The test files are bundled into this one file, so they are required only after mocha
// has installed its BDD globals (describe/it) with the 'pre-require' event.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  // MDL_TEST_GREP (passed as extensionEnvironment) narrows the run while iterating.
  if (process.env.MDL_TEST_GREP) mocha.grep(process.env.MDL_TEST_GREP);
  mocha.suite.emit('pre-require', globalThis, __filename, mocha);
  require('./sanity.test');
  require('./svd.test');
  require('./features.test');
  require('./manifest.test');
  require('./reliability.test');
  require('./restore.test');
  require('./security.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
