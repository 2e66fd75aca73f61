// Builds the notification sink for the configured channels: the durable outbox in the state dir, one worker per
// channel, delivery results and channel health reported into the store.
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import { nullSink, type AlertSink } from '../notify/alert-sink.js';
import { firingNotifications } from '../notify/alertmanager-firing.js';
import { Notifier } from '../notify/notifier.js';
import { buildChannels } from '../notify/registry.js';
import type { MonitorStore } from '../store/monitor-store.js';
import type { DeliveryEvent } from '../types.js';

export function createSink(config: SrvmonConfig, clock: Clock, onDelivery: (event: DeliveryEvent) => void, store: MonitorStore, onWarning: (message: string) => void): AlertSink {
  // One host name for the outbox and the Alertmanager heartbeats, so its `instance` label never changes.
  const host = hostname();
  const channels = buildChannels(config.channels, { clock, firing: () => firingNotifications(store, { host, locale: config.locale }) });
  if (channels.length === 0) return nullSink;
  return new Notifier({
    channels,
    stateDir: config.stateDir,
    clock,
    host,
    locale: config.locale,
    onDelivery,
    onStatus: (status) => store.setChannel(status),
    onWarning,
  });
}
