// Shared inputs for the view-model tests: rule statuses, a fixed clock in UTC, both string tables.
import type { RuleStatus } from '../../src/alerts/engine.js';
import type { Rule } from '../../src/types.js';
import { uiStrings } from '../../src/ui/view-models/strings.js';

// Clock texts are local time; pin the zone so the expectations hold on every machine.
process.env.TZ = 'UTC';

export const T0 = Date.UTC(2026, 0, 15, 14, 3, 7);
export const EN = uiStrings('en', false);
export const ZH = uiStrings('zh-CN', false);

export function status(id: string, overrides: Partial<Rule> = {}, firing?: 'warning' | 'critical', average?: number): RuleStatus {
  const kind = (id.startsWith('disk') ? 'disk' : id) as Rule['kind'];
  const metric = kind === 'load' ? 'load1PerCore' : id;
  return {
    rule: { id, kind, metric, threshold: 80, window: 3, clear: 75, repeatMs: 600_000, ...(kind === 'disk' ? { mountpoint: id.slice(5) } : {}), ...overrides },
    state: firing ? { status: 'firing', severity: firing, episodeNotified: true } : { status: 'ok', severity: 'warning', episodeNotified: false },
    average,
  };
}
