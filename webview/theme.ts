/**
 * Concrete colours for drawing code (Plot, canvas) that cannot use CSS
 * variables, read from the `--vscode-*` variables VS Code sets on <html>.
 * Re-read after every theme change.
 */

export interface Palette {
  foreground: string;
  muted: string;
  background: string;
  /** Distinct series colours, VS Code's chart colours first. */
  series: string[];
  /** Ends of the diverging heatmap scale. */
  negative: string;
  positive: string;
  highContrast: boolean;
}

const probe = document.createElement('canvas').getContext('2d');

/** Any CSS colour → `#rrggbb` or `rgba(…)`, so canvas maths and Plot both accept it. */
export function normaliseColour(colour: string, fallback: string): string {
  if (!probe || !colour) return fallback;
  probe.fillStyle = fallback;
  probe.fillStyle = colour; // an invalid colour leaves the fallback in place
  return probe.fillStyle;
}

function cssVar(name: string, fallback: string): string {
  return normaliseColour(getComputedStyle(document.body).getPropertyValue(name).trim(), fallback);
}

/**
 * The colour without its alpha. VS Code derives some chart colours from highlight
 * backgrounds: charts.orange is #EA5C0055 (a third opaque) in the stock light and dark
 * themes, which draws a line or an axis label at about 1.8:1 against the background.
 */
export function opaque(colour: string): string {
  if (!colour.startsWith('rgba')) return colour;
  const [r, g, b] = rgb(colour);
  return `rgb(${r}, ${g}, ${b})`;
}

export function readPalette(): Palette {
  const series = [
    cssVar('--vscode-charts-blue', '#3794ff'),
    cssVar('--vscode-charts-orange', '#d18616'),
    cssVar('--vscode-charts-green', '#89d185'),
    cssVar('--vscode-charts-purple', '#b180d7'),
    cssVar('--vscode-charts-red', '#f14c4c'),
    cssVar('--vscode-charts-yellow', '#cca700'),
  ].map(opaque);
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    series,
    negative: series[0],
    positive: series[4],
    highContrast: document.body.classList.contains('vscode-high-contrast'),
  };
}

/** `#rrggbb` / `rgba(r, g, b, a)` → [r, g, b] (alpha is ignored). */
export function rgb(colour: string): [number, number, number] {
  if (colour.startsWith('#')) {
    const n = parseInt(colour.slice(1, 7), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  return [parts[0], parts[1], parts[2]];
}

/**
 * Calls `onChange` when VS Code switches theme. It swaps the body classes (light,
 * dark, high contrast), the theme id, and the variables in <html style>; between
 * two dark themes only the last two change, so all three are watched.
 */
export function onThemeChange(onChange: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
