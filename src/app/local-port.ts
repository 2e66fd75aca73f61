// The in-process Monitor as the MonitorPort the dashboard uses (the other implementation is the control-socket
// client, control/remote-monitor.ts).
import type { Monitor } from './monitor.js';
import type { MonitorPort } from './monitor-port.js';

export function localPort(monitor: Monitor): MonitorPort {
  return {
    store: monitor.store,
    get locale() {
      return monitor.config.locale;
    },
    commands: {
      mute: async (durationMs, rules) => monitor.mute(durationMs, rules),
      unmute: async (rules) => monitor.unmute(rules),
      setThreshold: async (ruleId, threshold) => monitor.setThreshold(ruleId, threshold),
      resetOverrides: async () => monitor.resetOverrides(),
      sendTestAlert: () => monitor.sendTestAlert(),
    },
    link: () => ({ kind: 'local' }),
  };
}
