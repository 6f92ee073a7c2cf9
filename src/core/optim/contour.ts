/**
 * Contour-plot data: f on a regular grid, level thresholds, and optimisation
 * paths drawn over it. Log-spaced levels when f ≥ 0 spans many decades
 * (Rosenbrock's valley is invisible on linear levels).
 */
import type { ContourPlot, Region } from './types';

export interface ContourOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  paths?: Array<{ name: string; points: number[][] }>;
  markers?: Array<{ name: string; x: number; y: number }>;
  /** Grid points per axis. Default 61. */
  resolution?: number;
  /** Number of level curves. Default 16. */
  levels?: number;
}

export function contourPlot(f: (x: number, y: number) => number, region: Region, o: ContourOptions): ContourPlot {
  const res = Math.max(3, Math.min(201, Math.round(o.resolution ?? 61)));
  const axis = (k: number) => Array.from({ length: res }, (_, i) => region.min[k] + ((region.max[k] - region.min[k]) * i) / (res - 1));
  const x = axis(0);
  const y = axis(1);
  const z = y.map((yj) => x.map((xi) => f(xi, yj)));
  const finite = z.flat().filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  // Plots need finite numbers: a cell where f is undefined shows as the highest level.
  for (const row of z) for (let i = 0; i < row.length; i++) if (!Number.isFinite(row[i])) row[i] = hi;
  const count = Math.max(2, Math.round(o.levels ?? 16));
  const useLog = lo >= 0 && hi > 0 && hi / Math.max(lo, hi * 1e-12) > 1e3;
  let thresholds: number[];
  if (useLog) {
    const floor = Math.max(lo, hi * 1e-6);
    const [a, b] = [Math.log10(floor), Math.log10(hi)];
    thresholds = Array.from({ length: count }, (_, k) => 10 ** (a + ((b - a) * (k + 0.5)) / count));
  } else {
    thresholds = Array.from({ length: count }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / count);
  }
  return {
    type: 'contour',
    title: o.title,
    xLabel: o.xLabel ?? 'x',
    yLabel: o.yLabel ?? 'y',
    x,
    y,
    z,
    thresholds,
    zScale: useLog ? 'log' : 'linear',
    paths: (o.paths ?? []).map((p) => {
      const pts = p.points.filter((q) => Number.isFinite(q[0]) && Number.isFinite(q[1]));
      return { name: p.name, x: pts.map((q) => q[0]), y: pts.map((q) => q[1]) };
    }),
    ...(o.markers && { markers: o.markers }),
  };
}

/** A window around the objective's own region that also holds the given points (start, end), within reason. */
export function windowFor(base: Region | undefined, points: number[][]): Region {
  const pts = points.filter((p) => p.every(Number.isFinite));
  const min = [0, 1].map((k) => Math.min(base?.min[k] ?? Infinity, ...pts.map((p) => p[k])));
  const max = [0, 1].map((k) => Math.max(base?.max[k] ?? -Infinity, ...pts.map((p) => p[k])));
  return {
    min: min.map((v, k) => {
      const span = Math.max(max[k] - v, 1e-6);
      return v - 0.1 * span;
    }),
    max: max.map((v, k) => {
      const span = Math.max(v - min[k], 1e-6);
      return v + 0.1 * span;
    }),
  };
}
