// Events and policies for the policy tests.
import type { ChannelPolicyConfig, QuietWindow } from '../../../src/notify/policy/policy-types.js';
import type { AlertEvent } from '../../../src/types.js';

/** 2026-03-05 (a Thursday) 00:00 in Asia/Shanghai (UTC+8). */
export const DAY0 = Date.UTC(2026, 2, 4, 16, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
/** Wall time at local hh:mm in Shanghai, `day` days after DAY0. */
export const at = (hour: number, minute = 0, day = 0) => DAY0 + day * 86_400_000 + hour * HOUR + minute * MIN;

export const NIGHT: QuietWindow = { days: [0, 1, 2, 3, 4, 5, 6], fromMin: 23 * 60, toMin: 7 * 60 + 30, timezone: 'Asia/Shanghai', allow: ['critical'] };

export function policy(over: Partial<ChannelPolicyConfig> = {}): ChannelPolicyConfig {
  return { quietHours: [], groupWaitMs: 0, budgetHoldsCritical: false, ...over };
}

let seq = 0;
export function event(over: Partial<AlertEvent> & { timeMs: number }): AlertEvent {
  const rule = over.rule ?? 'cpu';
  const kind = over.kind ?? (rule.startsWith('disk:') ? 'disk' : (rule as AlertEvent['kind']));
  return {
    type: 'alert',
    id: `e${++seq}`,
    rule,
    kind,
    ...(kind === 'disk' ? { mountpoint: rule.slice(5) } : {}),
    state: 'firing',
    severity: 'warning',
    value: 91,
    threshold: 90,
    window: 3,
    notify: true,
    muted: false,
    message: `${rule} is high`,
    sinceMs: over.timeMs,
    ...over,
  };
}
