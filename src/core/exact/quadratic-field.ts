/**
 * Numbers a + b√d of the quadratic field Q(√d), d a fixed squarefree integer > 1.
 * Eigenvalues of 2×2 blocks such as (37 ± √565)/2 live here, and so do the
 * entries of C − λI, so eigenvectors can be found exactly.
 *
 * A number with b = 0 is rational and mixes with any field; two irrational
 * numbers must share d (mixing fields is a programming error and throws).
 */
import { squarefreeDecompose } from './bigint';
import { Rational, type RationalInput } from './rational';
import { formatQuadratic, TEX, TEXT, type SurdStyle } from './notation';

export class QuadNumber {
  private constructor(
    readonly a: Rational,
    readonly b: Rational,
    /** Squarefree, > 1; 1 only for numbers built without a field (then b = 0). */
    readonly d: bigint,
  ) {}

  /** a + b√d; a non-squarefree d is normalised (√8 = 2√2), a square d folds into a. */
  static of(a: RationalInput, b: RationalInput, d: bigint | number): QuadNumber {
    const ra = Rational.from(a);
    let rb = Rational.from(b);
    const dd = BigInt(d);
    if (dd <= 0n) throw new RangeError(`Q(√d) needs d > 0, got ${dd}`);
    const { square, free } = squarefreeDecompose(dd);
    rb = rb.mul(square);
    if (free === 1n) return new QuadNumber(ra.add(rb), Rational.ZERO, 1n);
    return new QuadNumber(ra, rb, free);
  }

  static rational(a: RationalInput, d: bigint | number = 1n): QuadNumber {
    return QuadNumber.of(a, 0n, d);
  }

  /** Lift x into Q(√d): rationals get the field's d, numbers already in it are kept. */
  static lift(x: RationalInput | QuadNumber, d: bigint): QuadNumber {
    if (x instanceof QuadNumber) {
      if (x.isRational()) return new QuadNumber(x.a, Rational.ZERO, d);
      if (x.d !== d) throw new RangeError(`Q(√${x.d}) and Q(√${d}) cannot be mixed`);
      return x;
    }
    return new QuadNumber(Rational.from(x), Rational.ZERO, d);
  }

  isRational(): boolean {
    return this.b.isZero();
  }
  isZero(): boolean {
    return this.a.isZero() && this.b.isZero();
  }
  isOne(): boolean {
    return this.b.isZero() && this.a.equals(1n);
  }

  add(o: QuadNumber | RationalInput): QuadNumber {
    const [x, y] = this.align(o);
    return new QuadNumber(x.a.add(y.a), x.b.add(y.b), x.d);
  }
  sub(o: QuadNumber | RationalInput): QuadNumber {
    const [x, y] = this.align(o);
    return new QuadNumber(x.a.sub(y.a), x.b.sub(y.b), x.d);
  }
  mul(o: QuadNumber | RationalInput): QuadNumber {
    const [x, y] = this.align(o);
    // (a + b√d)(c + e√d) = (ac + bed) + (ae + bc)√d
    return new QuadNumber(x.a.mul(y.a).add(x.b.mul(y.b).mul(x.d)), x.a.mul(y.b).add(x.b.mul(y.a)), x.d);
  }
  div(o: QuadNumber | RationalInput): QuadNumber {
    const [x, y] = this.align(o);
    if (y.isZero()) throw new RangeError('Division by zero');
    // Multiply through by the conjugate; the norm c² − e²d is nonzero as d is not a square.
    const norm = y.norm();
    const top = x.mul(y.conjugate());
    return new QuadNumber(top.a.div(norm), top.b.div(norm), x.d);
  }
  neg(): QuadNumber {
    return new QuadNumber(this.a.neg(), this.b.neg(), this.d);
  }
  conjugate(): QuadNumber {
    return new QuadNumber(this.a, this.b.neg(), this.d);
  }
  /** a² − b²d, the product with the conjugate. */
  norm(): Rational {
    return this.a.mul(this.a).sub(this.b.mul(this.b).mul(this.d));
  }

  /** Exact sign, by comparing a² with b²d when a and b√d have opposite signs. */
  sign(): -1 | 0 | 1 {
    const sa = this.a.sign();
    const sb = this.b.sign();
    if (sb === 0) return sa;
    if (sa === 0 || sa === sb) return sb;
    const cmp = this.a.mul(this.a).compare(this.b.mul(this.b).mul(this.d));
    return cmp === 0 ? 0 : cmp > 0 ? sa : sb;
  }
  compare(o: QuadNumber | RationalInput): -1 | 0 | 1 {
    return this.sub(o).sign();
  }
  equals(o: QuadNumber | RationalInput): boolean {
    return this.sub(o).isZero();
  }

  toNumber(): number {
    // a + b√d loses everything to cancellation when a ≈ −b√d; use the conjugate then.
    const a = this.a.toNumber();
    const bRoot = this.b.toNumber() * Math.sqrt(Number(this.d));
    if (this.b.isZero() || Math.sign(a) === Math.sign(bRoot) || a === 0) return a + bRoot;
    return this.norm().toNumber() / (a - bRoot);
  }

  toTex(style: SurdStyle = 'student'): string {
    return formatQuadratic(this.a, this.b, this.d, style, TEX);
  }
  toText(style: SurdStyle = 'student'): string {
    return formatQuadratic(this.a, this.b, this.d, style, TEXT);
  }
  toString(): string {
    return this.toText();
  }

  private align(o: QuadNumber | RationalInput): [QuadNumber, QuadNumber] {
    const other = o instanceof QuadNumber ? o : QuadNumber.rational(o);
    if (this.isRational() && other.isRational()) {
      const d = this.d !== 1n ? this.d : other.d;
      return [QuadNumber.lift(this, d), QuadNumber.lift(other, d)];
    }
    const d = this.isRational() ? other.d : this.d;
    return [QuadNumber.lift(this, d), QuadNumber.lift(other, d)];
  }
}
