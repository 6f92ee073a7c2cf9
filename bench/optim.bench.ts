/**
 * Optimiser throughput: 10⁶ Adam steps on Rosenbrock with the hand-written
 * gradient and with the symbolic one (closures compiled from the sandboxed
 * expression), against mathjs's own compiled evaluator for scale; plus the
 * cost of building a custom objective and of the three derivations.
 */
import { all, create } from 'mathjs';
import { customObjective, deriveGd, deriveGdCompare, deriveOptimize, getObjective, run } from '../src/core/optim';
import { time, type BenchRow } from './timing';

const ROSENBROCK = '(1 - x)^2 + 100 * (y - x^2)^2';
const STEPS = 1_000_000;

function stepsPerSecond(row: BenchRow, steps: number): BenchRow {
  return { ...row, note: `${((steps / row.medianMs) * 1000).toExponential(2)} steps/s${row.note ? `; ${row.note}` : ''}` };
}

/** Adam on Rosenbrock with mathjs compile().evaluate() for f and ∇f: what the closures replace. */
function mathjsAdam(steps: number): void {
  const math = create(all);
  const f = math.compile(ROSENBROCK);
  const gx = math.compile(math.derivative(ROSENBROCK, 'x').toString());
  const gy = math.compile(math.derivative(ROSENBROCK, 'y').toString());
  const objective = {
    name: 'mathjs',
    variables: ['x', 'y'],
    expression: ROSENBROCK,
    gradientExpressions: [],
    tex: '',
    gradientTex: [],
    value: (t: ArrayLike<number>) => f.evaluate({ x: t[0], y: t[1] }) as number,
    gradient: (t: ArrayLike<number>, out = new Float64Array(2)) => {
      const scope = { x: t[0], y: t[1] };
      out[0] = gx.evaluate(scope);
      out[1] = gy.evaluate(scope);
      return out;
    },
    valueAndGradient(t: ArrayLike<number>, out: Float64Array) {
      const scope = { x: t[0], y: t[1] };
      out[0] = gx.evaluate(scope);
      out[1] = gy.evaluate(scope);
      return f.evaluate(scope) as number;
    },
  };
  run(objective, [-1.5, 2], 'adam', { maxSteps: steps, tol: 0 });
}

export async function bench(): Promise<BenchRow[]> {
  const analytic = getObjective('rosenbrock');
  const symbolic = customObjective(ROSENBROCK);
  const mathjsSteps = 20_000;
  return [
    stepsPerSecond(await time('Adam 10⁶ steps, Rosenbrock, analytic gradient', () => run(analytic, [-1.5, 2], 'adam', { maxSteps: STEPS, tol: 0 }), { runs: 5 }), STEPS),
    stepsPerSecond(await time('Adam 10⁶ steps, Rosenbrock, expression (sandboxed closures)', () => run(symbolic, [-1.5, 2], 'adam', { maxSteps: STEPS, tol: 0 }), { runs: 5 }), STEPS),
    stepsPerSecond(await time('Adam 2·10⁴ steps, Rosenbrock, mathjs compile().evaluate()', () => mathjsAdam(mathjsSteps), { runs: 3, note: 'for scale only; not used by the product' }), mathjsSteps),
    await time('custom objective: parse + derivative + simplify (Rosenbrock)', () => customObjective(ROSENBROCK), { runs: 10 }),
    await time('optimize derivation: Adam on Rosenbrock, 10⁴ steps + 3 compared', () => deriveOptimize({ objective: 'rosenbrock', compare: ['sgd', 'momentum', 'rmsprop'] }, { precision: 4, exactForms: true }), { runs: 5 }),
    await time('gd derivation: Q4, N = 200, η = 0.001, 10⁴ steps', () => deriveGd({ generate: { n: 200 } }, { precision: 4, exactForms: true }), { runs: 5 }),
    await time('gd-compare derivation: N = 200, 50 epochs, with saddle', () => deriveGdCompare({}, { precision: 4, exactForms: true }), { runs: 5 }),
  ];
}
