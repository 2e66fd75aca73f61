// `srvmon test-alert`: one marked test notification through every configured channel; exit 0 only if all got it.
import { Monitor } from '../app/monitor.js';
import { systemClock } from '../clock.js';
import type { CliArgs } from './args.js';
import { loadSinkFactory } from './create-sink.js';
import { loadCliConfig } from './load-cli-config.js';

export async function runTestAlert(args: CliArgs): Promise<number> {
  const loaded = await loadCliConfig(args);
  const monitor = new Monitor({
    config: loaded.config,
    clock: systemClock,
    createSampler: () => ({ start() {}, stop() {} }),
    createSink: await loadSinkFactory(loaded.config, systemClock),
  });
  const channels = monitor.sink.channelNames();
  if (channels.length === 0) {
    process.stderr.write('srvmon: no channel is configured: add one under "channels" in the config (see .srvmonrc.example)\n');
    return 1;
  }
  const results = await monitor.sendTestAlert();
  for (const result of results) {
    const latency = result.latencyMs !== undefined ? ` ${result.latencyMs}ms` : '';
    const line = result.ok
      ? `✓ ${result.channel}${latency}`
      : `✗ ${result.channel}${latency}: ${result.error ?? 'failed'}${result.hint ? `\n    hint: ${result.hint}` : ''}`;
    process.stdout.write(`${line}\n`);
  }
  await monitor.sink.stop();
  return results.length === channels.length && results.every((r) => r.ok) ? 0 : 1;
}
