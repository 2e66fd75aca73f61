// The Alertmanager channel: firing alerts are POSTed to {url}/api/v2/alerts and then re-asserted every resendInterval
// while they fire, because Alertmanager resolves an alert by itself once its endsAt passes. Like Prometheus, each POST
// sets endsAt = now + 4 x resendInterval, so a few lost re-sends (or a restart of srvmon) do not resolve it falsely.
// A resolve is sent with endsAt = now. Notifications come through the outbox (retries, status); the re-sends are this
// channel's own timer and are best-effort: a failed one is simply repeated at the next tick.
import type { Clock } from '../clock.js';
import { urlSecrets } from '../config/redact.js';
import type { EpochMs } from '../types.js';
import { alertIdentity, labelKey, toPostable, type AlertIdentity, type AlertmanagerAlert } from './alertmanager-alerts.js';
import type { AlertmanagerConfig } from './alertmanager-config.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import { classifyHttpError, DEFAULT_HTTP_TIMEOUT_MS, postJson, proxySecrets } from './http-kit.js';

/** endsAt of a firing alert, in resend intervals from now (Prometheus uses 4 x its resend delay). */
export const ENDS_AT_RESEND_INTERVALS = 4;
/** A test alert clears itself after this long: it should show up in Alertmanager, not linger there. */
export const TEST_ALERT_TTL_MS = 60_000;

export function createAlertmanagerChannel(config: AlertmanagerConfig, deps: ChannelDeps): AlertmanagerChannel {
  return new AlertmanagerChannel(config, deps);
}

export class AlertmanagerChannel implements Channel {
  readonly name = 'alertmanager';
  readonly #config: AlertmanagerConfig;
  readonly #clock: Clock;
  readonly #firing: (() => Notification[]) | undefined;
  readonly #timeoutMs: number;
  readonly #endpoint: string;
  readonly #secrets: string[];
  /** What Alertmanager was last told is firing, by label set: re-sent on every tick. */
  #active = new Map<string, AlertIdentity>();
  #cancelTick: (() => void) | null = null;
  #tick: Promise<void> = Promise.resolve();
  #closed = false;
  #lastResend: SendResult | undefined;

  constructor(config: AlertmanagerConfig, deps: ChannelDeps) {
    this.#config = config;
    this.#clock = deps.clock;
    this.#firing = deps.firing;
    this.#timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.#endpoint = alertsEndpoint(config.url);
    this.#secrets = [
      // The encoded header too: a proxy that echoes Authorization back would otherwise leak the password.
      ...(config.basicAuth ? [config.basicAuth.password, basicCredentials(config.basicAuth)] : []),
      ...(config.bearerToken !== undefined ? [config.bearerToken] : []),
      ...urlSecrets(config.url),
      ...proxySecrets(config.proxy),
    ];
    // With a view of what fires, re-sends run from the start: alerts still firing from before a restart are picked
    // up at the first tick, before Alertmanager's copy (endsAt 4 intervals after our last POST) runs out.
    if (this.#firing) this.#schedule();
  }

  async send(notification: Notification): Promise<SendResult> {
    const nowMs = this.#clock.nowMs();
    const identity = alertIdentity(notification);
    if (notification.event.test) return this.#post([toPostable(identity, nowMs + TEST_ALERT_TTL_MS)]);
    // Any other alert of this rule (the warning one after an escalation) ends now: its label set differs.
    const ended = this.#takeRule(notification.event.rule, identity);
    if (notification.event.state === 'resolved') {
      return this.#post([toPostable(identity, nowMs), ...ended.map((a) => toPostable(a, nowMs))]);
    }
    this.#active.set(labelKey(identity.labels), identity);
    this.#schedule();
    return this.#post([toPostable(identity, this.#firingEndsAtMs(nowMs)), ...ended.map((a) => toPostable(a, nowMs))]);
  }

  /** Re-send every firing alert now (the timer calls this; tests may too). Failures wait for the next tick. */
  resendFiring(): Promise<void> {
    this.#tick = this.#tick.then(() =>
      this.#resend().then(
        (result) => void (this.#lastResend = result),
        // The firing() view is the caller's code: if it throws, the timer must go on and the process stay up.
        (error: unknown) => void (this.#lastResend = { ok: false, retryable: true, error: `re-send failed: ${error instanceof Error ? error.message : String(error)}` }),
      ),
    );
    return this.#tick;
  }

  /** Outcome of the last re-send tick (undefined before the first, or when nothing was firing). */
  get lastResend(): SendResult | undefined {
    return this.#lastResend;
  }

  /** Resolves when the re-send in flight, if any, is done (tests). */
  whenIdle(): Promise<void> {
    return this.#tick;
  }

  /** The label sets Alertmanager is being kept told about (tests, status). */
  activeAlerts(): Record<string, string>[] {
    return [...this.#active.values()].map((a) => ({ ...a.labels }));
  }

  secrets(): string[] {
    return [...this.#secrets];
  }

  async close(): Promise<void> {
    // No resolve is sent on shutdown: the alerts are still true, and a restarted srvmon picks them up again. If it
    // stays down, Alertmanager resolves them at their endsAt.
    this.#closed = true;
    this.#cancelTick?.();
    this.#cancelTick = null;
    await this.#tick;
  }

  async #resend(): Promise<SendResult | undefined> {
    const nowMs = this.#clock.nowMs();
    let ended: AlertIdentity[] = [];
    if (this.#firing) {
      const current = new Map<string, AlertIdentity>();
      for (const notification of this.#firing()) {
        if (notification.event.test || notification.event.state === 'resolved') continue;
        const identity = alertIdentity(notification);
        current.set(labelKey(identity.labels), identity);
      }
      // Told firing before but not firing now, and no resolve came through (muted, or a silent drop from critical to
      // warning): end it rather than let it linger until endsAt.
      ended = [...this.#active].filter(([key]) => !current.has(key)).map(([, identity]) => identity);
      this.#active = current;
    }
    const alerts = [
      ...[...this.#active.values()].map((a) => toPostable(a, this.#firingEndsAtMs(nowMs))),
      ...ended.map((a) => toPostable(a, nowMs)),
    ];
    return alerts.length > 0 ? this.#post(alerts) : undefined;
  }

  #takeRule(ruleId: string, keep: AlertIdentity): AlertIdentity[] {
    const keepKey = labelKey(keep.labels);
    const ended: AlertIdentity[] = [];
    for (const [key, identity] of this.#active) {
      if (identity.labels.rule !== ruleId) continue;
      this.#active.delete(key);
      if (key !== keepKey) ended.push(identity);
    }
    return ended;
  }

  #firingEndsAtMs(nowMs: EpochMs): EpochMs {
    return nowMs + ENDS_AT_RESEND_INTERVALS * this.#config.resendIntervalMs;
  }

  #schedule(): void {
    if (this.#closed || this.#cancelTick) return;
    if (!this.#firing && this.#active.size === 0) return;
    this.#cancelTick = this.#clock.setTimeout(() => {
      this.#cancelTick = null;
      void this.resendFiring().finally(() => this.#schedule());
    }, this.#config.resendIntervalMs);
  }

  async #post(alerts: AlertmanagerAlert[]): Promise<SendResult> {
    const headers: Record<string, string> = {};
    if (this.#config.bearerToken !== undefined) headers.Authorization = `Bearer ${this.#config.bearerToken}`;
    try {
      await postJson(this.#endpoint, alerts, { headers, ...(this.#config.basicAuth ? { auth: this.#config.basicAuth } : {}), timeoutMs: this.#timeoutMs, proxy: this.#config.proxy });
      return { ok: true };
    } catch (error: unknown) {
      return classifyHttpError(error, {
        secrets: this.#secrets,
        timeoutMs: this.#timeoutMs,
        nowMs: this.#clock.nowMs(),
        hintFor: alertmanagerHint,
      });
    }
  }
}

/** {url}/api/v2/alerts, keeping a route prefix (http://host/alertmanager -> http://host/alertmanager/api/v2/alerts). */
export function alertsEndpoint(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/api/v2/alerts`;
  return parsed.toString();
}

function basicCredentials({ username, password }: { username: string; password: string }): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

function alertmanagerHint(status: number | undefined): string | undefined {
  if (status === undefined) return 'check that Alertmanager runs and is reachable at channels.alertmanager.url';
  if (status === 401 || status === 403) return 'check channels.alertmanager.basicAuth (username, password) or channels.alertmanager.bearerToken';
  if (status >= 300 && status < 400) return 'redirects are not followed (they would carry the credentials elsewhere); set channels.alertmanager.url to the final address';
  if (status === 404 || status === 405) {
    return "check channels.alertmanager.url: give Alertmanager's base address (e.g. http://127.0.0.1:9093, with its --web.route-prefix if set); srvmon adds /api/v2/alerts";
  }
  if (status === 400 || status === 422) return 'Alertmanager refused the alert (see the error); check channels.alertmanager.url points at Alertmanager 0.16 or later';
  return undefined;
}
