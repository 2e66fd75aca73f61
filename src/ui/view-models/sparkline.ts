// A one-row history: one character per point, its height the point's share of the largest value shown. Gaps are blank.

const UNICODE_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** ASCII terminals: dots up to hashes, still ordered by ink. */
const ASCII_LEVELS = ['_', '.', ',', ':', '-', '=', '+', '#'];

/** The newest `widthCols` values as a sparkline, right-aligned (the newest at the right edge, like the charts). */
export function sparkline(values: readonly number[], widthCols: number, ascii: boolean): string {
  if (widthCols <= 0) return '';
  const levels = ascii ? ASCII_LEVELS : UNICODE_LEVELS;
  const shown = values.slice(-widthCols);
  const max = Math.max(0, ...shown.filter(Number.isFinite));
  const text = shown
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (max <= 0) return levels[0]!;
      return levels[Math.min(levels.length - 1, Math.floor((v / max) * (levels.length - 1) + 0.5))]!;
    })
    .join('');
  return ' '.repeat(widthCols - shown.length) + text;
}
