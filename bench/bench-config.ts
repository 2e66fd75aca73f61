// Configs for in-process measurements, built directly with the defaults the config layer applies (as in the tests).
import type { SrvmonConfig } from '../src/config/config-types.js';
import { resolveRules } from '../src/config/resolve-rules.js';
import { mailConfigSchema } from '../src/notify/mail-config.js';

const MIN = 60_000;

/** srvmon's defaults: cpu 85 over 3 samples, memory 85, disk 90/95; swap and load off unless configured. */
export function benchConfig(partial: Partial<SrvmonConfig> = {}): SrvmonConfig {
  return {
    intervalMs: 1000,
    historyMs: 10 * MIN,
    diskIntervalMs: 30_000,
    rollupMs: null,
    locale: 'en',
    stateDir: '/nonexistent/srvmon-bench-state',
    control: { socket: '/nonexistent/srvmon-bench-state/control.sock' },
    rules: resolveRules(undefined, null).rules,
    channels: {},
    prometheus: {},
    ...partial,
  };
}

/** channels.mail for an SMTP server on 127.0.0.1:port, parsed by the real schema (plain SMTP, no auth). */
export function localMailChannels(port: number): Record<string, unknown> {
  return { mail: mailConfigSchema.parse({ host: '127.0.0.1', port, secure: false, from: 'srvmon <srvmon@bench.invalid>', to: ['ops@bench.invalid'] }) };
}
