// How each kind of number reads and which thresholds it accepts: one entry per unit, shared by every rule kind that
// measures in it. Future units (bytesPerSecond for network, celsius for temperature) are one more entry here.

export interface ValueUnit {
  /** Lowest accepted threshold; `minExclusive` makes it "above min" (a load threshold of 0 would always fire). */
  min: number;
  minExclusive: boolean;
  /** Highest accepted threshold, or undefined for open-ended units. */
  max: number | undefined;
  /** How a threshold's bounds read in errors: "from 0 to 100", "above 0". */
  boundsText: string;
  /** Written after a level's number: `%` for 80%, '' for a load of 1.5. */
  suffix: string;
  /** Decimals of a measured value (below 1, as many as two significant digits need). */
  valueDecimals: number;
  /** Whether a value drops trailing zeros (91% not 91.0%); load keeps them (2.10) so the column lines up. */
  trimZeros: boolean;
  /** How /metrics shows a reading: `ratio` divides a percent by 100 (Prometheus naming), `raw` as sampled. */
  gaugeScale: 'ratio' | 'raw';
  /** The default clear level of a threshold (hysteresis) when the file sets none. */
  defaultClear: (threshold: number) => number;
}

export const VALUE_UNITS = {
  // Percent rules clear 5 points below the threshold.
  percent: { min: 0, minExclusive: false, max: 100, boundsText: 'from 0 to 100', suffix: '%', valueDecimals: 1, trimZeros: true, gaugeScale: 'ratio', defaultClear: (t: number) => Math.max(0, t - 5) },
  // Load per core is open-ended; it clears at 90% of the threshold.
  load: { min: 0, minExclusive: true, max: undefined, boundsText: 'above 0', suffix: '', valueDecimals: 2, trimZeros: false, gaugeScale: 'raw', defaultClear: (t: number) => roundTo(t * 0.9, 6) },
  // One process's CPU, % of one core: above 100 with busy threads. Clears 5 points below, like percent.
  corePercent: { min: 0, minExclusive: true, max: undefined, boundsText: 'above 0', suffix: '%', valueDecimals: 1, trimZeros: true, gaugeScale: 'ratio', defaultClear: (t: number) => Math.max(0, t - 5) },
  // A 0/1 condition (unit failed, process missing, rebooted); its window average is the share of samples that saw it.
  // The defaults (threshold 0.9, clear 0.1) make a window of up to 10 samples fire when all saw it and resolve when
  // none did.
  state: { min: 0, minExclusive: false, max: 1, boundsText: 'from 0 to 1', suffix: '', valueDecimals: 2, trimZeros: true, gaugeScale: 'raw', defaultClear: (t: number) => roundTo(Math.max(0, t - 0.8), 6) },
} as const satisfies Record<string, ValueUnit>;

export type ValueUnitName = keyof typeof VALUE_UNITS;

/** Whether a threshold lies within the unit's bounds. */
export function withinBounds(unit: ValueUnit, value: number): boolean {
  if (unit.minExclusive ? value <= unit.min : value < unit.min) return false;
  return unit.max === undefined || value <= unit.max;
}

/** A measured value: 91.3%, 2.10 for load, 0.012% (a small reading never shows as 0). */
export function formatUnitValue(unit: ValueUnit, value: number): string {
  const text = fixedOrSignificant(value, unit.valueDecimals);
  return `${unit.trimZeros ? trimZero(text) : text}${unit.suffix}`;
}

/** The number of a level without its unit (the side bar writes `80/95%`). */
export function levelNumber(level: number): string {
  return trimZero(fixedOrSignificant(level, 2));
}

/** `decimals` places, or as many as two significant digits need for a value below 1. */
function fixedOrSignificant(value: number, decimals: number): string {
  const abs = Math.abs(value);
  if (!Number.isFinite(value) || abs === 0 || abs >= 1) return Number.isFinite(value) ? value.toFixed(decimals) : String(value);
  const places = Math.min(20, Math.max(decimals, 1 - Math.floor(Math.log10(abs))));
  return value.toFixed(places);
}

function trimZero(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
