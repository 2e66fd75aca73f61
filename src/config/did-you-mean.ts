// Suggests the intended key for a typo ("treshold" -> "threshold").
import { distance } from 'fastest-levenshtein';

/** The closest candidate within a small edit distance, or undefined when nothing is plausibly meant. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  // Short words tolerate fewer edits, or every 3-letter typo would "match" every 3-letter key.
  const maxEdits = lower.length <= 3 ? 1 : lower.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestEdits = Infinity;
  for (const candidate of candidates) {
    const edits = distance(lower, candidate.toLowerCase());
    if (edits < bestEdits) {
      best = candidate;
      bestEdits = edits;
    }
  }
  return bestEdits <= maxEdits ? best : undefined;
}

/** "unknown key (did you mean "threshold"?)" or "unknown key; expected one of: a, b, c". */
export function unknownKeyDetail(key: string, known: readonly string[], noun = 'key'): string {
  const guess = closestMatch(key, known);
  if (guess) return `unknown ${noun} (did you mean ${JSON.stringify(guess)}?)`;
  if (known.length > 0 && known.length <= 20) return `unknown ${noun}; expected one of: ${known.join(', ')}`;
  return `unknown ${noun}`;
}
