/**
 * Stands in for `node:crypto` in the web build (esbuild.mjs): the panel's CSP
 * nonce needs only randomBytes(n).toString('base64url'), and the browser's
 * crypto.getRandomValues is as good a source.
 */
class RandomBytes extends Uint8Array {
  override toString(encoding?: 'base64url'): string {
    if (encoding !== 'base64url') return super.toString();
    const base64 = btoa(String.fromCharCode(...this));
    return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
}

export function randomBytes(size: number): RandomBytes {
  return crypto.getRandomValues(new RandomBytes(size));
}
