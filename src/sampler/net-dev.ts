// Pure parsing of /proc/net/dev and per-interface byte rates from two reads.
import { buildKey } from '../catalogue/metric-keys.js';

export interface NetCounters {
  rxBytes: number;
  txBytes: number;
}

/** Byte counters per interface, loopback excluded (local traffic says nothing about the server's network). */
export function parseNetDev(text: string): Map<string, NetCounters> {
  const counters = new Map<string, NetCounters>();
  for (const line of text.split('\n')) {
    // Split at the colon, not on whitespace: old kernels write `eth0:123456789` with no space once numbers grow.
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const iface = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (iface === '' || iface === 'lo' || fields.length < 16) continue;
    const rxBytes = fields[0]!;
    const txBytes = fields[8]!;
    if (!Number.isFinite(rxBytes) || !Number.isFinite(txBytes)) continue;
    counters.set(iface, { rxBytes, txBytes });
  }
  return counters;
}

/**
 * `netRx:<iface>` / `netTx:<iface>` in bytes per second over elapsedMs. An interface seen for the first time, or a
 * counter that went down (driver reload, 32-bit wrap), gives a gap for that tick rather than a negative or a spike.
 */
export function netRatesBytesPerSec(
  previous: Map<string, NetCounters>,
  current: Map<string, NetCounters>,
  elapsedMs: number,
): Record<string, number> {
  const rates: Record<string, number> = {};
  if (!(elapsedMs > 0)) return rates;
  for (const [iface, now] of current) {
    const before = previous.get(iface);
    if (!before) continue;
    const rxDelta = now.rxBytes - before.rxBytes;
    const txDelta = now.txBytes - before.txBytes;
    if (rxDelta >= 0) rates[buildKey('netRx', iface)] = (rxDelta * 1000) / elapsedMs;
    if (txDelta >= 0) rates[buildKey('netTx', iface)] = (txDelta * 1000) / elapsedMs;
  }
  return rates;
}
