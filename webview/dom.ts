/**
 * The one way this renderer creates DOM. Text always goes in as Text nodes,
 * never as markup, so nothing the host sends (titles, explanations, table
 * cells, error messages) can ever be parsed as HTML.
 */
type Child = Node | string | null | undefined | false;

export interface Props {
  id?: string;
  class?: string;
  text?: string;
  /** Plain attributes (aria-*, role, type…). `style` is deliberately absent: the CSP forbids style attributes. */
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.id) el.id = props.id;
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Replaces all children of `parent`. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => !!c));
}

/** Text only screen readers hear. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only', text });
}

/** Runs `run` once the browser has painted what is on screen now (the frame after the next one has begun). */
export function afterPaint(run: () => void): void {
  requestAnimationFrame(() => window.setTimeout(run));
}
