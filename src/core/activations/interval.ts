/** Builds the `range` and `bounds` of an activation's properties from one description. */
import { formatNumber } from '../exact/format';
import type { ActivationProperties } from './types';

const show = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : formatNumber(x, 4));

/** `interval(0, 1, false, false)` → range "(0, 1)" with matching numeric bounds. */
export function interval(lower: number, upper: number, lowerAttained: boolean, upperAttained: boolean): Pick<ActivationProperties, 'range' | 'bounds'> {
  const range = `${lowerAttained ? '[' : '('}${show(lower)}, ${show(upper)}${upperAttained ? ']' : ')'}`;
  return { range, bounds: { lower, upper, lowerAttained, upperAttained } };
}
