// The one clearly marked test notification (t in the dashboard, `srvmon test-alert`), in the config's language.
import { randomUUID } from 'node:crypto';
import type { SrvmonConfig } from '../config/config-types.js';
import type { AlertEvent, EpochMs } from '../types.js';

export function buildTestAlert(config: SrvmonConfig, nowMs: EpochMs, cpuPct = 0): AlertEvent {
  const message =
    config.locale === 'zh-CN'
      ? `【测试】srvmon测试告警：通知渠道工作正常，无需处理（当前CPU ${cpuPct.toFixed(1)}%）`
      : `[TEST] srvmon test alert: this channel works, no action needed (CPU now ${cpuPct.toFixed(1)}%)`;
  return {
    type: 'alert',
    id: randomUUID(),
    timeMs: nowMs,
    rule: 'test',
    kind: 'cpu',
    state: 'firing',
    severity: 'warning',
    value: cpuPct,
    threshold: config.rules.cpu.threshold,
    window: 1,
    notify: true,
    muted: false,
    message,
    sinceMs: nowMs,
    test: true,
  };
}
