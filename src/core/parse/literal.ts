/**
 * The fast path for the commonest entry, a plain decimal such as `-12.5`
 * or `3e-4`: read in one pass over character codes, with no substrings,
 * regexes or bigint arithmetic beyond building the result. Anything unusual
 * (more than 15 digits, extreme exponents) is left to the general reader.
 */
import { decimalRational } from './rational';
import type { Scalar } from './scalar';
import type { Rational } from './types';

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // all exactly representable
const POW2 = Array.from({ length: 23 }, (_, k) => 2 ** k);
const POW5 = Array.from({ length: 23 }, (_, k) => 5 ** k);
const SMALL = 1024;
const SMALL_BIGINTS = Array.from({ length: 2 * SMALL + 1 }, (_, i) => BigInt(i - SMALL));
/** 2^a·5^b as bigint, indexed a·23 + b: every denominator a decimal literal here can have. */
const DENOMINATORS: Array<bigint | undefined> = [];

/** Reuses bigint objects for the small integers and the few denominators that recur in a matrix. */
function bigintOf(x: number): bigint {
  return x >= -SMALL && x <= SMALL ? SMALL_BIGINTS[x + SMALL] : BigInt(x);
}

function denominator(twos: number, fives: number): bigint {
  const key = twos * 23 + fives;
  return (DENOMINATORS[key] ??= BigInt(POW2[twos] * POW5[fives]));
}

/** Reads text[start, end) into `out` if it is a plain decimal literal; false (out untouched) otherwise. */
export function readDecimal(text: string, start: number, end: number, out: Scalar): boolean {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45 || c === 0x2212;
  if (negative || c === 43) i++;
  let n = 0;
  let digits = 0; // significant digits in n
  let fraction = 0;
  let seenDigit = false;
  let seenDot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seenDigit = true;
      if (digits > 0 || c !== 48) {
        n = n * 10 + (c - 48);
        digits++;
      }
      if (seenDot) fraction++;
    } else if (c === 46 && !seenDot) seenDot = true;
    else break;
  }
  if (!seenDigit || digits > 15) return false;
  let exponent = 0;
  if (i < end) {
    if (c !== 101 && c !== 69) return false; // e, E
    c = text.charCodeAt(++i);
    const expNegative = c === 45;
    if (c === 43 || c === 45) i++;
    if (i >= end) return false;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57 || exponent > 1000) return false;
      exponent = exponent * 10 + (c - 48);
    }
    if (expNegative) exponent = -exponent;
  }
  const scale = fraction - exponent; // value = ±n · 10^-scale
  if (scale > 22 || scale < -22) return false;
  if (scale <= 0) {
    const whole = n * POW10[-scale];
    if (whole > Number.MAX_SAFE_INTEGER) return false;
    out.value = negative ? -whole : whole;
    out.exact = { num: bigintOf(negative ? -whole : whole), den: 1n };
    return true;
  }
  // Both operands are exact, so one division rounds correctly, exactly like Number(text).
  out.value = (negative ? -n : n) / POW10[scale];
  // Reduce n / 10^scale by the factors 2 and 5 that n shares with 10^scale. Halving is exact,
  // and n < 10^15 keeps n / 5 far enough from an integer when 5 does not divide n. (A Euclid
  // loop on doubles would use fmod, several times slower on the hot path.)
  let num = n;
  let twos = scale;
  let fives = scale;
  if (num === 0) twos = fives = 0;
  while (twos > 0 && Math.floor(num / 2) === num / 2) {
    num /= 2;
    twos--;
  }
  while (fives > 0 && Math.floor(num / 5) === num / 5) {
    num /= 5;
    fives--;
  }
  out.exact = { num: bigintOf(negative ? -num : num), den: denominator(twos, fives) };
  return true;
}

/** The exact value of a decimal literal given as its mantissa text ("1.25") and exponent. */
export function decimalLiteral(mantissa: string, exponent: number, negative: boolean): Rational | null {
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const fractionDigits = dot < 0 ? 0 : mantissa.length - dot - 1;
  return decimalRational(digits.replace(/^0+(?=\d)/, '') || '0', fractionDigits, exponent, negative);
}
