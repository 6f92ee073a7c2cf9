import * as assert from 'node:assert/strict';
import { findActivationAt } from '../../../src/core/activations/recognize';
import type { ActivationParams, CanonicalName } from '../../../src/core/activations/types';

/** `‸` marks the cursor; it is removed before the line is searched. */
interface Case {
  line: string;
  lang?: string;
  expect: CanonicalName | null;
  params?: ActivationParams;
  /** The text the returned range covers. */
  token?: string;
}

const positives: Case[] = [
  { line: 'y = sig‸moid(x)', expect: 'sigmoid', token: 'sigmoid' },
  { line: 'y = torch.sigmo‸id(x)', expect: 'sigmoid' },
  { line: 'h = torch.re‸lu(x)', expect: 'relu', token: 'relu' },
  { line: 'self.act = nn.Re‸LU()', expect: 'relu', token: 'ReLU' },
  { line: 'self.act = nn.Si‸LU()', expect: 'silu' },
  { line: 'act = nn.SiLU‸', expect: 'silu' },
  { line: 'x = F.ge‸lu(x)', expect: 'gelu' },
  { line: "x = F.g‸elu(x, approximate='tanh')", expect: 'gelu', params: { approximate: 'tanh' } },
  { line: 'x = torch.nn.functional.si‸lu(x)', expect: 'silu', token: 'silu' },
  { line: 'y = tf.nn.sw‸ish(x)', expect: 'silu' },
  { line: 'y = tf.keras.activations.e‸lu(x)', expect: 'elu' },
  { line: 'layer = keras.layers.Leaky‸ReLU()', expect: 'leaky_relu', params: { alpha: 0.3 } },
  { line: 'layer = keras.layers.Le‸akyReLU(negative_slope=0.1)', expect: 'leaky_relu', params: { alpha: 0.1 } },
  { line: 'y = jax.nn.soft‸plus(x)', expect: 'softplus' },
  { line: '{"activation": "ta‸nh", "units": 64}', lang: 'json', expect: 'tanh', token: 'tanh' },
  { line: "Dense(64, activation='re‸lu')", expect: 'relu', token: 'relu' },
  { line: 'self.act = nn.Leaky‸ReLU(0.2)', expect: 'leaky_relu', params: { alpha: 0.2 } },
  { line: 'a = nn.Leaky‸ReLU(negative_slope=0.05, inplace=True)', expect: 'leaky_relu', params: { alpha: 0.05 } },
  { line: 'y = F.leaky_re‸lu(x, 0.2)', expect: 'leaky_relu', params: { alpha: 0.2 } },
  { line: 'y = tf.nn.leaky_re‸lu(x)', expect: 'leaky_relu', params: { alpha: 0.2 } },
  { line: 'y = np.ta‸nh(x)', expect: 'tanh' },
  { line: 'y = math.ta‸nh(x)', expect: 'tanh' },
  { line: 'We use the re‸lu function here.', lang: 'markdown', expect: 'relu', token: 'relu' },
  { line: 'The Re‸LU is cheap.', lang: 'markdown', expect: 'relu' },
  { line: 'A Leaky Re‸LU keeps a gradient.', lang: 'markdown', expect: 'leaky_relu', token: 'Leaky ReLU' },
  { line: 'The sig‸moid squashes to (0, 1).', lang: 'markdown', expect: 'sigmoid' },
  { line: 'GE‸LU is used in transformers', lang: 'markdown', expect: 'gelu' },
  { line: 'ReLUs‸ can die.', lang: 'markdown', expect: 'relu' },
  { line: 'Call `torch.si‸gmoid` first.', lang: 'markdown', expect: 'sigmoid' },
  { line: 'the log-soft‸max of the logits', lang: 'markdown', expect: 'log_softmax' },
  { line: 'x = self.re‸lu(x)', expect: 'relu', token: 'relu' },
  { line: 'x = x.sigm‸oid()', expect: 'sigmoid' },
  { line: 'nn.ReLU‸6()', expect: 'relu6' },
  { line: 'nn.E‸LU(alpha=0.5)', expect: 'elu', params: { alpha: 0.5 } },
  { line: 'nn.E‸LU(0.5)', expect: 'elu', params: { alpha: 0.5 } },
  { line: 'nn.SE‸LU()', expect: 'selu' },
  { line: 'nn.M‸ish()', expect: 'mish' },
  { line: 'nn.Soft‸plus(beta=2, threshold=10)', expect: 'softplus', params: { beta: 2, threshold: 10 } },
  { line: 'nn.Soft‸sign()', expect: 'softsign' },
  { line: 'F.soft‸max(logits, dim=-1)', expect: 'softmax' },
  { line: 'F.log_soft‸max(logits, dim=-1)', expect: 'log_softmax' },
  { line: 'nn.Hard‸tanh(-2, 2)', expect: 'hardtanh', params: { minVal: -2, maxVal: 2 } },
  { line: 'nn.Hard‸sigmoid()', expect: 'hard_sigmoid' },
  { line: 'y = tf.keras.activations.lin‸ear(x)', expect: 'linear' },
  { line: "Dense(1, activation='lin‸ear')", expect: 'linear' },
  { line: 'head = nn.Iden‸tity()', expect: 'linear' },
  { line: 'y = scipy.special.ex‸pit(z)', expect: 'sigmoid' },
  { line: 'x = F.relu‸_(x)', expect: 'relu' },
  { line: 'y = jax.nn.ge‸lu(x)', expect: 'gelu', params: { approximate: 'tanh' } },
  { line: '"hidden_act": "gelu_n‸ew",', lang: 'json', expect: 'gelu', params: { approximate: 'tanh' } },
  { line: "nn.init.kaiming_normal_(w, nonlinearity='re‸lu')", expect: 'relu' },
  { line: "MLPClassifier(activation='logis‸tic')", expect: 'sigmoid' },
  { line: 'activation: re‸lu', lang: 'yaml', expect: 'relu' },
  { line: 'activation: lin‸ear', lang: 'yaml', expect: 'linear' },
  { line: "model.add(Activation('ta‸nh'))", expect: 'tanh' },
  { line: "tf.layers.dense({units: 4, activation: 'sig‸moid'})", lang: 'javascript', expect: 'sigmoid' },
  { line: 'y = tf.math.sig‸moid(x)', expect: 'sigmoid' },
  { line: 'x = nn.GE‸LU(approximate="tanh")', expect: 'gelu', params: { approximate: 'tanh' } },
];

const negatives: Case[] = [
  { line: 'relu_co‸unt += 1', expect: null },
  { line: 'y = my_tanh_hel‸per(x)', expect: null },
  { line: 'my_ta‸nh_helper(x)', expect: null },
  { line: 'a sigmoi‸dal curve', lang: 'markdown', expect: null },
  { line: 'sigmoi‸dal = True', expect: null },
  { line: 'self.prelu_la‸yer = nn.PReLU()', expect: null },
  { line: 'v = ve‸lu(x)', expect: null },
  { line: 'the ve‸lu map', lang: 'markdown', expect: null },
  { line: 'x = self.relu_la‸yer(x)', expect: null },
  { line: 'self.fc = nn.Lin‸ear(10, 2)', expect: null },
  { line: 'y = F.lin‸ear(x, w, b)', expect: null },
  { line: 'y = torch.nn.functional.line‸ar(x, w)', expect: null },
  { line: 'print("re‸lu")', expect: null },
  { line: 'y = tor‸ch.relu(x)', expect: null },
  { line: 'self.act = n‸n.ReLU()', expect: null },
  { line: 'relu‸2 = 3', expect: null },
  { line: 'x2re‸lu = 3', expect: null },
  { line: 'nn.Tanh‸shrink()', expect: null },
  { line: 'tf.nn.softmax_cross_entr‸opy_with_logits(labels, logits)', expect: null },
  { line: 'F.logsig‸moid(x)', expect: null },
  { line: 'a mish‸ap in training', lang: 'markdown', expect: null },
  { line: 'Identity‸ matrices are square.', lang: 'markdown', expect: null },
  { line: "activation='relu_co‸unt'", expect: null },
  { line: 'class ReLU‸Layer(nn.Module):', expect: null },
  { line: 'max_re‸lu = 6', expect: null },
  { line: 'the linear‸ map is affine', lang: 'markdown', expect: null },
];

function run(c: Case) {
  const character = c.line.indexOf('‸');
  assert.ok(character >= 0, `no cursor marker in ${c.line}`);
  const line = c.line.replace('‸', '');
  return { line, character, result: findActivationAt(line, character, c.lang ?? 'python') };
}

describe('activation recognition', () => {
  it('has at least 40 positive and 20 negative cases', () => {
    assert.ok(positives.length >= 40, `${positives.length} positives`);
    assert.ok(negatives.length >= 20, `${negatives.length} negatives`);
  });

  for (const c of positives) {
    it(`finds ${c.expect} in ${c.line}`, () => {
      const { line, result } = run(c);
      assert.ok(result, 'no match');
      assert.equal(result.name, c.expect);
      if (c.token) assert.equal(line.slice(result.range.start, result.range.end), c.token);
      if (c.params) assert.deepEqual(result.params, c.params);
    });
  }

  for (const c of negatives) {
    it(`finds nothing in ${c.line}`, () => {
      const { result } = run(c);
      assert.equal(result, null, `matched ${JSON.stringify(result)}`);
    });
  }

  it('reports the whole call as the expression', () => {
    const r = findActivationAt('act = nn.LeakyReLU(0.2)  # slope', 12, 'python');
    assert.equal(r?.expression.text, 'nn.LeakyReLU(0.2)');
    assert.equal(r?.via, 'code');
  });

  it('leaves the table default alone when no literal is given (torch)', () => {
    assert.equal(findActivationAt('nn.LeakyReLU()', 5, 'python')?.params, undefined);
  });

  it('ignores non-literal arguments', () => {
    assert.equal(findActivationAt('nn.LeakyReLU(slope)', 5, 'python')?.params, undefined);
  });
});
