import * as assert from 'node:assert/strict';
import { runCli, type CliIo } from '../../../src/cli';

const bytes: Record<string, Uint8Array> = {};
const written: Record<string, Uint8Array> = {};

function run(argv: string[], stdin?: string, files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: () => stdin,
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT: no such file');
      return files[p];
    },
    readBytes: (p) => {
      if (p in bytes) return bytes[p];
      throw new Error('ENOENT: no such file');
    },
    writeBytes: (p, b) => {
      written[p] = b;
    },
    exists: (p) => p in bytes || p in files || p in written,
  };
  const code = runCli(argv, io);
  return { code, out, err };
}

describe('mdl svd', () => {
  it('prints the JSON contract', () => {
    const { code, out } = run(['svd', '[[1,1],[1,0],[0,1]]', '--format', 'json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.equal(json.kind, 'svd');
    assert.equal(json.rows, 3);
    assert.equal(json.cols, 2);
    assert.equal(json.rank, 2);
    assert.ok(Math.abs(json.singularValues[0] - Math.sqrt(3)) < 1e-14);
    assert.equal(json.U.length, 3);
    assert.equal(json.U[0].length, 3);
    assert.equal(json.V.length, 2);
    assert.ok(json.steps.length > 5);
  });

  it('writes Markdown with $$ blocks and exact forms', () => {
    const { code, out } = run(['svd', '[1 1; 1 0; 0 1]', '--format', 'md']);
    assert.equal(code, 0);
    assert.match(out, /^# SVD of a 3×2 matrix/);
    assert.match(out, /\$\$\n.*\\sqrt\{3\}/s);
  });

  it('reads from --file and from stdin', () => {
    assert.equal(run(['svd', '--file', 'a.txt', '-f', 'json'], undefined, { 'a.txt': '{{1,2},{3,4}}' }).code, 0);
    const viaStdin = run(['svd', '--format', 'json'], 'np.array([[2, 0], [0, 1]])');
    assert.equal(viaStdin.code, 0);
    assert.deepEqual(JSON.parse(viaStdin.out).singularValues, [2, 1]);
  });

  it('plain text by default', () => {
    const { code, out } = run(['svd', '[[2]]']);
    assert.equal(code, 0);
    assert.match(out, /SVD of a 1×1 matrix/);
  });

  it('bad input: clear message with a position and exit code 1', () => {
    const { code, err, out } = run(['svd', '[[1, 2], [3, x]]']);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /^mdl: line 1, column \d+: /);
    assert.doesNotMatch(err, /\n\s+at /); // no stack trace
  });

  it('bad usage: exit code 2 with usage', () => {
    assert.equal(run(['svd', '[[1]]', '--format', 'pdf']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run([]).code, 2);
    assert.equal(run(['svd']).code, 2);
    assert.equal(run(['svd', '--precision']).code, 2);
    assert.equal(run(['svd', '[[1]]', 'extra']).code, 2);
  });

  it('a missing file is reported, not thrown', () => {
    const { code, err } = run(['svd', '--file', 'missing.txt']);
    assert.equal(code, 1);
    assert.match(err, /cannot read missing\.txt/);
  });

  it('--help exits 0', () => {
    const { code, out } = run(['--help']);
    assert.equal(code, 0);
    assert.match(out, /Usage:\n  mdl svd/);
  });
});

describe('mdl pca', () => {
  const table = 'Feature\tExample - 1\tExample - 2\tExample - 3\tExample - 4\n$X_1$\t4\t8\t13\t7\n$X_2$\t11\t4\t5\t14\n';

  it('reads the assignment table as written and prints the PCA contract', () => {
    const { code, out } = run(['pca', '--format', 'json'], table);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json), ['kind', 'samples', 'features', 'featureNames', 'mean', 'covariance', 'eigenvalues', 'components', 'projections', 'explainedVarianceRatio', 'steps']);
    assert.equal(json.samples, 4);
    assert.equal(json.features, 2);
    assert.deepEqual(json.featureNames, ['X₁', 'X₂']);
    assert.deepEqual(json.covariance, [[14, -11], [-11, 23]]);
    assert.ok(Math.abs(json.explainedVarianceRatio[0] - 0.8212) < 1e-4);
    const sign = Math.sign(json.components[0][0]) > 0 ? 1 : -1;
    assert.ok(Math.abs(sign * json.projections[0][0] + 4.3052) < 1e-4);
  });

  it('--components and --denominator', () => {
    const { code, out } = run(['pca', '[[1,2,3],[2,1,0],[4,4,5],[0,1,1]]', '--components', '2', '--denominator', 'n', '--format', 'json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.equal(json.components.length, 2);
    assert.equal(json.projections[0].length, 2);
    assert.equal(run(['pca', '[[1,2],[3,4]]', '--denominator', 'half']).code, 2);
  });

  it('a single sample is a clear error', () => {
    const { code, err } = run(['pca', '[[1, 2]]']);
    assert.equal(code, 1);
    assert.match(err, /at least 2 samples/);
  });
});

describe('mdl activation', () => {
  it('prints the JSON contract for a name or a library spelling', () => {
    for (const name of ['relu', 'nn.SiLU', 'swish', 'torch.sigmoid']) {
      const { code, out } = run(['activation', name, '--format', 'json']);
      assert.equal(code, 0, name);
      const json = JSON.parse(out);
      for (const key of ['name', 'formula', 'derivative', 'range', 'properties']) assert.ok(key in json, `${name}: ${key}`);
    }
    assert.equal(JSON.parse(run(['activation', 'nn.SiLU', '--format', 'json']).out).name, 'silu');
  });

  it('an unknown name fails and lists the known ones', () => {
    const { code, err } = run(['activation', 'frobnicate']);
    assert.equal(code, 1);
    assert.match(err, /Known: sigmoid, tanh, relu/);
  });
});

describe('mdl run / mdl check', () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const assignment = readFileSync('examples/assignment.mdl.json', 'utf8');
  const broken = readFileSync('examples/broken.mdl.json', 'utf8');
  const files = { 'a.mdl.json': assignment, 'b.mdl.json': broken };

  it('runs one problem to the JSON contract', () => {
    const { code, out } = run(['run', 'a.mdl.json', '--problem', 'q1', '--format', 'json'], undefined, files);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.equal(json.problems.length, 1);
    assert.equal(json.problems[0].id, 'q1');
    assert.equal(json.problems[0].result.kind, 'svd');
    assert.ok(Math.abs(json.problems[0].result.singularValues[0] - Math.sqrt(3)) < 1e-14);
  });

  it('an unknown problem id is an error', () => {
    assert.equal(run(['run', 'a.mdl.json', '--problem', 'nope'], undefined, files).code, 1);
  });

  it('check passes the assignment file and fails the broken one with file:line:col diagnostics', () => {
    assert.equal(run(['check', 'a.mdl.json'], undefined, files).code, 0);
    const bad = run(['check', 'b.mdl.json'], undefined, files);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /^b\.mdl\.json:\d+:\d+: error: Unknown kind "svdd"/m);
  });
});

describe('mdl image', () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  bytes['shapes.png'] = new Uint8Array(readFileSync('examples/images/shapes-256.png'));
  bytes['broken.png'] = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  it('prints the image JSON contract and writes the rank-k PNG with --out', () => {
    const { code, out } = run(['image', 'shapes.png', '--rank', '10', '--format', 'json', '--out', 'rank10.png']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    for (const key of ['kind', 'width', 'height', 'mode', 'rank', 'singularValues', 'storage', 'relativeError', 'eckartYoungError', 'psnr']) assert.ok(key in json, key);
    assert.equal(json.kind, 'image');
    assert.equal(json.rank, 10);
    assert.equal(json.storage.compressed, 10 * (256 + 256 + 1));
    assert.ok(Math.abs(json.relativeError - json.eckartYoungError) < 1e-6);
    assert.deepEqual(Array.from(written['rank10.png'].slice(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
  });

  it('never overwrites an existing file', () => {
    const { code, err } = run(['image', 'shapes.png', '--out', 'shapes.png']);
    assert.equal(code, 1);
    assert.match(err, /already exists/);
  });

  it('a damaged file is a clear error', () => {
    const { code, err } = run(['image', 'broken.png']);
    assert.equal(code, 1);
    assert.match(err, /^mdl: broken\.png: /);
  });

  it('rejects a bad --mode', () => {
    assert.equal(run(['image', 'shapes.png', '--mode', 'cmyk']).code, 2);
  });
});
