// Builds the notification sink for the configured channels: the durable outbox in the state dir, one worker per
// channel, delivery results and channel health reported into the store.
import { hostname } from 'node:os';
import type { MonitorOptions } from '../app/monitor.js';
import type { Clock } from '../clock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import { nullSink } from '../notify/alert-sink.js';
import { firingNotifications } from '../notify/alertmanager-firing.js';
import { Notifier } from '../notify/notifier.js';
import { buildChannels } from '../notify/channel-catalogue.js';
import type { MonitorStore } from '../store/monitor-store.js';

/** Loads the configured channels, then returns the sink factory the Monitor calls with its store. */
export async function loadSinkFactory(config: SrvmonConfig, clock: Clock): Promise<NonNullable<MonitorOptions['createSink']>> {
  // One host name for the outbox and the Alertmanager heartbeats, so its `instance` label never changes.
  const host = hostname();
  let store: MonitorStore | undefined;
  const channels = await buildChannels(config.channels, {
    clock,
    firing: () => (store ? firingNotifications(store, { host, locale: config.locale }) : []),
  });
  return (onDelivery, monitorStore, onWarning, previous) => {
    store = monitorStore;
    if (channels.length === 0) return nullSink;
    return new Notifier({
      channels,
      stateDir: config.stateDir,
      clock,
      host,
      locale: config.locale,
      policies: config.policies ?? {},
      onDelivery,
      onStatus: (status) => monitorStore.setChannel(status),
      onWarning,
      // A reload takes over the queues of the sink it replaces, as they are in memory.
      previous: previous instanceof Notifier ? previous : undefined,
    });
  };
}
