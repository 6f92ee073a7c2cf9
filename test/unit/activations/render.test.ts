import * as assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../src/core/activations/table';
import { assertSafeSvg, plotSvg, renderActivationHover, samplePlot, svgDataUri, texToSvg } from '../../../src/core/activations/render';
import { isMdlError } from '../../../src/core/errors';

const colors = { f: '#1f77b4', df: 'rgb(255, 127, 14)', axis: 'gray', text: '#222' };

function decode(uri: string): string {
  assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
  return new TextDecoder().decode(Uint8Array.from(atob(uri.split(',')[1]), (c) => c.charCodeAt(0)));
}

describe('hover rendering', () => {
  it('samples f and f′ on [−5, 5]', () => {
    const s = samplePlot('relu', {}, [-5, 5], 11);
    assert.deepEqual(s.x, [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    assert.deepEqual(s.f, [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
    assert.deepEqual(s.df, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    assert.throws(() => samplePlot('relu', {}, [1, -1], 5), isMdlError);
  });

  it('draws a self-contained, safe SVG plot for every activation', () => {
    for (const spec of ACTIVATIONS) {
      const svg = plotSvg(spec.name, {}, { width: 240, height: 120, colors });
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
      assertSafeSvg(svg);
      assert.doesNotMatch(svg, /NaN|Infinity/, spec.name);
    }
  });

  it('breaks f′ at a kink and marks the framework value with a dot', () => {
    const svg = plotSvg('relu', {}, { width: 200, height: 100, colors });
    const dfPath = /<path d="([^"]*)"[^>]*stroke-dasharray/.exec(svg)![1];
    assert.equal(dfPath.match(/M/g)!.length, 2, 'two runs: x < 0 and x > 0');
    assert.match(svg, /<circle /);
  });

  it('refuses colours that could break out of an attribute', () => {
    for (const bad of ['red" onload="alert(1)', 'url(#x)', 'var(--x)', '#12345g', 'expression(alert(1))']) {
      assert.throws(() => plotSvg('tanh', {}, { width: 100, height: 60, colors: { ...colors, f: bad } }), isMdlError, bad);
    }
  });

  it('typesets every formula in the table with base and ams only', () => {
    for (const spec of ACTIVATIONS) {
      for (const tex of [spec.tex.f, spec.tex.df]) {
        const svg = texToSvg(tex, { color: '#333' });
        assert.match(svg, /^<svg /);
        assert.doesNotMatch(svg, /currentColor/);
        assert.match(svg, / width="[\d.]+"/, 'sizes converted from ex to px');
        assertSafeSvg(svg);
      }
    }
  });

  it('refuses \\mmlToken (it can carry an href) and packages outside base/ams', () => {
    assert.throws(() => texToSvg('\\mmlToken{mi}[href="https://example.com"]{x}', { color: '#000' }), (e) => isMdlError(e) && e.code === 'unsupported');
    assert.throws(() => texToSvg('\\href{https://example.com}{x}', { color: '#000' }), (e) => isMdlError(e) && /Undefined control sequence/.test(e.message));
    assert.throws(() => texToSvg('\\require{html}', { color: '#000' }), isMdlError);
    assert.throws(() => texToSvg('\\frac{1}', { color: '#000' }), (e) => isMdlError(e) && e.code === 'syntax');
    assert.throws(() => texToSvg('x', { color: 'red;}' }), isMdlError);
  });

  it('rejects SVG with links or scripts', () => {
    assert.throws(() => assertSafeSvg('<svg><a href="https://x"><g/></a></svg>'), isMdlError);
    assert.throws(() => assertSafeSvg('<svg><script>1</script></svg>'), isMdlError);
    assert.throws(() => assertSafeSvg('<svg><use xlink:href="https://x/#a"/></svg>'), isMdlError);
    assertSafeSvg('<svg><use xlink:href="#MJX-1"/></svg>');
  });

  it('encodes SVG (including non-ASCII text) as a base64 data URI', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>f′ — σ</title></svg>';
    assert.equal(decode(svgDataUri(svg)), svg);
    const big = `<svg>${'x'.repeat(200_000)}</svg>`;
    assert.equal(decode(svgDataUri(big)), big);
  });

  it('escapes the plot title text', () => {
    const svg = plotSvg('leaky_relu', { alpha: 0.2 }, { width: 100, height: 60, colors, domain: [-3, 3] });
    assert.match(svg, /<title>Leaky ReLU: f \(solid\) and f′ \(dashed\) on \[-3, 3\]<\/title>/);
  });

  it('renders a whole hover, and the cached render is identical (timing lives in npm run bench)', () => {
    const h = renderActivationHover('silu', {}, colors, { cache: false });
    for (const uri of [h.fTex, h.dfTex, h.plot]) assertSafeSvg(decode(uri));
    assert.equal(h.plainDf, 'Swish′(x) = σ(x) + x·σ(x)(1 − σ(x)) = f(x) + σ(x)(1 − f(x))');
    const first = renderActivationHover('silu', {}, colors);
    assert.deepEqual(renderActivationHover('silu', {}, colors), first);
  });
});
