// How each kind of number reads and which thresholds it accepts: one entry per unit, shared by every rule kind that
// measures in it. A unit whose numbers read better with their own words (12.5 MB/s) gives `format`, and one whose
// thresholds may be written as text (`100Mbit`) gives `parseText`.
import { RATE_FORMS, compactByteRate, formatByteRate, parseByteRate } from './byte-rates.js';
import { formatTimeLeft, parseHorizon } from './fill-horizon.js';
import { DURATION_FORMS } from '../config/duration.js';

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
  /** Writes a value or level with its unit (`12.5 MB/s`) instead of number + suffix. */
  format?: (value: number) => string;
  /** The same in at most 6 characters (`9.5M/s`), for the side bar's columns; `format` when absent. */
  compact?: (value: number) => string;
  /** Reads a threshold written as text (`100Mbit`); throws with a message naming the accepted forms. */
  parseText?: (text: string) => number;
  /** `format` writes the reciprocal (a rate as time left): a higher value reads as a smaller text. */
  readsInverse?: boolean;
  /** The forms `parseText` accepts, for the schema's error. */
  textForms?: string;
}

export const VALUE_UNITS = {
  // Percent rules clear 5 points below the threshold.
  percent: { min: 0, minExclusive: false, max: 100, boundsText: 'from 0 to 100', suffix: '%', valueDecimals: 1, trimZeros: true, gaugeScale: 'ratio', defaultClear: (t: number) => Math.max(0, t - 5) },
  // Load per core is open-ended; it clears at 90% of the threshold.
  load: { min: 0, minExclusive: true, max: undefined, boundsText: 'above 0', suffix: '', valueDecimals: 2, trimZeros: false, gaugeScale: 'raw', defaultClear: (t: number) => roundTo(t * 0.9, 6) },
  // Network rates: open-ended, written with units in the file (100Mbit, 20MB/s); clear at 90% of the threshold.
  bytesPerSecond: {
    min: 0,
    minExclusive: true,
    max: undefined,
    boundsText: 'above 0',
    suffix: ' B/s',
    valueDecimals: 0,
    trimZeros: true,
    gaugeScale: 'raw',
    defaultClear: (t: number) => Math.round(t * 0.9),
    format: formatByteRate,
    compact: compactByteRate,
    parseText: parseByteRate,
    textForms: RATE_FORMS,
  },
  // How fast a disk fills: the share of its free space used per hour (fill-horizon.ts). Thresholds are written as
  // the horizon (`24h` is 1/24) and read back as time left; it clears when the time left is a quarter longer.
  fillPerHour: {
    min: 0,
    minExclusive: true,
    max: 3600,
    boundsText: 'from above 0 to 3600 (a horizon from 1s up)',
    suffix: '',
    valueDecimals: 3,
    trimZeros: true,
    gaugeScale: 'raw',
    defaultClear: (t: number) => t * 0.8,
    format: formatTimeLeft,
    readsInverse: true,
    parseText: parseHorizon,
    textForms: DURATION_FORMS,
  },
  // Temperatures in degrees Celsius; clear 5 degrees below.
  celsius: { min: 0, minExclusive: true, max: 200, boundsText: 'from above 0 to 200', suffix: '°C', valueDecimals: 1, trimZeros: true, gaugeScale: 'raw', defaultClear: (t: number) => Math.max(0, t - 5) },
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
  if (unit.format) return unit.format(value);
  const text = fixedOrSignificant(value, unit.valueDecimals);
  return `${unit.trimZeros ? trimZero(text) : text}${unit.suffix}`;
}

/** A configured level with its unit: 85%, 1.5 for load, 12.5 MB/s. */
export function formatUnitLevel(unit: ValueUnit, level: number): string {
  return unit.format ? unit.format(level) : `${levelNumber(level)}${unit.suffix}`;
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
