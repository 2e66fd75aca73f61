// One alert notification for channel tests; overrides change the event.
import type { Notification } from '../../src/notify/channel.js';
import type { AlertEvent } from '../../src/types.js';

export function sampleNotification(overrides: Partial<AlertEvent> = {}, locale: Notification['locale'] = 'en'): Notification {
  const event: AlertEvent = {
    type: 'alert',
    id: 'e42',
    timeMs: Date.UTC(2026, 0, 1, 8, 0, 0),
    rule: 'disk:/data',
    kind: 'disk',
    mountpoint: '/data',
    state: 'firing',
    severity: 'critical',
    value: 96.2,
    threshold: 95,
    window: 3,
    notify: true,
    muted: false,
    message: 'Disk usage of /data 96.2% is above 95%',
    sinceMs: Date.UTC(2026, 0, 1, 7, 45, 0),
    ...overrides,
  };
  return { id: event.id, event, host: 'web-1', locale };
}
