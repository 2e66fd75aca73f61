// Notification health on /metrics: deliveries per channel and result, and what waits in each channel's outbox.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChannelStatus, DeliveryEvent } from '../types.js';

/**
 * `result` of srvmon_notifications_total:
 * - `success`: delivered;
 * - `retry`: an attempt failed and another will follow (network, 5xx, rate limit);
 * - `failure`: given up (a permanent error such as 4xx or bad credentials, or retried for 24 h).
 */
export type DeliveryResult = 'success' | 'retry' | 'failure';
export const DELIVERY_RESULTS: readonly DeliveryResult[] = ['success', 'retry', 'failure'];

export function deliveryResult(event: DeliveryEvent): DeliveryResult {
  if (event.ok) return 'success';
  return event.willRetry ? 'retry' : 'failure';
}

export interface ChannelMetricsOptions {
  registry: Registry;
  channels: () => Iterable<ChannelStatus>;
}

export interface ChannelMetrics {
  /** Count one delivery attempt (the exporter feeds this from the store's delivery events). */
  recordDelivery(event: DeliveryEvent): void;
}

export function registerChannelMetrics({ registry, channels }: ChannelMetricsOptions): ChannelMetrics {
  const registers = [registry];

  const notifications = new Counter({
    name: 'srvmon_notifications_total',
    help: 'Delivery attempts per channel since srvmon started; result is success, retry (will try again) or failure (given up). Test alerts count too.',
    labelNames: ['channel', 'result'],
    registers,
    collect() {
      // Every configured channel shows all three results from the first scrape on, so rate() and increase() see the
      // first failure as a change from 0 instead of a series appearing out of nowhere.
      for (const { channel } of channels()) {
        for (const result of DELIVERY_RESULTS) this.inc({ channel, result }, 0);
      }
    },
  });

  new Gauge({
    name: 'srvmon_outbox_depth',
    help: 'Notifications waiting in the outbox of each channel (queued or waiting for a retry).',
    labelNames: ['channel'],
    registers,
    collect() {
      this.reset();
      for (const status of channels()) this.set({ channel: status.channel }, status.queueDepth);
    },
  });

  return {
    recordDelivery(event) {
      notifications.inc({ channel: event.channel, result: deliveryResult(event) });
    },
  };
}
