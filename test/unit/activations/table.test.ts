import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkActivation, richardsonDerivative } from '../../../src/core/activations/check';
import { SELU_ALPHA, SELU_LAMBDA } from '../../../src/core/activations/piecewise';
import { ACTIVATIONS, canonicalName, getActivation, resolveParams } from '../../../src/core/activations/table';
import { logSoftmax, logSoftmaxJacobian, softmax, softmaxJacobian } from '../../../src/core/activations/vector';
import { erf, erfc, normalCdf } from '../../../src/core/activations/math';
import type { ActivationParams, CanonicalName } from '../../../src/core/activations/types';
import { isMdlError } from '../../../src/core/errors';

const f = (name: CanonicalName, x: number, p?: ActivationParams) => getActivation(name).f(x, p);
const df = (name: CanonicalName, x: number, p?: ActivationParams) => getActivation(name).df(x, p);
const grid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

describe('activation table: f′ against finite differences (1e-8)', () => {
  const variants: Array<[CanonicalName, ActivationParams]> = [
    ...ACTIVATIONS.map((s) => [s.name, {}] as [CanonicalName, ActivationParams]),
    ['gelu', { approximate: 'tanh' }],
    ['leaky_relu', { alpha: 0.2 }],
    ['elu', { alpha: 0.5 }],
    ['elu', { alpha: 2 }],
    ['softplus', { beta: 2, threshold: 10 }],
    ['hardtanh', { minVal: -2, maxVal: 3 }],
  ];
  for (const [name, params] of variants) {
    it(`${name} ${JSON.stringify(params)}`, () => {
      const r = checkActivation(name, params);
      assert.ok(r.checked > 1500, `only ${r.checked} points checked`);
      assert.ok(r.maxError < 1e-8, `max error ${r.maxError} at x = ${r.worstX}`);
    });
  }

  it('agrees at random points too (fast-check)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIVATIONS.map((s) => s.name)), fc.double({ min: -12, max: 12, noNaN: true }), (name, x) => {
        const spec = getActivation(name);
        if (spec.breakpoints().some((b) => Math.abs(x - b) < 0.01)) return true;
        return Math.abs(spec.df(x) - richardsonDerivative((t) => spec.f(t), x)) < 1e-8;
      }),
      { numRuns: 500 },
    );
  });
});

describe('activation table: properties', () => {
  it('σ′ peaks at 1/4 at x = 0, and the Lipschitz constant says so', () => {
    assert.equal(df('sigmoid', 0), 0.25);
    assert.ok(grid(-8, 8, 1601).every((x) => df('sigmoid', x) <= 0.25));
    assert.equal(getActivation('sigmoid').properties().lipschitz.value, 0.25);
  });

  it('tanh(x) = 2σ(2x) − 1 and tanh′ = 1 − tanh²', () => {
    for (const x of grid(-6, 6, 241)) {
      assert.ok(Math.abs(f('tanh', x) - (2 * f('sigmoid', 2 * x) - 1)) < 1e-15, `x = ${x}`);
      assert.ok(Math.abs(df('tanh', x) - (1 - Math.tanh(x) ** 2)) < 1e-15);
    }
  });

  it('Swish′ = f + σ(1 − f), softplus′ = σ, ELU′ = ELU + α for x ≤ 0', () => {
    for (const x of grid(-6, 6, 121)) {
      const s = f('sigmoid', x);
      const sw = f('silu', x);
      assert.ok(Math.abs(df('silu', x) - (sw + s * (1 - sw))) < 1e-14);
      assert.ok(Math.abs(df('softplus', x) - s) < 1e-15);
      if (x <= 0) assert.ok(Math.abs(df('elu', x, { alpha: 0.7 }) - (f('elu', x, { alpha: 0.7 }) + 0.7)) < 1e-15);
    }
  });

  it('every value lies in the stated range, and the range ends are approached', () => {
    for (const spec of ACTIVATIONS) {
      const { lower, upper, lowerAttained, upperAttained } = spec.properties().bounds;
      const values = [...grid(-60, 60, 4801), -1e9, 1e9].map((x) => spec.f(x));
      // Far out, rounding may land exactly on an open end (tanh(60) is 1.0 in doubles); nearer in it must not.
      for (const v of values) assert.ok(v >= lower - 1e-12 && v <= upper + 1e-12, `${spec.name}: ${v} outside [${lower}, ${upper}]`);
      for (const x of grid(-15, 15, 301)) {
        const v = spec.f(x);
        if (!lowerAttained) assert.ok(v > lower, `${spec.name}(${x}) = ${v} reaches the open end ${lower}`);
        if (!upperAttained) assert.ok(v < upper, `${spec.name}(${x}) = ${v} reaches the open end ${upper}`);
      }
      const min = Math.min(...values);
      const max = Math.max(...values);
      if (Number.isFinite(lower)) assert.ok(Math.abs(min - lower) < 1e-5, `${spec.name}: lowest value ${min}, range starts at ${lower}`);
      if (Number.isFinite(upper)) assert.ok(Math.abs(max - upper) < 1e-5, `${spec.name}: highest value ${max}, range ends at ${upper}`);
    }
  });

  it('the Lipschitz constant bounds |f′| and is nearly reached', () => {
    for (const spec of ACTIVATIONS) {
      const L = spec.properties().lipschitz.value;
      assert.equal(typeof L, 'number', spec.name);
      const slopes = grid(-30, 30, 60001).map((x) => Math.abs(spec.df(x)));
      const steepest = Math.max(...slopes);
      assert.ok(steepest <= (L as number) + 1e-12, `${spec.name}: slope ${steepest} > L = ${L}`);
      assert.ok(steepest >= (L as number) - 1e-6, `${spec.name}: L = ${L} but the steepest slope is ${steepest}`);
    }
  });

  it('GELU′s Lipschitz constant is Φ(√2) + 1/(e√π)', () => {
    const exact = 0.5 * (1 + erf(1)) + 1 / (Math.E * Math.sqrt(Math.PI));
    assert.ok(Math.abs((getActivation('gelu').properties().lipschitz.value as number) - exact) < 1e-10);
  });

  it('SELU uses PyTorch’s constants and has Lipschitz constant λα', () => {
    assert.equal(SELU_ALPHA, 1.6732632423543772);
    assert.equal(SELU_LAMBDA, 1.0507009873554805);
    assert.ok(Math.abs((getActivation('selu').properties().lipschitz.value as number) - 1.7580993408473766) < 1e-12);
  });

  it('monotonic and zero-centred flags match the samples', () => {
    for (const spec of ACTIVATIONS) {
      const p = spec.properties();
      const xs = grid(-10, 10, 2001);
      const nonDecreasing = xs.every((x, i) => i === 0 || spec.f(x) >= spec.f(xs[i - 1]));
      assert.equal(p.monotonic, nonDecreasing, `${spec.name} monotonic`);
      const odd = xs.every((x) => Math.abs(spec.f(-x) + spec.f(x)) < 1e-12);
      assert.equal(p.zeroCentred, odd, `${spec.name} zero-centred`);
    }
  });

  it('canDie exactly when f′ is 0 on a half-line', () => {
    for (const spec of ACTIVATIONS) {
      const deadLeft = grid(-50, -10, 41).every((x) => spec.df(x) === 0);
      const deadRight = grid(10, 50, 41).every((x) => spec.df(x) === 0);
      assert.equal(spec.properties().canDie, deadLeft || deadRight, spec.name);
    }
  });

  it('uses the framework conventions at kinks', () => {
    assert.equal(df('relu', 0), 0);
    assert.equal(df('relu6', 0), 0);
    assert.equal(df('relu6', 6), 0);
    assert.equal(df('leaky_relu', 0), 0.01);
    assert.equal(df('leaky_relu', 0, { alpha: 0.2 }), 0.2);
    assert.equal(df('elu', 0, { alpha: 0.5 }), 0.5);
    assert.equal(df('selu', 0), SELU_LAMBDA * SELU_ALPHA);
    assert.equal(df('hardtanh', 1), 0);
    assert.equal(df('hardtanh', -1), 0);
    assert.equal(df('hard_sigmoid', 3), 0);
    assert.equal(df('hard_sigmoid', 0), 1 / 6);
    assert.match(getActivation('relu').kinkConvention!, /undefined at 0 mathematically/);
  });

  it('is numerically stable in the tails', () => {
    assert.equal(f('sigmoid', -800), 0);
    assert.equal(f('sigmoid', 800), 1);
    assert.ok(f('sigmoid', -700) > 0, 'keeps relative accuracy, no underflow to 0 too early');
    assert.ok(Math.abs(df('sigmoid', 40) / Math.exp(-40) - 1) < 1e-12, 'σ′ keeps its digits where 1 − σ rounds to 0');
    assert.equal(f('softplus', 1000), 1000);
    assert.equal(f('softplus', -1000), 0);
    assert.equal(f('log_softmax', -1000), -1000);
    assert.equal(f('silu', -800), -0);
    assert.ok(Number.isFinite(df('mish', 800)) && Number.isFinite(df('mish', -800)));
    assert.ok(Math.abs(f('gelu', -10) / (-10 * 7.61985302416047e-24) - 1) < 1e-12, 'GELU keeps the lower tail through erfc');
    assert.ok(Math.abs(normalCdf(-10) - 7.61985302416047e-24) < 1e-36);
    assert.ok(Math.abs(erfc(3) - 2.209049699858544e-5) < 1e-19);
  });

  it('the tanh approximation of GELU stays within 1e-3 of the exact form', () => {
    assert.ok(grid(-8, 8, 801).every((x) => Math.abs(f('gelu', x) - f('gelu', x, { approximate: 'tanh' })) < 1e-3));
  });

  it('softplus switches to the identity above the threshold, as PyTorch', () => {
    assert.equal(f('softplus', 20.5), 20.5);
    assert.equal(df('softplus', 20.5), 1);
    assert.equal(f('softplus', 10.5, { beta: 2, threshold: 20 }), 10.5);
  });

  it('resolves aliases and validates parameters', () => {
    assert.equal(canonicalName('logistic'), 'sigmoid');
    assert.equal(canonicalName('swish'), 'silu');
    assert.equal(canonicalName('identity'), 'linear');
    assert.equal(canonicalName('prelu'), null);
    assert.deepEqual(resolveParams('leaky_relu'), { alpha: 0.01 });
    assert.deepEqual(resolveParams('relu', { alpha: 3 }), {});
    assert.throws(() => resolveParams('elu', { alpha: -1 }), (e) => isMdlError(e) && e.code === 'invalid-argument');
    assert.throws(() => resolveParams('gelu', { approximate: 'fast' as 'tanh' }), isMdlError);
    assert.throws(() => resolveParams('hardtanh', { minVal: 2, maxVal: 1 }), isMdlError);
    assert.throws(() => getActivation('prelu'), isMdlError);
  });

  it('has TeX, a plain fallback and a use for every activation', () => {
    for (const s of ACTIVATIONS) {
      assert.ok(s.tex.f && s.tex.df && s.plain.f && s.plain.df && s.usedFor, s.name);
      for (const k of s.kinks()) assert.ok(s.breakpoints().includes(k), `${s.name}: kink ${k} is also a breakpoint`);
      if (s.kinks().length) assert.ok(s.kinkConvention, `${s.name} states its kink convention`);
    }
  });
});

describe('softmax and log-softmax as vector functions', () => {
  const logits = fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 6 });

  it('softmax sums to 1 and survives huge logits (max-shift)', () => {
    assert.deepEqual(softmax([1000, 1000]), [0.5, 0.5]);
    const ls = logSoftmax([1000, 0]);
    assert.equal(ls[0], 0);
    assert.equal(ls[1], -1000);
    fc.assert(fc.property(logits, (z) => Math.abs(softmax(z).reduce((a, b) => a + b, 0) - 1) < 1e-12));
  });

  it('Jacobians match finite differences: diag(s) − ssᵀ and I − 1sᵀ', () => {
    fc.assert(
      fc.property(logits, (z) => {
        const J = softmaxJacobian(z);
        const K = logSoftmaxJacobian(z);
        return z.every((_, j) =>
          z.every((__, i) => {
            const at = (t: number) => z.map((v, k) => (k === j ? t : v));
            const dS = richardsonDerivative((t) => softmax(at(t))[i], z[j]);
            const dL = richardsonDerivative((t) => logSoftmax(at(t))[i], z[j]);
            return Math.abs(J[i][j] - dS) < 1e-9 && Math.abs(K[i][j] - dL) < 1e-9;
          }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('the plotted slice is component 1 of softmax(x, 0)', () => {
    for (const x of grid(-8, 8, 33)) {
      assert.ok(Math.abs(f('softmax', x) - softmax([x, 0])[0]) < 1e-15);
      assert.ok(Math.abs(df('softmax', x) - softmaxJacobian([x, 0])[0][0]) < 1e-15);
      assert.ok(Math.abs(f('log_softmax', x) - logSoftmax([x, 0])[0]) < 1e-13);
      assert.ok(Math.abs(df('log_softmax', x) - logSoftmaxJacobian([x, 0])[0][0]) < 1e-15);
    }
  });

  it('the full softmax Jacobian has spectral norm at most 1/2 (the stated vector Lipschitz constant)', () => {
    fc.assert(
      fc.property(logits, (z) => {
        // Power iteration on the symmetric positive semi-definite J.
        const J = softmaxJacobian(z);
        let v = z.map((_, i) => 1 + i);
        let lambda = 0;
        for (let it = 0; it < 200; it++) {
          const w = J.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
          const norm = Math.hypot(...w);
          if (norm === 0) return true;
          lambda = norm / Math.hypot(...v);
          v = w.map((a) => a / norm);
        }
        return lambda <= 0.5 + 1e-12;
      }),
    );
  });
});
