/**
 * Real PCA derivations for the preview, from the core (what the host sends),
 * and a stand-in host that recomputes after an edit the way the extension does.
 */
import type { Derivation } from '../../src/core/derivation';
import { derivePca, type Dataset } from '../../src/core/pca/derive';
import type { HostMessage, PcaInput, WebviewMessage } from '../../src/protocol';

const options = { precision: 4, exactForms: true, components: 1, denominator: 'n-1' } as const;

/** The assignment: two features as rows, four examples as columns. */
export const assignment: Dataset = {
  featureNames: ['X₁', 'X₂'],
  samples: [
    [4, 11],
    [8, 4],
    [13, 5],
    [7, 14],
  ],
  orientation: 'features-as-rows',
  sampleNames: ['Example 1', 'Example 2', 'Example 3', 'Example 4'],
};

/** Deterministic standard normals (mulberry32 + Box–Muller), so screenshots are stable. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** N samples of d features: a few strong directions plus noise, rounded to 2 decimals like typed-in data. */
export function synthetic(N: number, d: number, seed = 7): Dataset {
  const z = normals(seed);
  const loadings = Array.from({ length: Math.min(d, 3) }, () => Array.from({ length: d }, () => z()));
  const strength = [3, 1.4, 0.6];
  const samples = Array.from({ length: N }, () => {
    const latent = loadings.map(() => z());
    return Array.from({ length: d }, (_, j) => Number((10 + loadings.reduce((s, l, t) => s + strength[t] * latent[t] * l[j], 0) + 0.3 * z()).toFixed(2)));
  });
  return { featureNames: Array.from({ length: d }, (_, j) => `x${j + 1}`), samples, orientation: 'samples-as-rows' };
}

/**
 * More than two features: keep two components, because the host's scores view
 * plots the kept projections and shows PC2 = 0 for all when only one is kept.
 */
const componentsFor = (data: Dataset) => (data.samples[0].length > 2 ? 2 : 1);

export function pcaDerivation(data: Dataset, edits: PcaInput['edits'] = []): Derivation {
  const samples = data.samples.map((r) => r.slice());
  for (const e of edits) samples[e.index] = [e.point[0], e.point[1]];
  return derivePca({ ...data, samples }, { ...options, components: componentsFor(data) }).derivation;
}

export function pcaInput(data: Dataset, edits: PcaInput['edits'] = []): PcaInput {
  return { kind: 'pca', text: JSON.stringify(data.samples), source: 'examples/data.csv', components: componentsFor(data), transpose: false, edits };
}

export function showPca(data: Dataset, step = 0, mode: 'step' | 'all' = 'step'): HostMessage {
  return { type: 'show', input: pcaInput(data), derivation: pcaDerivation(data), view: { step, mode }, precision: 4 };
}

/**
 * The extension's side of editPoint / resetEdits: keep the edits, recompute,
 * answer with `update`. Like the real host, a newer edit supersedes an
 * answer still being computed.
 */
export function pcaHost(data: Dataset, latency = 0) {
  let edits: PcaInput['edits'] = [];
  let generation = 0;
  return (m: WebviewMessage, send: (msg: HostMessage) => Promise<void>) => {
    if (m.type === 'editPoint') edits = [...edits.filter((e) => e.index !== m.index), { index: m.index, point: m.point }];
    else if (m.type === 'resetEdits') edits = [];
    else return;
    const mine = ++generation;
    const reply: HostMessage = { type: 'update', input: pcaInput(data, edits), derivation: pcaDerivation(data, edits) };
    setTimeout(() => mine === generation && void send(reply), latency);
  };
}
