/**
 * Checks a webview page against the extension's CSP rules and returns every
 * breach found (empty = clean). Shared by the unit test of the HTML builder
 * and the integration test that reads the real panels' HTML, so both hold
 * the page to the same rules. Plain string work: no DOM needed.
 */

export interface CspAudit {
  problems: string[];
  /** Directive name → its sources, from the page's CSP meta tag. */
  directives: Map<string, string[]>;
  nonce: string | undefined;
}

/** Keywords that weaken a CSP; none may appear anywhere. */
const UNSAFE_KEYWORDS = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", "'unsafe-allow-redirects'"];

/** Directives whose sources may include `data:` (images decoded in the webview; nothing else). */
const DATA_ALLOWED = new Set(['img-src']);

/** All opening tags of `name`, with their attribute text. */
function tags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map((m) => m[1]);
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
}

export function auditWebviewHtml(html: string, cspSource: string): CspAudit {
  const problems: string[] = [];
  const allowedOrigins = new Set(cspSource.split(/\s+/).filter(Boolean));
  const metas = tags(html, 'meta').filter((a) => /^content-security-policy$/i.test(attribute(a, 'http-equiv') ?? ''));
  const directives = new Map<string, string[]>();
  if (metas.length !== 1) {
    problems.push(`expected exactly one CSP meta tag, found ${metas.length}`);
    return { problems, directives, nonce: undefined };
  }
  // The policy must come before anything it governs, or those load unrestricted.
  const metaAt = html.search(/<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i);
  const firstLoad = html.search(/<(script|link|style|img|iframe)\b/i);
  if (firstLoad >= 0 && firstLoad < metaAt) problems.push('a resource is declared before the CSP meta tag');

  const policy = (attribute(metas[0], 'content') ?? '').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (directives.has(name)) problems.push(`directive ${name} appears twice (the second is ignored)`);
    else directives.set(name.toLowerCase(), sources);
  }

  const defaults = directives.get('default-src');
  if (!defaults || defaults.length !== 1 || defaults[0] !== "'none'") problems.push(`default-src must be exactly 'none', is ${JSON.stringify(defaults)}`);

  for (const [name, sources] of directives) {
    for (const source of sources) {
      const lower = source.toLowerCase();
      if (UNSAFE_KEYWORDS.includes(lower)) problems.push(`${name} allows ${source}`);
      else if (allowedOrigins.has(source) || lower === "'none'" || lower === "'self'" || /^'nonce-[A-Za-z0-9+/_=-]+'$/.test(source)) continue;
      else if (lower === 'data:' && DATA_ALLOWED.has(name)) continue;
      else problems.push(`${name} allows ${source}, which is neither the webview's own origin nor a nonce`);
    }
  }

  const scriptSources = directives.get('script-src') ?? [];
  const nonces = scriptSources.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1));
  if (nonces.length !== 1) problems.push(`script-src must carry exactly one nonce, has ${nonces.length}`);
  if (scriptSources.some((s) => !s.startsWith("'nonce-"))) problems.push(`script-src must allow nothing but its nonce: ${scriptSources.join(' ')}`);
  const nonce = nonces[0];
  // 128 bits or more, so a page cannot guess the next one.
  if (nonce !== undefined && Buffer.from(nonce, 'base64').length < 16) problems.push(`the nonce "${nonce}" is too short to be unguessable`);

  const scripts = tags(html, 'script');
  if (scripts.length === 0) problems.push('the page has no <script>');
  for (const attrs of scripts) {
    if (attribute(attrs, 'nonce') !== nonce) problems.push(`a <script> has nonce ${JSON.stringify(attribute(attrs, 'nonce'))}, not the CSP's`);
    const src = attribute(attrs, 'src');
    if (!src) problems.push('an inline <script> (every script must be a bundled file)');
    else if (![...allowedOrigins].some((o) => originMatches(o, src))) problems.push(`a <script> loads from ${src}`);
  }
  for (const attrs of tags(html, 'link')) {
    const href = attribute(attrs, 'href') ?? '';
    if (![...allowedOrigins].some((o) => originMatches(o, href))) problems.push(`a <link> loads from ${href}`);
  }
  if (/<style\b/i.test(html)) problems.push('an inline <style> element (style-src has no unsafe-inline)');
  if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) problems.push('an inline style attribute');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler attribute');
  if (/javascript:/i.test(html)) problems.push('a javascript: URL');
  if (/<(iframe|object|embed|base)\b/i.test(html)) problems.push('an iframe, object, embed or base element');
  return { problems, directives, nonce };
}

/** Does `url` belong to the CSP origin `origin` (which may have a `*.` wildcard host)? */
export function originMatches(origin: string, url: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(origin)) return false;
  const o = new URL(origin.replace('://*.', '://wildcard.'));
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== o.protocol) return false;
  if (origin.includes('://*.')) return u.hostname.endsWith(o.hostname.slice('wildcard'.length));
  return u.host === o.host;
}
