/**
 * TeX → SVG with MathJax, locked down for text we did not write.
 *
 * Only harmless TeX packages are registered: no `html` (\href, \class, \style,
 * \cssId), no `unicode` (\unicode), no `require`/`autoload` (\require), no
 * `newcommand` (\def, so no runaway recursion). `noundefined` turns anything
 * else into inert red text. Base TeX's `\mmlToken` can still set href, class,
 * style and id attributes, so those are filtered out below, and the finished
 * SVG is checked once more before it reaches the page.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { browserAdaptor } from 'mathjax-full/js/adaptors/browserAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AssistiveMmlHandler } from 'mathjax-full/js/a11y/assistive-mml.js';
import ParseUtil from 'mathjax-full/js/input/tex/ParseUtil.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import 'mathjax-full/js/input/tex/noerrors/NoErrorsConfiguration.js';
import 'mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js';
import { h } from './dom';

const PACKAGES = ['base', 'ams', 'boldsymbol', 'color', 'noerrors', 'noundefined'];
/** Longer TeX than this is shown as source rather than typeset (a 12×12 matrix of decimals is ~3 kB). */
const MAX_TEX_LENGTH = 50_000;
const UNSAFE_ATTRIBUTES = new Set(['href', 'class', 'style', 'id']);

// \mmlToken[href="…"]{mi}{x} would otherwise become a link; an empty value makes MathJax drop the attribute.
(ParseUtil as { MmlFilterAttribute: (p: unknown, name: string, value: string) => string }).MmlFilterAttribute = (
  _parser,
  name,
  value,
) => (UNSAFE_ATTRIBUTES.has(name) ? '' : value);

let doc: ReturnType<typeof mathjax.document> | undefined;

function mathDocument() {
  if (doc) return doc;
  const adaptor = browserAdaptor();
  // MathJax writes some styles (e.g. on error boxes) as a style attribute, which the
  // CSP blocks; the same declarations set through the CSSOM are allowed. Styles that
  // would fetch something (url(…)) are never applied.
  const fetches = (value: unknown) => /url\s*\(/i.test(String(value));
  const { setAttribute, setStyle } = adaptor;
  adaptor.setAttribute = (node, name, value, ns) => {
    if (name === 'style' && !ns) {
      if (!fetches(value)) (node as HTMLElement).style.cssText = String(value);
    } else setAttribute.call(adaptor, node, name, value, ns);
  };
  adaptor.setStyle = (node, name, value) => {
    if (!fetches(value)) setStyle.call(adaptor, node, name, value);
  };
  AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
  // 'local' keeps each formula self-contained (its glyphs live in its own <defs>).
  const output = new SVG({ fontCache: 'local' });
  doc = mathjax.document(document, {
    InputJax: new TeX({ packages: PACKAGES, maxMacros: 1000, maxBuffer: 5 * 1024 }),
    OutputJax: output,
  });
  // The output's styles plus the document's (the assistive-MathML rules that hide the MathML visually).
  adoptMathJaxStyles(adaptor.textContent(output.styleSheet(doc) as HTMLStyleElement));
  return doc;
}

/**
 * MathJax normally injects a <style> element, which a strict CSP refuses.
 * A constructed stylesheet is not an inline style, so the CSP stays strict.
 */
function adoptMathJaxStyles(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
}

/**
 * Defence in depth on the finished output. Links, scripts and event handlers
 * reject the formula outright. Paint such as \color{url(https://…)} would make
 * the browser fetch from the network (the CSP would block it, loudly), so such
 * paint is dropped and the glyph inherits the theme colour instead.
 */
function sanitise(root: Element): boolean {
  if (root.querySelector('a, foreignObject, script, image, iframe')) return false;
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) return false;
      const internalLink = el.localName === 'use' && attr.value.startsWith('#MJX-');
      if (name.endsWith('href') && !internalLink) return false;
      // A background box without its paint would cover the text, so it goes entirely.
      if (/url\s*\(/i.test(attr.value)) el.hasAttribute('data-bgcolor') ? el.remove() : el.removeAttribute(attr.name);
    }
  }
  return true;
}

/** The TeX itself, shown as code, when it cannot be typeset. */
function fallback(tex: string, reason: string): HTMLElement {
  return h('div', { class: 'math-fallback' }, h('p', { class: 'math-fallback-reason', text: reason }), h('pre', {}, h('code', { text: tex })));
}

/**
 * The largest formula drawn, in ex (about 8 px): far beyond any derivation's
 * matrices, far below what \rule{100000em}{100000em} or \kern would make
 * (a multi-million-pixel SVG the page would have to lay out and paint).
 */
const MAX_SIZE_EX = 4000;

function boundedSize(node: Element): boolean {
  const svg = node.querySelector('svg');
  if (!svg) return false;
  return ['width', 'height'].every((attr) => {
    const m = /^(-?[\d.]+)ex$/.exec(svg.getAttribute(attr) ?? '');
    return m !== null && Math.abs(Number(m[1])) <= MAX_SIZE_EX;
  });
}

function convert(tex: string, display: boolean): HTMLElement {
  const node = mathDocument().convert(tex, { display, em: 16, ex: 8, containerWidth: 1200 }) as HTMLElement;
  if (!sanitise(node)) throw new Error('unsafe output');
  if (!boundedSize(node)) throw new Error('formula too large to draw');
  return node;
}

/**
 * One display formula, wrapped in `.math`. Screen readers get the hidden
 * MathML MathJax attaches (assistive MathML); the SVG itself is aria-hidden.
 */
export function typeset(tex: string): HTMLElement {
  const wrapper = h('div', { class: 'math' });
  if (tex.length > MAX_TEX_LENGTH) {
    wrapper.append(fallback(tex.slice(0, 2000) + '…', 'This formula is too long to typeset. Its TeX source begins:'));
    return wrapper;
  }
  try {
    wrapper.append(convert(tex, true));
  } catch (err) {
    console.warn('MDL Steps: could not typeset a formula', err);
    wrapper.append(fallback(tex, 'This formula could not be typeset. Its TeX source is:'));
  }
  return wrapper;
}

/** A short in-line formula (matrix names, labels); falls back to the TeX as text. */
export function typesetInline(tex: string): HTMLElement {
  const wrapper = h('span', { class: 'math-inline' });
  try {
    if (tex.length > 500) throw new Error('too long');
    wrapper.append(convert(tex, false));
  } catch {
    wrapper.textContent = tex;
  }
  return wrapper;
}
