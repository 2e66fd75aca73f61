// The generic webhook: one JSON POST per alert to the user's URL. The body is a versioned contract (below) so that
// receivers written against it keep working; it is built from the AlertEvent, never from the localized texts.
import type { Clock } from '../clock.js';
import { urlSecrets } from '../config/redact.js';
import type { AlertEvidence } from '../alerts/evidence.js';
import type { AlertState, Severity } from '../types.js';
import type { DigestMessage } from './policy/digest.js';
import { digestText } from './policy/digest-text.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import { classifyHttpError, DEFAULT_HTTP_TIMEOUT_MS, postJson, proxySecrets } from './http-kit.js';
import type { WebhookConfig } from './webhook-config.js';

/**
 * The JSON body, version 1. Fields may be added within a version, never removed or changed in meaning.
 *
 *     {
 *       "version": 1,
 *       "id": "e42",                  // alert event id: the same on every retry, so receivers can drop duplicates
 *       "host": "web-1",              // host name of the monitored server
 *       "rule": "disk:/data",         // rule id: the kind (cpu, memory...), or <kind>:<instance> (disk:/data, netTx:eth0)
 *       "state": "firing",            // firing | repeat | escalated | resolved
 *       "severity": "critical",       // warning | critical
 *       "value": 96.2,                // the window average that caused the transition
 *       "threshold": 95,              // the level crossed (the clear level for resolved)
 *       "window": 3,                  // number of samples averaged
 *       "message": "Disk usage of /data 96.2% is above 95%",   // in the configured locale
 *       "time": "2026-01-01T08:00:00.000Z",   // ISO 8601 UTC, when the transition happened
 *       "since": "2026-01-01T07:45:00.000Z",  // ISO 8601 UTC, start of the episode
 *       "muted": false,
 *       "test": false,                // true for `srvmon test-alert` and the dashboard's `t`
 *       "durationMs": 900000,         // time - since: how long the episode has lasted
 *       "peak": 97.3,                 // resolved only: the episode's highest window average
 *       "evidence": {                 // when taken (src/alerts/evidence.ts); every part optional
 *         "topByCpu": [{ "name": "python3", "pid": 4121, "user": "app", "cpuPercent": 97 }],
 *         "cpuSplit": { "user": 90, "system": 5, "iowait": 1, "steal": 0 }, "diagnosis": "iowait",
 *         "topByRss": [{ "name": "java", "pid": 88, "user": "app", "rssBytes": 3435973836 }],
 *         "swappingNow": true, "swapInPagesPerSec": 12, "swapOutPagesPerSec": 300,
 *         "disk": { "mount": "/data", "freeBytes": 2147483648, "growthBytesPerHour": 1073741824, "timeLeftMs": 7200000 },
 *         "network": { "interface": "eth0", "direction": "tx", "rxBytesPerSec": 1200000, "txBytesPerSec": 80000000,
 *                      "top": [{ "interface": "eth0", "bytesPerSec": 80000000 }] },   // netRx, netTx; top by direction
 *         "diskIo": { "mount": "/data", "readBytesPerSec": 50000000, "writeBytesPerSec": 120000000, "busyPercent": 98.3 },
 *         "temperatures": [{ "sensor": "coretemp/Package id 0", "celsius": 92.4 }]   // the 3 hottest
 *       },                            // cpu, load, iowait, cpuCore, process: topByCpu, cpuSplit, diagnosis; memory,
 *                                     // swap, processMemory: topByRss, swapping; disk, diskfull: disk; running,
 *                                     // systemd, reboot: none (the message says it)
 *       "digest": {…}                 // only on a message listing several alerts (a group, a budget summary, a
 *                                     // digest after quiet hours): kind, title, lines (text in the locale), items
 *                                     // (rule, state, severity, sinceMs, resolvedMs, value, peak...); the fields
 *                                     // above then describe its most severe alert
 *     }
 * Names, mounts, interfaces and sensors in evidence are the system's text as is: a receiver that renders them must
 * escape them.
 */
export interface WebhookPayload {
  version: 1;
  id: string;
  host: string;
  rule: string;
  state: AlertState;
  severity: Severity;
  value: number;
  threshold: number;
  window: number;
  message: string;
  time: string;
  since: string;
  muted: boolean;
  test: boolean;
  durationMs: number;
  peak?: number;
  evidence?: AlertEvidence;
  digest?: DigestMessage & { title: string; lines: string[] };
}

export function webhookPayload(notification: Notification): WebhookPayload {
  const event = notification.event;
  return {
    version: 1,
    id: notification.id,
    host: notification.host,
    rule: event.rule,
    state: event.state,
    severity: event.severity,
    value: event.value,
    threshold: event.threshold,
    window: event.window,
    message: event.message,
    time: new Date(event.timeMs).toISOString(),
    since: new Date(event.sinceMs).toISOString(),
    muted: event.muted,
    test: event.test === true,
    durationMs: Math.max(0, event.timeMs - event.sinceMs),
    ...(event.peak !== undefined ? { peak: event.peak } : {}),
    ...(event.evidence !== undefined ? { evidence: event.evidence } : {}),
    ...(notification.digest ? { digest: { ...notification.digest, ...digestText(notification.digest, notification.host, notification.locale) } } : {}),
  };
}

export class WebhookChannel implements Channel {
  readonly name = 'webhook';
  readonly #config: WebhookConfig;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #secrets: string[];

  constructor(config: WebhookConfig, deps: ChannelDeps) {
    this.#config = config;
    this.#clock = deps.clock;
    this.#timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.#secrets = [...Object.values(config.headers), ...urlSecrets(config.url), ...proxySecrets(config.proxy)];
  }

  async send(notification: Notification): Promise<SendResult> {
    try {
      await postJson(this.#config.url, webhookPayload(notification), {
        headers: this.#config.headers,
        timeoutMs: this.#timeoutMs,
        proxy: this.#config.proxy,
      });
      return { ok: true };
    } catch (error: unknown) {
      return classifyHttpError(error, {
        secrets: this.#secrets,
        timeoutMs: this.#timeoutMs,
        nowMs: this.#clock.nowMs(),
        hintFor: webhookHint,
      });
    }
  }

  secrets(): string[] {
    return [...this.#secrets];
  }
}

function webhookHint(status: number | undefined): string | undefined {
  if (status === undefined) return undefined;
  if (status >= 300 && status < 400) {
    return 'redirects are not followed (they would carry the headers elsewhere); set channels.webhook.url to the final address';
  }
  if (status === 401 || status === 403) return 'check the credentials in channels.webhook.headers or channels.webhook.url';
  if (status === 404 || status === 405 || status === 410) return 'check channels.webhook.url';
  return undefined;
}

export const createWebhookChannel = (config: WebhookConfig, deps: ChannelDeps): Channel => new WebhookChannel(config, deps);
