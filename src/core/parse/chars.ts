/** Character classes shared by the scanners and the expression parser (by char code, for speed). */

/** Whitespace, including the no-break and thin spaces that copying from PDFs and web pages brings along. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** ASCII hyphen-minus, the Unicode minus sign and the en dash that word processors substitute. */
export const isMinus = (c: number) => c === 45 || c === 0x2212 || c === 0x2013;
