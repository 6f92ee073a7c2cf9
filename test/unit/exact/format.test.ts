import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNumber, matrixToTex, texText, vectorToTex } from '../../../src/core/exact';
import { renderers, visibleText } from './mathjax-render';

describe('exact/formatNumber', () => {
  it('rounds to the given places and trims trailing zeros', () => {
    assert.equal(formatNumber(1.23456, 4), '1.2346');
    assert.equal(formatNumber(2.5, 4), '2.5');
    assert.equal(formatNumber(3, 4), '3');
    assert.equal(formatNumber(0.1 + 0.2, 4), '0.3');
  });

  it('uses − in text and - in TeX', () => {
    assert.equal(formatNumber(-1.5, 2), '\u22121.5');
    assert.equal(formatNumber(-1.5, 2, { notation: 'tex' }), '-1.5');
    assert.equal(formatNumber(-0.00001, 2, { scale: 1 }), '\u22121×10⁻⁵');
  });

  it('shows rounding noise as 0 when the caller passes the scale, never −0', () => {
    assert.equal(formatNumber(3e-15, 4, { scale: 100 }), '0');
    assert.equal(formatNumber(-3e-15, 4, { scale: 100 }), '0');
    assert.equal(formatNumber(-0, 4), '0');
    assert.equal(formatNumber(-0.00001, 4, { scale: 1e8 }), '0');
  });

  it('switches to scientific notation rather than printing a misleading 0 or a huge integer', () => {
    assert.equal(formatNumber(1.234e-7, 4), '1.234×10⁻⁷');
    assert.equal(formatNumber(1.5e20, 3, { notation: 'tex' }), '1.5 \\times 10^{20}');
    assert.equal(formatNumber(Infinity, 2, { notation: 'tex' }), '\\infty');
    assert.equal(formatNumber(NaN, 2), 'NaN');
  });
});

describe('exact/matrixToTex', () => {
  it('lays out matrices and column vectors', () => {
    assert.equal(matrixToTex([['1', '2'], ['3', '4']]), '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}');
    assert.equal(matrixToTex([['a']], 'pmatrix'), '\\begin{pmatrix} a \\end{pmatrix}');
    assert.equal(vectorToTex(['\\frac{1}{\\sqrt{2}}', '\\frac{1}{\\sqrt{2}}']), '\\begin{bmatrix} \\frac{1}{\\sqrt{2}} \\\\ \\frac{1}{\\sqrt{2}} \\end{bmatrix}');
  });

  it('refuses environments outside the known list', () => {
    assert.throws(() => matrixToTex([['1']], 'bmatrix}\\href{javascript:alert(1)}{x}\\begin{bmatrix'), RangeError);
  });

  it('renders in MathJax', () => {
    assert.match(renderers.default(matrixToTex([['1', '-\\frac{1}{2}'], ['0', '\\sqrt{3}']])), /<mtable/);
  });
});

describe('exact/texText', () => {
  const hostile = [
    '\\href{javascript:alert(1)}{x}',
    '}\\def\\x{',
    '$',
    '%',
    '$\\href{javascript:alert(1)}{click}$',
    '\\(\\href{javascript:alert(1)}{x}\\)',
    '}}}\\text{',
    'a % b # c & d _ e ^ f ~ g',
    '\\\\',
    '\\unicode{x41}',
    '\\eqref{x}',
    '\\class{x}{y}\\style{color:red}{z}',
    'tab\there\nnewline\u0000nul\u202eRLO',
  ];

  it('escapes every special character', () => {
    assert.equal(texText('\\href{javascript:alert(1)}{x}'), '$\\backslash$href\\{javascript:alert(1)\\}\\{x\\}');
    assert.equal(texText('}\\def\\x{'), '\\}$\\backslash$def$\\backslash$x\\{');
    assert.equal(texText('$'), '\\$');
    assert.equal(texText('%'), '$\\%$');
    assert.equal(texText('50% of x_1 & y^2 ~ #3'), '50$\\%$ of x$\\_$1 $\\&$ y$\\hat{}$2 $\\tilde{}$ $\\#$3');
    assert.equal(texText('ordinary text, λ = 3.5'), 'ordinary text, λ = 3.5');
  });

  it('strips control and bidi-override characters; tabs and newlines become spaces', () => {
    assert.equal(texText('a\tb\nc\r\u0000d\u0007e\u202eF\u2066G\u007f'), 'a b c deFG');
  });

  it('renders hostile strings as plain text in MathJax, with and without textmacros', () => {
    // The detector works: the same strings unescaped do inject a link.
    assert.match(renderers.default('\\text{$\\href{javascript:alert(1)}{x}$}'), /\shref=/);
    assert.match(renderers.textmacros('\\text{\\href{javascript:alert(1)}{x}}'), /\shref=/);
    for (const s of hostile) {
      for (const [name, render] of Object.entries(renderers)) {
        const mml = render(`\\text{${texText(s)}}`);
        assert.doesNotMatch(mml, /\shref=|\smathcolor=|\sclass=|\sstyle=|<mstyle|<merror/, `${name}: ${s} → ${mml}`);
        assert.equal(visibleText(mml), stripped(s), `${name}: ${s}`);
      }
    }
  });

  it('never leaves an unescaped special character (fast-check, any code points)', () => {
    const escapes = ['\\{', '\\}', '\\$', '$\\backslash$', '$\\%$', '$\\#$', '$\\&$', '$\\_$', '$\\hat{}$', '$\\tilde{}$'];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        let rest = texText(s);
        for (const e of escapes) rest = rest.split(e).join('');
        assert.doesNotMatch(rest, /[\\{}$%#&_^~\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips random hostile strings through MathJax as the same visible text (fast-check)', () => {
    const char = fc.constantFrom(...'\\{}$%#&_^~ aZ0(),.λ√'.split(''), '\\href', '\\(', '\n', '\u0000');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 25 }).map((a) => a.join('')), (s) => {
        for (const render of Object.values(renderers)) {
          const mml = render(`\\text{${texText(s)}}`);
          assert.doesNotMatch(mml, /\shref=|<merror/);
          assert.equal(visibleText(mml), stripped(s));
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** What the reader should see: the input without control characters or whitespace. */
function stripped(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, '');
}
