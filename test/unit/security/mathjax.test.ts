/**
 * Host-side TeX → SVG (hovers) against TeX written to attack: macros that
 * make links, load extensions, set styles or ids, or run code are undefined
 * (an error, not output); huge boxes are refused; runaway nesting ends in an
 * MdlError instead of a crash or a hang; what does render is safe SVG.
 */
import * as assert from 'node:assert/strict';
import { assertSafeSvg, MAX_SVG_EX, texToSvg } from '../../../src/core/activations/render';
import { isMdlError } from '../../../src/core/errors';

const opts = { color: '#222', cache: false };

/** Must be refused: each names a macro from a package that is not loaded (html, unicode, require, newcommand, …). */
const REFUSED: Array<[string, RegExp]> = [
  ['\\href{javascript:alert(1)}{x}', /Undefined control sequence \\href/],
  ['\\href{https://example.com}{x}', /Undefined control sequence \\href/],
  ['\\unicode{x}', /Undefined control sequence \\unicode/],
  ['\\unicode[some-font]{0x41}', /Undefined control sequence \\unicode/],
  ['\\require{html}', /Undefined control sequence \\require/],
  ['\\require{https://evil.example/x.js}', /Undefined control sequence \\require/],
  ['\\def\\x{\\x}\\x', /Undefined control sequence \\def/],
  ['\\newcommand{\\x}{\\x}\\x', /Undefined control sequence \\newcommand/],
  ['\\let\\x\\x\\x', /Undefined control sequence \\let/],
  ['\\style{background:url(https://evil.example)}{x}', /Undefined control sequence \\style/],
  ['\\class{x}{y}', /Undefined control sequence \\class/],
  ['\\cssId{x}{y}', /Undefined control sequence \\cssId/],
  ['\\html{<img src=x onerror=alert(1)>}', /Undefined control sequence \\html/],
  ['\\data{x}{y}', /Undefined control sequence \\data/],
  ['\\color{url(https://evil.example)}{x}', /Undefined control sequence \\color/],
  ['\\mmlToken{mi}[href="javascript:alert(1)"]{x}', /mmlToken/],
  ['\\mmlToken{mi}[style="x"]{x}', /mmlToken/],
  ['\\begin{bmatrix', /TeX error/],
];

describe('security: host TeX → SVG', () => {
  for (const [tex, message] of REFUSED) {
    it(`refuses ${tex}`, () => {
      assert.throws(() => texToSvg(tex, opts), (e) => isMdlError(e) && message.test(e.message), tex);
    });
  }

  it('bounds huge boxes: \\rule, \\kern and \\hspace of 100000em are refused, a normal rule is drawn', () => {
    for (const tex of ['\\rule{100000em}{100000em}', '\\rule{1em}{100000em}', '\\kern{99999em}', 'x\\hspace{50000em}y', '\\rule{1e6em}{1e6em}', '\\raise{100000em}{x}']) {
      assert.throws(() => texToSvg(tex, opts), (e) => isMdlError(e) && (e.code === 'too-large' || e.code === 'syntax'), tex);
    }
    const small = texToSvg('\\rule{2em}{1em}', opts);
    assert.match(small, /^<svg /);
    assert.ok(MAX_SVG_EX >= 1000, 'the bound leaves room for real formulas');
  });

  it('ends runaway nesting with an MdlError, not a stack overflow or a hang', () => {
    for (const tex of ['x^{'.repeat(3000) + 'x' + '}'.repeat(3000), '\\frac{'.repeat(2000) + '1' + '}{2}'.repeat(2000), '{'.repeat(20_000)]) {
      assert.throws(() => texToSvg(tex, opts), (e) => isMdlError(e), tex.slice(0, 20));
    }
  });

  it('typesets hostile text inside \\text or \\mathrm as glyphs only: no markup, links or handlers', () => {
    for (const tex of ['\\text{<img src=x onerror=alert(1)>}', '\\mathrm{</script><script>alert(1)</script>}', '\\text{"><svg onload=alert(1)>}', '\\text{javascript:alert(1)}', "{{constructor.constructor('alert(1)')()}}"]) {
      const svg = texToSvg(tex, opts);
      assertSafeSvg(svg);
      assert.doesNotMatch(svg, /<img|<script|onerror|onload|<a\b/i, tex);
      // Only MathJax's own elements, in the SVG namespace.
      const elements = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
      for (const el of elements) assert.ok(['svg', 'g', 'path', 'defs', 'use', 'rect', 'title', 'text'].includes(el), `${tex}: <${el}>`);
    }
  });

  it('the safety check on finished SVG refuses what a broken MathJax could emit', () => {
    for (const svg of [
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><g onclick="alert(1)"/></svg>',
      '<svg><image href="https://x/y.png"/></svg>',
      '<svg><style>@import url(https://x)</style></svg>',
      '<svg><rect fill="url(https://x#p)"/></svg>',
      '<svg><a xlink:href="javascript:alert(1)"><g/></a></svg>',
      '<svg><iframe src="x"/></svg>',
    ]) {
      assert.throws(() => assertSafeSvg(svg), isMdlError, svg);
    }
  });
});
