/**
 * Render TeX to MathML with the real MathJax the webview ships, to check that
 * escaped user text cannot turn into markup. Two configurations: MathJax's
 * default text handling and the textmacros package (which treats %, #, &, _
 * and ^ specially), so the escaping is proven safe in both.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { SerializedMmlVisitor } from 'mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js';
import { STATE } from 'mathjax-full/js/core/MathItem.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/html/HtmlConfiguration.js';
import 'mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js';

RegisterHTMLHandler(liteAdaptor());
const visitor = new SerializedMmlVisitor();

function makeRenderer(packages: string[]) {
  const doc = mathjax.document('', {
    InputJax: new TeX({
      packages,
      formatError: (_jax: unknown, err: Error) => {
        throw err;
      },
    }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (tex: string): string => visitor.visitTree(doc.convert(tex, { display: true, end: STATE.CONVERT }) as any);
}

export const renderers = {
  default: makeRenderer(['base', 'ams', 'html']),
  textmacros: makeRenderer(['base', 'ams', 'html', 'textmacros']),
};

/** The characters a reader would see: tags stripped, entities decoded, whitespace removed. */
export function visibleText(mathml: string): string {
  return mathml
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9A-F]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    // MathJax draws \backslash with U+2216 (set minus), which looks the same.
    .replace(/\u2216/g, '\\')
    .replace(/\s+/g, '');
}
