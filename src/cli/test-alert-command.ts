// `srvmon test-alert`: one marked test notification through every channel; exit 0 only if all got it.
// With an owner running, through the owner (its channels, its alert log). With none, straight through freshly built
// channels: never through the outbox, so a notification queued there is not sent, moved or removed.
import { hostname } from 'node:os';
import { buildTestAlert } from '../app/test-alert.js';
import { systemClock } from '../clock.js';
import { findOwner, ownerSockets } from '../control/find-owner.js';
import { buildChannels } from '../notify/channel-catalogue.js';
import { sendTestThrough } from '../notify/send-test.js';
import type { DeliveryEvent } from '../types.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stderr, stdout } from './output-stream.js';

export async function runTestAlert(args: CliArgs): Promise<number> {
  const loaded = await loadCliConfig(args);
  const owner = await findOwner(ownerSockets(args.attach, loaded.config.control.socket));
  let results: DeliveryEvent[];
  let expected: number;
  if (owner) {
    try {
      stdout.line(`through srvmon pid ${owner.hello.owner.pid} (${owner.socketPath})`);
      expected = owner.snapshot.channels.length;
      if (expected === 0) return noChannel();
      results = ((await owner.command({ name: 'test-alert' }, 120_000)) as { deliveries: DeliveryEvent[] }).deliveries;
    } finally {
      owner.close();
    }
  } else {
    const channels = await buildChannels(loaded.config.channels, { clock: systemClock });
    expected = channels.length;
    if (expected === 0) return noChannel();
    const event = buildTestAlert(loaded.config, systemClock.nowMs());
    try {
      results = await sendTestThrough(channels, event, { clock: systemClock, host: hostname(), locale: loaded.config.locale });
    } finally {
      await Promise.all(channels.map((c) => c.close?.()));
    }
  }
  for (const result of results) {
    const latency = result.latencyMs !== undefined ? ` ${result.latencyMs}ms` : '';
    stdout.line(
      result.ok
        ? `✓ ${result.channel}${latency}`
        : `✗ ${result.channel}${latency}: ${result.error ?? 'failed'}${result.hint ? `\n    hint: ${result.hint}` : ''}`,
    );
  }
  return results.length === expected && results.every((r) => r.ok) ? 0 : 1;
}

function noChannel(): number {
  stderr.line('srvmon: no channel is configured: add one under "channels" in the config (see .srvmonrc.example)');
  return 1;
}
