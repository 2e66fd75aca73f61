// Which log lines fit the panel for a scroll position counted back from the newest line (0 = follow the newest).

export function visibleLogLines<T>(lines: readonly T[], rows: number, scrollBack: number): { shown: T[]; scrollBack: number } {
  const fit = Math.max(0, rows);
  const maxBack = Math.max(0, lines.length - fit);
  const back = Math.min(Math.max(0, scrollBack), maxBack);
  return { shown: fit === 0 ? [] : lines.slice(Math.max(0, lines.length - fit - back), lines.length - back), scrollBack: back };
}
