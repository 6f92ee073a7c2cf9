/**
 * A fixed-size, allocation-free record of a long run for plotting: at most
 * `capacity` points, evenly spread over however many steps the run takes
 * (unknown in advance). Points are taken every `stride` units of x; when the
 * buffer fills, every other point is dropped and the stride doubles. With
 * unit steps the kept points are exactly x = 0, stride, 2·stride, … plus the
 * final point. The run's final numbers never come from here.
 */
export interface HistorySeries {
  /** x of each point: step number (optimisers) or per-example gradients spent (gd-compare). */
  x: number[];
  loss: number[];
  /** θ at each point, when recorded (for trajectories on contour plots). */
  path?: number[][];
}

export class HistoryRecorder {
  private readonly xs: Float64Array;
  private readonly losses: Float64Array;
  private readonly thetas: Float64Array | null;
  private count = 0;
  private stride = 1;
  private next = 0;

  constructor(
    private readonly capacity: number,
    private readonly dim: number,
    recordPath: boolean,
  ) {
    if (!(capacity >= 2)) throw new RangeError('history capacity must be at least 2');
    this.xs = new Float64Array(capacity);
    this.losses = new Float64Array(capacity);
    this.thetas = recordPath ? new Float64Array(capacity * dim) : null;
  }

  /** Offer a point; it is kept if x has reached the next multiple of the stride. */
  offer(x: number, loss: number, theta?: ArrayLike<number>): void {
    if (x < this.next) return;
    if (this.count === this.capacity) {
      this.compact();
      if (x < this.next) return;
    }
    this.put(this.count++, x, loss, theta);
    this.next = (Math.floor(x / this.stride) + 1) * this.stride;
  }

  /** Whether `offer(x, …)` would (probably) keep the point: lets callers skip computing a loss that would be dropped. */
  wants(x: number): boolean {
    return x >= this.next;
  }

  /** The last point of the run is always kept (replacing the newest sample if the buffer is full). */
  finish(x: number, loss: number, theta?: ArrayLike<number>): void {
    if (this.count > 0 && this.xs[this.count - 1] === x) return;
    const slot = this.count === this.capacity ? this.count - 1 : this.count++;
    this.put(slot, x, loss, theta);
  }

  result(): HistorySeries {
    const n = this.count;
    const out: HistorySeries = { x: Array.from(this.xs.subarray(0, n)), loss: Array.from(this.losses.subarray(0, n)) };
    if (this.thetas) {
      const t = this.thetas;
      out.path = Array.from({ length: n }, (_, k) => Array.from(t.subarray(k * this.dim, (k + 1) * this.dim)));
    }
    return out;
  }

  private put(slot: number, x: number, loss: number, theta?: ArrayLike<number>): void {
    this.xs[slot] = x;
    this.losses[slot] = loss;
    if (this.thetas && theta) for (let i = 0; i < this.dim; i++) this.thetas[slot * this.dim + i] = theta[i];
  }

  private compact(): void {
    const half = Math.ceil(this.count / 2);
    for (let k = 1; k < half; k++) {
      this.xs[k] = this.xs[2 * k];
      this.losses[k] = this.losses[2 * k];
      if (this.thetas) this.thetas.copyWithin(k * this.dim, 2 * k * this.dim, (2 * k + 1) * this.dim);
    }
    this.count = half;
    this.stride *= 2;
    this.next = (Math.floor(this.xs[half - 1] / this.stride) + 1) * this.stride;
  }
}
