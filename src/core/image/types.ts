/** Shapes shared by the image-compression modules. Plain data only. */
import type { Mat } from '../linalg';

/** A decoded picture: 8-bit RGBA, row by row, 4 bytes a pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export type ImageMode = 'gray' | 'rgb';

/** The picture as matrices: one (gray) or three (R, G, B), height×width, values 0..255. */
export interface ImageChannels {
  width: number;
  height: number;
  mode: ImageMode;
  channels: Mat[];
  downscaled: boolean;
  /** Human-readable notices, e.g. "downscaled from 4000×3000 to 1024×768". */
  note?: string;
}

/** The leading kMax singular triplets of one channel, plus ‖A‖_F² (needed for exact error figures). */
export interface ChannelFactors {
  /** height×kMax */
  U: Mat;
  s: Float64Array;
  /** width×kMax */
  V: Mat;
  frobeniusSq: number;
  /** True when the factors came from a randomized (approximate) SVD. */
  approximate: boolean;
  /** All min(m,n) singular values, when the SVD routine produced them (the exact one does). */
  allSingularValues?: Float64Array;
}

export interface ImageFactors {
  width: number;
  height: number;
  mode: ImageMode;
  /** Number of triplets kept per channel. */
  kMax: number;
  channels: ChannelFactors[];
}
