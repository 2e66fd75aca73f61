// Labels cut to a column width without losing what tells them apart. Mount points share long prefixes
// (/srv/data/projects/...), so cutting the end would give two rows the same label: cut the middle instead, keep the
// last path segment (`Disk /srv/data/…/volume-a`), and when two labels still read the same, move the cut until they
// differ; a numbered suffix is the last resort (two names that escape to the same text).
import { endCols, textCols, truncateCols } from './text-width.js';

/** Each label fitted to maxCols columns; labels that differ stay different. */
export function fitLabels(labels: readonly string[], maxCols: number, ellipsis: string): string[] {
  const fitted = labels.map((label) => fitLabel(label, maxCols, ellipsis));
  for (const group of collisions(fitted)) {
    const members = group.filter((i) => textCols(labels[i]!) > maxCols);
    const split = distinctSplit(members.map((i) => labels[i]!), maxCols, ellipsis, fitted, members);
    if (split !== undefined) for (const i of members) fitted[i] = cutMiddle(labels[i]!, maxCols, ellipsis, split);
  }
  for (const group of collisions(fitted)) {
    group.slice(1).forEach((i, n) => {
      const suffix = `#${n + 2}`;
      fitted[i] = `${truncateCols(fitted[i]!, maxCols - textCols(suffix))}${suffix}`;
    });
  }
  return fitted;
}

/** A path-like label cut in the middle: head up to a `/`, the ellipsis, the last segment (or as much as fits). */
export function fitLabel(label: string, maxCols: number, ellipsis: string): string {
  if (textCols(label) <= maxCols) return label;
  const lastSlash = label.lastIndexOf('/');
  if (lastSlash <= 0) return truncateCols(label, maxCols, ellipsis);
  const tail = label.slice(lastSlash);
  const headRoom = maxCols - textCols(ellipsis) - textCols(tail);
  if (headRoom <= 0) return ellipsis + endCols(label, maxCols - textCols(ellipsis));
  const head = truncateCols(label.slice(0, lastSlash), headRoom);
  const cut = head.lastIndexOf('/');
  // Cut the head after a slash so the elided part reads as whole directories; nothing of a half word.
  return `${cut >= 0 ? head.slice(0, cut + 1) : ''}${ellipsis}${tail}`;
}

/** headCols columns of the start, the ellipsis, and the end that fills the rest. */
function cutMiddle(label: string, maxCols: number, ellipsis: string, headCols: number): string {
  const head = truncateCols(label, headCols);
  return head + ellipsis + endCols(label, maxCols - textCols(ellipsis) - textCols(head));
}

/** The head width at which the members' labels all differ from each other and from every other row. */
function distinctSplit(labels: readonly string[], maxCols: number, ellipsis: string, fitted: readonly string[], members: readonly number[]): number | undefined {
  const others = new Set(fitted.filter((_, i) => !members.includes(i)));
  const room = maxCols - textCols(ellipsis);
  // Every split, those that keep more of the end first: the end of a mount point is what differs most often.
  for (let headCols = 0; headCols <= room; headCols++) {
    const candidates = labels.map((label) => cutMiddle(label, maxCols, ellipsis, headCols));
    if (new Set(candidates).size === candidates.length && candidates.every((c) => !others.has(c))) return headCols;
  }
  return undefined;
}

/** Index groups of equal labels, only those with more than one member. */
function collisions(labels: readonly string[]): number[][] {
  const byText = new Map<string, number[]>();
  labels.forEach((label, i) => byText.set(label, [...(byText.get(label) ?? []), i]));
  return [...byText.values()].filter((group) => group.length > 1);
}
