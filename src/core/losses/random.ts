/** Seeded random numbers for the loss simulations: the optimizers' generator, so there is one in the project. */
import { mulberry32, normalSampler } from '../optim/rng';

/** Uniform on [0, 1) from a seed (mulberry32). */
export const uniform = mulberry32;

/** Standard normal samples (Box–Muller) from a seed. */
export function gaussian(seed: number): () => number {
  return normalSampler(mulberry32(seed));
}
