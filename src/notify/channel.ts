// The one small interface every notification channel implements (like Alertmanager's Notifier): send one
// notification, answer ok, a retryable error, or a permanent error with a hint the user can act on.
import type { Clock } from '../clock.js';
import type { AlertEvent, Locale } from '../types.js';
import type { DigestMessage } from './policy/digest.js';
import type { ChannelTemplate } from './templates/channel-template.js';

export interface Notification {
  /** The alert event id: stable across retries and restarts (WeChat client_msg_id, dedup keys). */
  id: string;
  event: AlertEvent;
  /** Host name of this server, for subjects and labels. */
  host: string;
  locale: Locale;
  /**
   * Set when this message lists several alerts (a group, a budget summary, a digest after quiet hours); `event` is
   * then its most severe one, for channels that can show only one. The text renderers show the whole list.
   */
  digest?: DigestMessage;
  /** The channel's own template (channels.<name>.template), set by the catalogue: notification-text.ts renders it. */
  template?: ChannelTemplate;
}

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** Network errors, 5xx, busy: try again later. Config, auth, 4xx: don't. */
      retryable: boolean;
      /** Short, secret-free description, e.g. "SMTP 535 authentication failed". */
      error: string;
      /** One line the user can act on, e.g. "check channels.mail.user and pass (QQ Mail wants the authorization code)". */
      hint?: string;
      /** Earliest next attempt the remote asked for (rate limits). */
      retryAfterMs?: number;
      /** Pause the whole channel until this time (e.g. WeChat daily quota); queued notifications wait. */
      pauseUntilMs?: number;
      /**
       * Not attempted at all (a local rate limit said wait retryAfterMs): no attempt is counted and no delivery event
       * is reported; the notification simply waits its turn.
       */
      deferred?: boolean;
    };

export interface Channel {
  /** Config name, as in the channel catalogue (channel-catalogue.ts): mail, wecom, dingtalk... */
  readonly name: string;
  send(notification: Notification): Promise<SendResult>;
  /** Every secret this channel holds, so that any text leaving srvmon can be scrubbed of them. */
  secrets(): string[];
  close?(): Promise<void>;
}

export interface ChannelDeps {
  clock: Clock;
  /** Per-attempt timeout for network calls. @default 10000 */
  timeoutMs?: number;
  /**
   * Optional: the alerts firing right now whose episode was notified, as notifications (same host and locale as the
   * outbox uses). Channels that must keep re-asserting firing alerts (alertmanager) read it on every re-send, so that
   * they resume after a restart and drop alerts that cleared without a notification (e.g. resolved while muted).
   * See firingNotifications() in alertmanager-firing.ts for a builder over the store. Channels may ignore it.
   */
  firing?: () => Notification[];
}
