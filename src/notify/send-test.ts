// A test notification straight through channels, all at once, bypassing mute, throttle and the outbox; one delivery
// result per channel with its latency. Used by the owner (t, `srvmon test-alert` through the socket) and by
// `srvmon test-alert` when no owner runs, which must not touch the owner's queue.
import type { Clock } from '../clock.js';
import { redactText } from '../config/redact.js';
import type { AlertEvent, DeliveryEvent, Locale } from '../types.js';
import type { Channel, SendResult } from './channel.js';

export interface SendTestContext {
  clock: Clock;
  host: string;
  locale: Locale;
  /** Each channel's result as soon as it is in (the dashboard's log shows them one by one). */
  onDelivery?: (delivery: DeliveryEvent) => void;
}

export async function sendTestThrough(channels: readonly Channel[], event: AlertEvent, context: SendTestContext): Promise<DeliveryEvent[]> {
  const { clock, host, locale, onDelivery } = context;
  return Promise.all(
    channels.map(async (channel): Promise<DeliveryEvent> => {
      const startedMonoMs = clock.monoMs();
      let result: SendResult;
      try {
        result = await channel.send({ id: event.id, event, host, locale });
      } catch (error: unknown) {
        result = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
      }
      const delivery: DeliveryEvent = {
        type: 'delivery',
        timeMs: clock.nowMs(),
        alertId: event.id,
        rule: event.rule,
        channel: channel.name,
        ok: result.ok,
        attempt: 1,
        latencyMs: Math.round(clock.monoMs() - startedMonoMs),
        test: true,
        ...(result.ok
          ? {}
          : {
              error: redactText(result.error, channel.secrets()),
              ...(result.hint !== undefined ? { hint: redactText(result.hint, channel.secrets()) } : {}),
              willRetry: false,
            }),
      };
      onDelivery?.(delivery);
      return delivery;
    }),
  );
}
