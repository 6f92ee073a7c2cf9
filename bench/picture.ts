/** The synthetic photo the image benchmarks share. */

/** A natural-ish picture: smooth gradients, discs, stripes and a little noise. */
export function picture(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  let seed = 7;
  const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 16;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const p = (y * size + x) * 4;
      const disc = (x - size * 0.35) ** 2 + (y - size * 0.4) ** 2 < (size * 0.2) ** 2 ? 80 : 0;
      const stripes = Math.sin((x + y) / 9) > 0.6 ? 40 : 0;
      rgba[p] = Math.max(0, Math.min(255, (x / size) * 200 + disc + noise()));
      rgba[p + 1] = Math.max(0, Math.min(255, (y / size) * 180 + stripes + noise()));
      rgba[p + 2] = Math.max(0, Math.min(255, 120 + disc - stripes + noise()));
      rgba[p + 3] = 255;
    }
  return rgba;
}

