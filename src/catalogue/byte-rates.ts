// Byte rates as people write them in a config file and read them in a message: `100Mbit`, `20MB/s`, `1.5GiB/s`.
// Hand-written rather than a library: `bytes` (the common one) reads "MB" as 1024² and knows no bits, while link
// speeds are decimal and in bits (100Mbit is 12.5 MB/s). Decimal prefixes are powers of 1000, `Ki`/`Mi`... of 1024.

const PREFIX_POWERS: Readonly<Record<string, number>> = { '': 0, k: 1, K: 1, M: 2, G: 3, T: 4 };

const RATE = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kKMGT])(i)?)?(B|bit|b|Bps|bps)?(?:\/s|ps)?$/;

/** The forms the error names. */
export const RATE_FORMS = '"100Mbit", "20MB/s", "512KiB/s"';

/**
 * Bytes per second of a written rate; a bare number is bytes per second. `B` is a byte, `bit`/`b` a bit (`Mbps`
 * too). A prefix without a unit (`100M`) is refused: whether it meant bits or bytes is a factor of 8.
 */
export function parseByteRate(text: string): number {
  const match = RATE.exec(text.trim());
  if (!match) throw new Error(`not a rate: ${JSON.stringify(text)}; write e.g. ${RATE_FORMS}`);
  const [, digits, prefix = '', binary, unit] = match;
  if (unit === undefined && (prefix !== '' || text.trim() !== digits)) {
    throw new Error(`${JSON.stringify(text)} needs a unit: B for bytes or bit for bits, e.g. ${RATE_FORMS}`);
  }
  const base = binary ? 1024 : 1000;
  const bits = unit === 'bit' || unit === 'b' || unit === 'bps';
  const value = Number(digits) * base ** PREFIX_POWERS[prefix]!;
  return bits ? value / 8 : value;
}

const SHOWN = [
  { min: 1e12, prefix: 'T' },
  { min: 1e9, prefix: 'G' },
  { min: 1e6, prefix: 'M' },
  { min: 1e3, prefix: 'k' },
] as const;

/** The number and decimal prefix of a rate: one decimal below `decimalBelow` (trailing zero dropped), whole above. */
function scaledRate(bytesPerSecond: number, decimalBelow: number): { text: string; prefix: string } {
  let index = SHOWN.findIndex((s) => Math.abs(bytesPerSecond) >= s.min);
  // 999.96 kB/s would round to 1000: show it as 1 MB/s.
  const divisor = (i: number) => (i < 0 ? 1 : SHOWN[i]!.min);
  if (index !== 0 && Math.abs(bytesPerSecond / divisor(index)) >= 999.5) index = index < 0 ? SHOWN.length - 1 : index - 1;
  const scaled = bytesPerSecond / divisor(index);
  const text = scaled.toFixed(Math.abs(scaled) >= decimalBelow || index < 0 ? 0 : 1).replace(/\.0$/, '');
  return { text, prefix: index < 0 ? '' : SHOWN[index]!.prefix };
}

/** `12.5 MB/s`, `980 B/s`, `250 MB/s`: decimal units, one decimal below 100, as messages write a rate. */
export function formatByteRate(bytesPerSecond: number): string {
  const { text, prefix } = scaledRate(bytesPerSecond, 100);
  return `${text} ${prefix}B/s`;
}

/** `9.5M/s`, `980B/s`: at most 6 characters, for the side bar's value column. */
export function compactByteRate(bytesPerSecond: number): string {
  const { text, prefix } = scaledRate(bytesPerSecond, 10);
  return `${text}${prefix || 'B'}/s`;
}

/** `2.1 GB`, `980 B`: a size in the same decimal units. */
export function formatBytes(bytes: number): string {
  const { text, prefix } = scaledRate(bytes, 100);
  return `${text} ${prefix}B`;
}
