/**
 * Hover content for an activation: samples for plots, a small self-contained
 * SVG plot of f and f′, TeX rendered to SVG by MathJax, and data URIs for
 * both. Runs in the extension host. Every SVG produced here has no script,
 * no external reference and no user text that is not escaped.
 *
 * MathJax is loaded and set up on the first `texToSvg` call and reused
 * afterwards, so importing this module costs nothing at activation.
 */
import { MdlError } from '../errors';
import { samplePlot } from './samples';
import { getActivation, resolveParams } from './table';
import type { ActivationParams, CanonicalName } from './types';

export { samplePlot, type PlotSamples } from './samples';

export interface PlotColors {
  f: string;
  df: string;
  axis: string;
  text: string;
}

export interface PlotSvgOptions {
  width: number;
  height: number;
  colors: PlotColors;
  domain?: [number, number];
}

/** Hex, rgb()/rgba() or a named colour: nothing that could close an attribute or pull in a url(). */
const SAFE_COLOR = /^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}|rgba?\(\s*[\d.]+%?\s*(?:,\s*[\d.]+%?\s*){2,3}\))$/;

function checkColor(c: string, what: string): string {
  if (!SAFE_COLOR.test(c)) throw new MdlError('invalid-argument', `Colour for ${what} must be #hex, rgb(…) or a colour name, not "${c}".`);
  return c;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

/** f and f′ on [−5, 5] (or `domain`), with axes, end labels and a legend; f′ is broken at kinks, with a dot at the framework's value. */
export function plotSvg(name: CanonicalName, params: ActivationParams, options: PlotSvgOptions): string {
  const { width, height } = options;
  if (!(width >= 40 && height >= 30 && width <= 4000 && height <= 4000)) throw new MdlError('invalid-argument', `Plot size ${width}×${height} is outside 40×30 … 4000×4000.`);
  const colors = Object.fromEntries(Object.entries(options.colors).map(([k, v]) => [k, checkColor(v, k)])) as unknown as PlotColors;
  const spec = getActivation(name);
  const p = resolveParams(spec.name, params);
  const domain = options.domain ?? [-5, 5];
  const s = samplePlot(spec.name, p, domain, Math.max(2, Math.min(401, Math.round(width))));
  const kinks = spec.kinks(p).filter((k) => k > domain[0] && k < domain[1]);

  const values = [...s.f, ...s.df, 0];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = 0.08 * (hi - lo || 1);
  lo -= pad;
  hi += pad;
  const margin = { left: 4, right: 4, top: 14, bottom: 12 };
  const X = (x: number) => margin.left + ((x - domain[0]) / (domain[1] - domain[0])) * (width - margin.left - margin.right);
  const Y = (y: number) => margin.top + ((hi - y) / (hi - lo)) * (height - margin.top - margin.bottom);

  const fPath = polyline(s.x.map((x, i) => [X(x), Y(s.f[i])]));
  const dfPath = segmentsBetweenKinks(s.x, s.df, kinks)
    .map((seg) => polyline(seg.map(([x, y]) => [X(x), Y(y)])))
    .join(' ');
  const dots = kinks.map((k) => `<circle cx="${n2(X(k))}" cy="${n2(Y(spec.df(k, p)))}" r="2" fill="${colors.df}"/>`).join('');
  const font = `font-family="sans-serif" font-size="10" fill="${colors.text}"`;
  const title = escapeXml(`${spec.label}: f (solid) and f′ (dashed) on [${domain[0]}, ${domain[1]}]`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${title}</title>` +
    `<g stroke="${colors.axis}" stroke-width="1" opacity="0.6"><line x1="${margin.left}" y1="${n2(Y(0))}" x2="${width - margin.right}" y2="${n2(Y(0))}"/>` +
    (domain[0] < 0 && domain[1] > 0 ? `<line x1="${n2(X(0))}" y1="${margin.top}" x2="${n2(X(0))}" y2="${height - margin.bottom}"/>` : '') +
    `</g>` +
    `<path d="${dfPath}" fill="none" stroke="${colors.df}" stroke-width="1.5" stroke-dasharray="4 2"/>${dots}` +
    `<path d="${fPath}" fill="none" stroke="${colors.f}" stroke-width="2"/>` +
    `<text x="${margin.left}" y="10" ${font}><tspan fill="${colors.f}">— f</tspan>  <tspan fill="${colors.df}">- - f′</tspan></text>` +
    `<text x="${margin.left}" y="${height - 2}" ${font}>${escapeXml(labelNumber(domain[0]))}</text>` +
    `<text x="${width - margin.right}" y="${height - 2}" text-anchor="end" ${font}>${escapeXml(labelNumber(domain[1]))}</text>` +
    `<text x="${width - margin.right}" y="10" text-anchor="end" ${font}>${escapeXml(spec.label)}</text>` +
    `</svg>`
  );
}

const labelNumber = (v: number) => (v < 0 ? `−${-v}` : String(v));

function polyline(points: number[][]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${n2(x)} ${n2(y)}`).join('');
}

/** Runs of (x, y) between kinks; samples exactly at a kink are left out (the dot shows that value). */
function segmentsBetweenKinks(xs: number[], ys: number[], kinks: number[]): number[][][] {
  const out: number[][][] = [[]];
  for (let i = 0; i < xs.length; i++) {
    if (kinks.includes(xs[i])) {
      out.push([]);
      continue;
    }
    if (i > 0 && kinks.some((k) => xs[i - 1] < k && k < xs[i])) out.push([]);
    out[out.length - 1].push([xs[i], ys[i]]);
  }
  return out.filter((seg) => seg.length > 1);
}

// ---------------------------------------------------------------- MathJax

type Converter = (tex: string) => string;
let converter: Converter | null = null;

/** The one MathJax document, created on first use: TeX input with base and ams only, SVG output. */
function mathjaxConverter(): Converter {
  if (converter) return converter;
  // require() inside the function (bundled by esbuild) defers loading MathJax's code too, not just the set-up.
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    InputJax: new TeX({
      packages: ['base', 'ams'],
      formatError: (_jax: unknown, err: { message: string }) => {
        throw new MdlError('syntax', `TeX error: ${err.message}`);
      },
    }),
    // 'local' keeps each glyph once in <defs>; references are then only to #ids inside the same SVG.
    OutputJax: new SVG({ fontCache: 'local' }),
  });
  converter = (tex: string) => adaptor.innerHTML(doc.convert(tex, { display: true }));
  return converter;
}

export interface TexSvgOptions {
  color: string;
  /** Pixels per ex when converting MathJax's ex sizes (default 8, about a 16 px font). */
  exPx?: number;
  /** Reuse an earlier rendering of the same TeX (default true; the benchmark turns it off). */
  cache?: boolean;
}

/**
 * TeX → standalone SVG. `\mmlToken` is refused: it is the one base macro
 * that sets arbitrary attributes, including href (MathJax turns that into
 * an <a> link). The output is checked again for links and scripts.
 */
export function texToSvg(tex: string, options: TexSvgOptions): string {
  const color = checkColor(options.color, 'TeX');
  if (/\\mmlToken/.test(tex)) throw new MdlError('unsupported', 'TeX uses \\mmlToken, which is not allowed in hovers.');
  const exPx = options.exPx ?? 8;
  const key = `${color}|${exPx}|${tex}`;
  const useCache = options.cache ?? true;
  const cached = useCache ? svgCache.get(key) : undefined;
  if (cached !== undefined) return cached;
  if (tex.length > MAX_TEX_LENGTH) throw new MdlError('too-large', `TeX of ${tex.length} characters is longer than ${MAX_TEX_LENGTH}.`);
  let svg: string;
  try {
    svg = mathjaxConverter()(tex);
  } catch (e) {
    if (e instanceof MdlError) throw e;
    // Deep nesting (x^{x^{…}}) overflows MathJax's recursive parser: an error, never a crash of the caller.
    throw new MdlError('too-large', `TeX could not be typeset (${e instanceof RangeError ? 'nested too deeply' : String(e)}).`);
  }
  assertBoundedSize(svg);
  svg = svg
    .replace(/currentColor/g, color)
    .replace(/ (width|height)="([\d.]+)ex"/g, (_, attr: string, v: string) => ` ${attr}="${n2(Number(v) * exPx)}"`);
  assertSafeSvg(svg);
  if (!useCache) return svg;
  if (svgCache.size >= SVG_CACHE_SIZE) svgCache.delete(svgCache.keys().next().value!);
  svgCache.set(key, svg);
  return svg;
}

/** Hover formulas are a line or two; anything near this is an attack or a bug. */
const MAX_TEX_LENGTH = 5000;
/** The largest picture a formula may make, in ex (about 8 px each): \rule{100000em}{…} or \kern would otherwise make a 2-million-pixel SVG. */
export const MAX_SVG_EX = 4000;

/** Throws when the root <svg> is wider or taller than MAX_SVG_EX (or has no readable size). */
function assertBoundedSize(svg: string): void {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  for (const attr of ['width', 'height']) {
    const m = new RegExp(`\\s${attr}="(-?[\\d.]+)ex"`).exec(root);
    const ex = m ? Number(m[1]) : NaN;
    if (!(Math.abs(ex) <= MAX_SVG_EX)) throw new MdlError('too-large', `The typeset formula would be ${m ? m[1] : '?'}ex ${attr === 'width' ? 'wide' : 'tall'}; the limit is ${MAX_SVG_EX}ex.`);
  }
}

/** Hovers repeat the same few formulas; typesetting one costs milliseconds, a lookup nothing. Oldest entry evicted first. */
const SVG_CACHE_SIZE = 128;
const svgCache = new Map<string, string>();

/** Throws unless the SVG has no links, scripts, event handlers or foreign content. */
export function assertSafeSvg(svg: string): void {
  const hrefs = [...svg.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]);
  const unsafe = /<(?:a|script|foreignObject|iframe|image|style)\b|\son[a-z]+=|javascript:|url\(/i.test(svg) || hrefs.some((h) => !h.startsWith('#'));
  if (unsafe) throw new MdlError('unsupported', 'Rendered SVG contained a link, script or external reference and was refused.');
}

/** `data:image/svg+xml;base64,…` using TextEncoder and btoa (no Buffer), which both Node and browsers have. */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export interface HoverContent {
  label: string;
  /** Data URIs of f and f′ typeset, and of the plot. */
  fTex: string;
  dfTex: string;
  plot: string;
  /** Fallbacks for plain-text hovers. */
  plainF: string;
  plainDf: string;
  kinkConvention?: string;
}

/** Everything a hover shows for one activation: TeX for f and f′ as SVG, and the plot. */
export function renderActivationHover(
  name: CanonicalName,
  params: ActivationParams,
  colors: PlotColors,
  options: { width?: number; height?: number; cache?: boolean } = {},
): HoverContent {
  const spec = getActivation(name);
  const size = { width: options.width ?? 240, height: options.height ?? 120 };
  const tex = { color: colors.text, cache: options.cache };
  return {
    label: spec.label,
    fTex: svgDataUri(texToSvg(spec.tex.f, tex)),
    dfTex: svgDataUri(texToSvg(spec.tex.df, tex)),
    plot: svgDataUri(plotSvg(spec.name, params, { ...size, colors })),
    plainF: spec.plain.f,
    plainDf: spec.plain.df,
    kinkConvention: spec.kinkConvention,
  };
}
