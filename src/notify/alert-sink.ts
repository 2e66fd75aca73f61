// Where the monitor hands notifications to: the durable outbox and its channels (issue "notification channels").
import type { AlertEvent, DeliveryEvent } from '../types.js';

export interface AlertSink {
  /** Queue a notification for every enabled channel. Must be on disk before it returns (nothing is lost on SIGKILL). */
  enqueue(event: AlertEvent): void;
  /** Send a test notification to every channel at once, bypassing mute, throttle and the queue. */
  sendTest(event: AlertEvent): Promise<DeliveryEvent[]>;
  /** Notifications still queued (e.g. left on disk by the last run), oldest first. */
  pendingEvents?(): AlertEvent[];
  /** Channels configured, in order. */
  channelNames(): string[];
  /** Stop retry timers; queued notifications stay on disk. */
  stop(): Promise<void>;
}

/** No channels configured: alerts go to the alert log and the headless output only. */
export const nullSink: AlertSink = {
  enqueue() {},
  sendTest: async () => [],
  channelNames: () => [],
  stop: async () => {},
};
