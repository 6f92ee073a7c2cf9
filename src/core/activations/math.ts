/**
 * Numerically stable scalar primitives shared by the activation table and the
 * losses. Each is written so that no intermediate overflows and no result
 * loses its relative accuracy through cancellation.
 */

/** σ(x) = 1/(1 + e^{−x}) via e^{−|x|}, which never overflows. */
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * σ′(x) = σ(1 − σ) = e^{−|x|}/(1 + e^{−|x|})². The product σ(1 − σ) would lose
 * every digit of 1 − σ once σ rounds to 1 (x ≳ 37); this form keeps them.
 */
export function sigmoidPrime(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}

/** log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), exact in both tails. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log σ(x) = −softplus(−x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/** tanh′(x) = sech²x = 4e^{−2|x|}/(1 + e^{−2|x|})², accurate where 1 − tanh² would cancel. */
export function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}

export const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal CDF Φ(x) = ½ erfc(−x/√2); erfc keeps the relative accuracy of the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_THRESH) return x * erfSmall(y * y);
  const c = erfcPositive(y);
  return x < 0 ? c - 1 : 1 - c;
}

/** erfc(x) = 1 − erf(x), computed directly (no cancellation for large x). */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_THRESH) return 1 - x * erfSmall(y * y);
  const c = erfcPositive(y);
  return x < 0 ? 2 - c : c;
}

/*
 * W. J. Cody's rational Chebyshev approximations (netlib specfun CALERF,
 * 1987), relative error below 1e-16 on each interval. The coefficients are
 * the same as mathjs's erf, which has no erfc; Φ of negative arguments needs one.
 */
const ERF_THRESH = 0.46875;
const SQRPI = 5.6418958354775628695e-1; // 1/√π
const P0 = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const Q0 = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const P1 = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058,
  2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const Q1 = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716,
  3439.36767414372164, 1230.33935480374942,
];
const P2 = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q2 = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 2.33520497626869185e-3];

/** erf(y)/y for y² = ysq ≤ 0.46875². */
function erfSmall(ysq: number): number {
  let num = P0[4] * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + P0[i]) * ysq;
    den = (den + Q0[i]) * ysq;
  }
  return (num + P0[3]) / (den + Q0[3]);
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = P1[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + P1[i]) * y;
      den = (den + Q1[i]) * y;
    }
    r = (num + P1[7]) / (den + Q1[7]);
  } else {
    if (y >= 27) return 0; // erfc(27) ≈ 5e-319: below the smallest normal double
    const z = 1 / (y * y);
    let num = P2[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P2[i]) * z;
      den = (den + Q2[i]) * z;
    }
    r = (SQRPI - (z * (num + P2[4])) / (den + Q2[4])) / y;
  }
  // e^{−y²} split as e^{−ŷ²}·e^{−(y−ŷ)(y+ŷ)} with ŷ = y rounded to 1/16, so y² is not rounded (Cody).
  const yr = Math.trunc(y * 16) / 16;
  return Math.exp(-yr * yr) * Math.exp(-(y - yr) * (y + yr)) * r;
}

/** Maximiser of a unimodal f on [a, b] by golden-section search (to ~1e-12 in x). */
export function goldenMax(f: (x: number) => number, a: number, b: number): { x: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-13; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  return { x, value: f(x) };
}
