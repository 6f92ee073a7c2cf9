/**
 * Long step tables (an Adam trace: t, θ, g, m̂, v̂, step size…) are read
 * column by column, so numbers line up: cells that hold only numbers, or
 * tuples of numbers as the host writes them ("(1.2346, −0.00012)"), are
 * right-aligned in the monospace font, and so are their column headers.
 * stepView marks number-typed cells; this also catches numbers sent as text.
 * Wide tables keep their first column in view (styles.css) and mark when
 * they are scrolled sideways, so that column can show its edge.
 */
const NUMBER = String.raw`[−-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+−-]?\d+)?(?:\s?×\s?10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?%?|[−-]?∞|NaN|10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+`;
const NUMERIC = new RegExp(String.raw`^\s*(?:${NUMBER}|\(\s*(?:${NUMBER})(?:\s*,\s*(?:${NUMBER}))*\s*\))\s*$`, 'i');

export function prepareTables(article: HTMLElement): void {
  for (const table of article.querySelectorAll('table.data-table')) {
    // The sticky first column needs an edge only once something has scrolled under it.
    const scroller = table.closest('.table-scroll');
    scroller?.addEventListener('scroll', () => scroller.classList.toggle('is-scrolled-x', scroller.scrollLeft > 0), { passive: true });
    const rows = [...table.querySelectorAll('tbody tr')];
    rows.forEach((tr) => tr.querySelectorAll('td').forEach((td) => NUMERIC.test(td.textContent ?? '') && td.classList.add('num')));
    // A header is aligned with its column when every cell below it is a number.
    table.querySelectorAll('thead th').forEach((th, j) => {
      const cells = rows.map((tr) => tr.children[j]).filter((c): c is Element => !!c && c.textContent !== '');
      if (cells.length && cells.every((c) => c.classList.contains('num'))) th.classList.add('num');
    });
  }
}
