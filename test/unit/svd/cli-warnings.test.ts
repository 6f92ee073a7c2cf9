/** The caveats reach every output of `mdl svd` and `mdl pca`: JSON (only when there are some), Markdown and text. */
import assert from 'node:assert/strict';
import { runCli, type CliIo } from '../../../src/cli';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const fail = () => {
    throw new Error('ENOENT');
  };
  const io: CliIo = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: () => undefined,
    readFile: fail,
    readBytes: fail,
    writeBytes: fail,
    exists: () => false,
  };
  return { code: runCli(argv, io), out, err };
}

describe('mdl svd / mdl pca: warnings in every format', () => {
  const huge = '[[1e300, 2e300], [3e300, 4e300]]';

  it('JSON: a "warnings" array when there are caveats, finite numbers only', () => {
    const { code, out } = run(['svd', huge, '--format', 'json']);
    assert.equal(code, 0);
    assert.ok(!/Infinity|NaN/.test(out), 'no non-finite number in the JSON');
    const json = JSON.parse(out);
    assert.match(json.warnings.join(), /AᵀA would overflow/);
    assert.ok(Math.abs(json.singularValues[0] / 5.464985704219043e300 - 1) < 1e-15);
  });

  it('JSON: no "warnings" key for a clean result (the contract is unchanged)', () => {
    const json = JSON.parse(run(['svd', '[[1,1],[1,0],[0,1]]', '--format', 'json']).out);
    assert.equal('warnings' in json, false);
  });

  it('Markdown and text: the caveat as a note above the steps', () => {
    const md = run(['svd', huge, '--format', 'md']).out;
    assert.match(md, /^> \*\*Note:\*\* The entries are of order 10³⁰⁰/m);
    assert.match(run(['svd', huge, '--format', 'text']).out, /^Note: The entries are of order 10³⁰⁰/m);
    assert.match(run(['svd', '[[1e-310, 2e-310], [3e-310, 4e-310]]']).out, /^Note: The entries are of order 10⁻³¹⁰, and their squares underflow/m);
  });

  it('mdl pca: a constant feature is noted in JSON; NaN-free output', () => {
    const { code, out } = run(['pca', 'a,b\n1,5\n2,5\n3,5\n4,5', '--format', 'json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.match(json.warnings.join(), /“b” is constant/);
    assert.ok(!/Infinity|NaN/.test(out));
  });

  it('mdl pca: variances beyond double precision exit 1 with the reason', () => {
    const { code, err } = run(['pca', 'a,b\n1e200,2e200\n2e200,3e200\n4e200,1e200', '--format', 'json']);
    assert.equal(code, 1);
    assert.match(err, /beyond double precision/);
  });
});
