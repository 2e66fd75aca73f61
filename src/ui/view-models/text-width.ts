// Terminal column arithmetic: CJK characters (zh-CN strings) take two columns, so padding by .length would misalign
// the side bar and status bar. A small range table is enough for the scripts srvmon prints.

/** Columns one code point takes in a terminal (0 for combining marks, 2 for East Asian wide ones). */
export function charCols(codePoint: number): number {
  if (codePoint === 0) return 0;
  if (codePoint >= 0x300 && codePoint <= 0x36f) return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textCols(text: string): number {
  let cols = 0;
  for (const ch of text) cols += charCols(ch.codePointAt(0) ?? 0);
  return cols;
}

/** Cut to at most maxCols columns, ending with the ellipsis when something was cut. */
export function truncateCols(text: string, maxCols: number, ellipsis = ''): string {
  if (maxCols <= 0) return '';
  if (textCols(text) <= maxCols) return text;
  const budget = maxCols - textCols(ellipsis);
  if (budget <= 0) return ellipsis.slice(0, maxCols);
  let out = '';
  let cols = 0;
  for (const ch of text) {
    const w = charCols(ch.codePointAt(0) ?? 0);
    if (cols + w > budget) break;
    out += ch;
    cols += w;
  }
  return out + ellipsis;
}

export function padEndCols(text: string, cols: number): string {
  const fitted = truncateCols(text, cols);
  return fitted + ' '.repeat(Math.max(0, cols - textCols(fitted)));
}

export function padStartCols(text: string, cols: number): string {
  const fitted = truncateCols(text, cols);
  return ' '.repeat(Math.max(0, cols - textCols(fitted))) + fitted;
}

/** left and right on one line of exactly `cols` columns; the left side is cut first when both do not fit. */
export function spreadCols(left: string, right: string, cols: number): string {
  const rightFitted = truncateCols(right, cols);
  const leftRoom = cols - textCols(rightFitted);
  if (leftRoom <= 0) return padEndCols(rightFitted, cols);
  const leftFitted = truncateCols(left, Math.max(0, leftRoom - 1));
  const gap = cols - textCols(leftFitted) - textCols(rightFitted);
  return leftFitted + ' '.repeat(Math.max(0, gap)) + rightFitted;
}

/** The end of text that fits in maxCols columns (what a cut from the left keeps). */
export function endCols(text: string, maxCols: number): string {
  const chars = Array.from(text);
  let cols = 0;
  let start = chars.length;
  while (start > 0) {
    const w = charCols(chars[start - 1]!.codePointAt(0) ?? 0);
    if (cols + w > maxCols) break;
    cols += w;
    start--;
  }
  return chars.slice(start).join('');
}
