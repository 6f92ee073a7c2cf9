/**
 * Exact rationals on bigint. Every `Rational` is reduced with a positive
 * denominator, so structural equality is value equality. There is no
 * constructor from a float on purpose: floats go through `recognize`.
 */
import { absBig, bitLength, gcdBig } from './bigint';

/** The shape the matrix parser produces. */
export interface RationalLike {
  num: bigint;
  den: bigint;
}

/** Anything accepted where a rational is expected (numbers must be safe integers). */
export type RationalInput = Rational | RationalLike | bigint | number;

export class Rational implements RationalLike {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** num/den reduced; `den` must be nonzero. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = toBigInt(num);
    let d = toBigInt(den);
    if (d === 0n) throw new RangeError('Rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcdBig(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static from(x: RationalInput): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === 'bigint' || typeof x === 'number') return Rational.of(x);
    return Rational.of(x.num, x.den);
  }

  add(o: RationalInput): Rational {
    const r = Rational.from(o);
    return Rational.of(this.num * r.den + r.num * this.den, this.den * r.den);
  }
  sub(o: RationalInput): Rational {
    const r = Rational.from(o);
    return Rational.of(this.num * r.den - r.num * this.den, this.den * r.den);
  }
  mul(o: RationalInput): Rational {
    const r = Rational.from(o);
    return Rational.of(this.num * r.num, this.den * r.den);
  }
  div(o: RationalInput): Rational {
    const r = Rational.from(o);
    if (r.num === 0n) throw new RangeError('Division by zero');
    return Rational.of(this.num * r.den, this.den * r.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  inverse(): Rational {
    return Rational.ONE.div(this);
  }
  pow(k: number): Rational {
    let result: Rational = Rational.ONE;
    for (let i = 0; i < Math.abs(k); i++) result = result.mul(this);
    return k < 0 ? result.inverse() : result;
  }

  compare(o: RationalInput): -1 | 0 | 1 {
    const r = Rational.from(o);
    const diff = this.num * r.den - r.num * this.den;
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }
  equals(o: RationalInput): boolean {
    return this.compare(o) === 0;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }

  /** Nearest double, also for numerators and denominators beyond 2⁵³. */
  toNumber(): number {
    if (absBig(this.num) <= MAX_SAFE && this.den <= MAX_SAFE) return Number(this.num) / Number(this.den);
    // Scale so the integer quotient carries ~64 significant bits, then divide by 2^shift.
    const shift = bitLength(this.den) - bitLength(this.num) + 64;
    const q = shift >= 0 ? (this.num << BigInt(shift)) / this.den : this.num / (this.den << BigInt(-shift));
    // Two factors so neither power of two overflows or underflows on its own.
    const half = Math.trunc(shift / 2);
    return Number(q) * 2 ** -half * 2 ** -(shift - half);
  }

  /** `3`, `-3`, `\frac{1}{2}`, `-\frac{3}{4}`. */
  toTex(): string {
    if (this.den === 1n) return this.num.toString();
    const sign = this.num < 0n ? '-' : '';
    return `${sign}\\frac{${absBig(this.num)}}{${this.den}}`;
  }

  /** `3`, `1/2`, `−3/4` (U+2212 minus). */
  toText(): string {
    const sign = this.num < 0n ? '\u2212' : '';
    const body = this.den === 1n ? `${absBig(this.num)}` : `${absBig(this.num)}/${this.den}`;
    return sign + body;
  }

  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toBigInt(x: bigint | number): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`Not a safe integer: ${x} (use recognize() for floats)`);
  return BigInt(x);
}

/** Function forms, for callers holding plain `RationalLike` values from the parser. */
export const add = (a: RationalInput, b: RationalInput): Rational => Rational.from(a).add(b);
export const sub = (a: RationalInput, b: RationalInput): Rational => Rational.from(a).sub(b);
export const mul = (a: RationalInput, b: RationalInput): Rational => Rational.from(a).mul(b);
export const div = (a: RationalInput, b: RationalInput): Rational => Rational.from(a).div(b);
export const neg = (a: RationalInput): Rational => Rational.from(a).neg();
export const compare = (a: RationalInput, b: RationalInput): -1 | 0 | 1 => Rational.from(a).compare(b);
export const isZero = (a: RationalInput): boolean => Rational.from(a).isZero();
export const toNumber = (a: RationalInput): number => Rational.from(a).toNumber();
export const rationalToTex = (a: RationalInput): string => Rational.from(a).toTex();
export const rationalToText = (a: RationalInput): string => Rational.from(a).toText();
