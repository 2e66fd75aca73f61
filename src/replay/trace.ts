// Reads a recorded trace: JSON lines, one sample a line, e.g.
//   {"time": "2026-03-01T02:00:00Z", "cpu": 91.2, "memory": 40.1, "disk": {"/": 71}}
// Any sample key of src/types.ts may appear; a missing (or null) metric is a gap.
import { availableParallelism } from 'node:os';
import type { Sample } from '../types.js';

export class TraceError extends Error {
  readonly exitCode = 65; // EX_DATAERR
}

export function parseTrace(text: string, file: string, cores = availableParallelism()): Sample[] {
  const samples: Sample[] = [];
  const lines = text.split('\n');
  let previousMs = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const where = `${file}:${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new TraceError(`${where}: not a JSON object: ${line.slice(0, 60)}`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new TraceError(`${where}: not a JSON object: ${line.slice(0, 60)}`);
    const sample = toSample(row as Record<string, unknown>, where, cores);
    if (sample.timeMs < previousMs) throw new TraceError(`${where}: time goes backwards (${new Date(sample.timeMs).toISOString()})`);
    previousMs = sample.timeMs;
    samples.push(sample);
  }
  if (samples.length === 0) throw new TraceError(`${file}: the trace has no samples`);
  return samples;
}

function toSample(row: Record<string, unknown>, where: string, defaultCores: number): Sample {
  const timeMs = parseTime(row.time, where);
  const values: Record<string, number> = {};
  let cores = defaultCores;
  for (const [key, raw] of Object.entries(row)) {
    if (key === 'time' || raw === null) continue;
    if (key === 'cores') {
      if (typeof raw !== 'number' || !(raw >= 1)) throw new TraceError(`${where}: "cores" must be a number >= 1, got ${JSON.stringify(raw)}`);
      cores = raw;
    } else if (key === 'disk' && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [mountpoint, pct] of Object.entries(raw as Record<string, unknown>)) {
        if (pct !== null) values[`disk:${mountpoint}`] = numberOf(pct, `disk.${mountpoint}`, where);
      }
    } else {
      values[key] = numberOf(raw, key, where);
    }
  }
  if (values.load1 !== undefined && values.load1PerCore === undefined) values.load1PerCore = values.load1 / cores;
  return { timeMs, values };
}

function parseTime(raw: unknown, where: string): number {
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw new TraceError(`${where}: "time" must be an ISO 8601 time or epoch milliseconds, got ${JSON.stringify(raw)}`);
  return ms;
}

function numberOf(raw: unknown, key: string, where: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new TraceError(`${where}: "${key}" must be a number, got ${JSON.stringify(raw)}`);
  return raw;
}
