/**
 * The rank-k picture, kept up to date incrementally for the image slider.
 *
 * One Float32 accumulator per channel holds A_k = Σ_{i≤k} σᵢuᵢvᵢᵀ. Moving the
 * slider from k to k' adds (or subtracts) only the rank-one layers between
 * them, O(|k' − k|·mn), never all k' of them. The one exception is a jump
 * down to a k' smaller than the distance travelled: then starting from zero
 * and adding k' layers is strictly less work (and clears any rounding drift).
 * A one-rank move adds its layer in the same pass that writes the pixels. The
 * measured error and PSNR take a second pass, `measure()`, which the panel runs
 * after the picture is on screen.
 */
import type { ImagePayload } from '../src/protocol';


export interface RankFigures {
  k: number;
  /** √(max(0, ‖A‖² − Σ_{i≤k} σᵢ²)) / ‖A‖, from `frobeniusSq` and σ (channels pooled). */
  eckartYoungError: number;
  /** Σ_{i≤k} σᵢ² / ‖A‖_F², channels pooled. */
  energy: number;
  /** Numbers stored: k(m+n+1) per channel against mn per channel. */
  storage: number;
  original: number;
  ratio: number;
}

export interface MeasuredFigures {
  k: number;
  /** ‖A − A_k‖_F / ‖A‖_F measured on the accumulator (A from `original`). */
  measuredError: number;
  /** dB, peak 255, on the clamped 8-bit reconstruction; null when identical to the original bytes. */
  psnr: number | null;
}

export class RankImage {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly kMax: number;
  /** The rank-k picture (alpha always 255). */
  readonly pixels: ImageData;
  /** The same bytes, one word a pixel. */
  private readonly pixels32: Uint32Array;
  /** A zero row: the "layer" added when a pass adds none. */
  private readonly zeros: Float32Array;
  private k = 0;
  private readonly acc: Float32Array[];
  /** Layer t of channel c: σ_t·u_t in scaledU[c][t·m …], v_t in vT[c][t·n …] (contiguous rows). */
  private readonly scaledU: Float32Array[];
  private readonly vT: Float32Array[];
  /** A per channel, as the host rounded it to bytes (`original`), for the measured error and PSNR. */
  private readonly targetBytes: Uint8Array[];
  private readonly targetNormSq: number;
  private readonly frobeniusSq: number;
  /** Σ_{i≤k} σᵢ² pooled over channels, for k = 0..kMax. */
  private readonly energyPrefix: Float64Array;

  constructor(payload: ImagePayload) {
    const { width: n, height: m, kMax } = payload;
    this.width = n;
    this.height = m;
    this.kMax = kMax;
    this.channels = payload.channels.length;
    this.pixels = new ImageData(n, m);
    this.pixels.data.fill(255);
    this.pixels32 = new Uint32Array(this.pixels.data.buffer, this.pixels.data.byteOffset, m * n);
    this.zeros = new Float32Array(n);
    this.acc = payload.channels.map(() => new Float32Array(m * n));
    this.scaledU = payload.channels.map((c) => {
      const out = new Float32Array(kMax * m);
      for (let t = 0; t < kMax; t++) for (let i = 0; i < m; i++) out[t * m + i] = c.sigma[t] * c.U[i * kMax + t];
      return out;
    });
    this.vT = payload.channels.map((c) => {
      const out = new Float32Array(kMax * n);
      for (let t = 0; t < kMax; t++) for (let j = 0; j < n; j++) out[t * n + j] = c.V[j * kMax + t];
      return out;
    });
    this.targetBytes = targetChannels(payload);
    let normSq = 0;
    for (const a of this.targetBytes) for (let p = 0; p < a.length; p++) normSq += a[p] * a[p];
    this.targetNormSq = normSq;
    this.frobeniusSq = payload.channels.reduce((s, c) => s + c.frobeniusSq, 0);
    this.energyPrefix = new Float64Array(kMax + 1);
    for (let t = 0; t < kMax; t++) this.energyPrefix[t + 1] = this.energyPrefix[t] + payload.channels.reduce((s, c) => s + c.sigma[t] * c.sigma[t], 0);
  }

  get currentK(): number {
    return this.k;
  }

  /** Cumulative energy Σ_{i≤k}σᵢ²/‖A‖_F² for k = 1..kMax (channels pooled). */
  energyCurve(): number[] {
    return Array.from({ length: this.kMax }, (_, t) => this.energyAt(t + 1));
  }

  private energyAt(k: number): number {
    return this.frobeniusSq > 0 ? Math.min(1, this.energyPrefix[k] / this.frobeniusSq) : 1;
  }

  /** Brings the accumulators to rank k and rewrites `pixels`. The figures come from `figures()` and `measure()`. */
  setK(k: number): void {
    const next = Math.max(1, Math.min(this.kMax, Math.round(k)));
    // A one-rank move (a drag) adds its layer inside the pixel pass: one sweep over memory, not two.
    let fused: { t: number; sign: 1 | -1 } | undefined;
    if (next !== this.k) {
      const distance = Math.abs(next - this.k);
      if (next < this.k && next < distance) {
        for (const a of this.acc) a.fill(0);
        for (let t = 0; t < next; t++) this.addLayer(t, 1);
      } else if (distance === 1) {
        fused = next > this.k ? { t: this.k, sign: 1 } : { t: next, sign: -1 };
      } else if (next > this.k) {
        for (let t = this.k; t < next; t++) this.addLayer(t, 1);
      } else {
        for (let t = next; t < this.k; t++) this.addLayer(t, -1);
      }
      this.k = next;
    }
    this.writePixels(fused);
  }

  /** acc += sign·σ_t u_t v_tᵀ in every channel. */
  private addLayer(t: number, sign: 1 | -1): void {
    const m = this.height, n = this.width;
    for (let c = 0; c < this.channels; c++) {
      const acc = this.acc[c];
      const u = this.scaledU[c];
      const v = this.vT[c];
      const uOff = t * m, vOff = t * n;
      for (let i = 0; i < m; i++) {
        const a = sign * u[uOff + i];
        if (a === 0) continue;
        const row = i * n;
        for (let j = 0; j < n; j++) acc[row + j] += a * v[vOff + j];
      }
    }
  }

  /** Row by row: (optionally) add one layer to the accumulators and write the clamped pixels, one 32-bit store each. */
  private writePixels(layer?: { t: number; sign: 1 | -1 }): void {
    const m = this.height, n = this.width;
    const px = this.pixels32;
    const uAt = (c: number, i: number) => (layer ? layer.sign * this.scaledU[c][layer.t * m + i] : 0);
    const vRow = (c: number) => (layer ? this.vT[c].subarray(layer.t * n, layer.t * n + n) : this.zeros);
    if (this.channels === 1) {
      const acc = this.acc[0], v = vRow(0);
      for (let i = 0; i < m; i++) {
        const ui = uAt(0, i);
        for (let j = 0, p = i * n; j < n; j++, p++) {
          const x = acc[p] + ui * v[j];
          acc[p] = x;
          const b = (Math.min(255, Math.max(0, x)) + 0.5) | 0;
          px[p] = OPAQUE | (b << 16) | (b << 8) | b;
        }
      }
      return;
    }
    const [r, g, b] = this.acc;
    const [vr, vg, vb] = [vRow(0), vRow(1), vRow(2)];
    for (let i = 0; i < m; i++) {
      const ur = uAt(0, i), ug = uAt(1, i), ub = uAt(2, i);
      for (let j = 0, p = i * n; j < n; j++, p++) {
        const x = r[p] + ur * vr[j], y = g[p] + ug * vg[j], z = b[p] + ub * vb[j];
        r[p] = x;
        g[p] = y;
        b[p] = z;
        const cx = (Math.min(255, Math.max(0, x)) + 0.5) | 0;
        const cy = (Math.min(255, Math.max(0, y)) + 0.5) | 0;
        const cz = (Math.min(255, Math.max(0, z)) + 0.5) | 0;
        px[p] = OPAQUE | (cz << 16) | (cy << 8) | cx;
      }
    }
  }

  /** The figures that follow from k and σ alone: storage, ratio, energy, Eckart–Young. O(1). */
  figures(): RankFigures {
    const k = this.k;
    const m = this.height, n = this.width, ch = this.channels;
    const norm = Math.sqrt(this.frobeniusSq);
    const storage = ch * k * (m + n + 1);
    const original = ch * m * n;
    return {
      k,
      eckartYoungError: norm > 0 ? Math.sqrt(Math.max(0, this.frobeniusSq - this.energyPrefix[k])) / norm : 0,
      energy: this.energyAt(k),
      storage,
      original,
      ratio: original / storage,
    };
  }

  /**
   * The figures measured on the picture itself, one pass: ‖A − A_k‖²/‖A‖² on the
   * floats, and the squared error of the clamped bytes (read back from the
   * pixels) for PSNR. Kept apart from the redraw so a drag never waits for it.
   */
  measure(): MeasuredFigures {
    const size = this.width * this.height;
    const px = this.pixels32;
    let diffSq = 0, byteSq = 0;
    for (let c = 0; c < this.channels; c++) {
      const acc = this.acc[c], a = this.targetBytes[c];
      const shift = 8 * c;
      for (let p = 0; p < size; p++) {
        const d = a[p] - acc[p];
        diffSq += d * d;
        const e = a[p] - ((px[p] >>> shift) & 255);
        byteSq += e * e;
      }
    }
    const mse = byteSq / (this.channels * size);
    return {
      k: this.k,
      measuredError: this.targetNormSq > 0 ? Math.sqrt(diffSq / this.targetNormSq) : 0,
      psnr: mse === 0 ? null : 10 * Math.log10((255 * 255) / mse),
    };
  }
}

/**
 * Pixels are written as one 32-bit word: R in the lowest byte on little-endian
 * machines (every platform VS Code runs on), with alpha 255 in the top byte.
 */
const OPAQUE = 0xff000000 | 0;

const toByte = (x: number) => (x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x));

/** A per channel from `original` (the host's matrix rounded to bytes, channels interleaved). */
function targetChannels(payload: ImagePayload): Uint8Array[] {
  const { original, width, height } = payload;
  if (payload.mode === 'gray') return [original];
  const size = width * height;
  return [0, 1, 2].map((ch) => {
    const a = new Uint8Array(size);
    for (let p = 0; p < size; p++) a[p] = original[p * 3 + ch];
    return a;
  });
}

/** An RGBA byte array as ImageData (the rank-one layers). */
export function imageDataFrom(rgba: Uint8Array, width: number, height: number): ImageData {
  const data = new ImageData(width, height);
  data.data.set(rgba);
  return data;
}

/** The original's grey or interleaved RGB bytes as opaque ImageData. */
export function originalImageData(payload: ImagePayload): ImageData {
  const { original, width, height } = payload;
  const data = new ImageData(width, height);
  const out = new Uint32Array(data.data.buffer);
  if (payload.mode === 'rgb') for (let p = 0; p < out.length; p++) out[p] = OPAQUE | (original[3 * p + 2] << 16) | (original[3 * p + 1] << 8) | original[3 * p];
  else for (let p = 0; p < out.length; p++) out[p] = OPAQUE | (original[p] * 0x010101);
  return data;
}
