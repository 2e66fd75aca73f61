// The runtime of one channel's policy: feeds events and time to the pure functions of channel-policy.ts, keeps the
// state on disk (policy-store.ts), and hands each message that comes out to the channel's outbox queue. The clock
// is read here only: quiet hours and budgets are wall-clock schedules (clock.nowMs()); the wake-up timer is capped
// so that a wall-clock step is noticed within a minute.
import type { Clock } from '../../clock.js';
import type { AlertEvent } from '../../types.js';
import { admit, emptyPolicyState, nextWakeMs, policyStatus, tick, type PolicyMessage, type PolicyState, type PolicyStep } from './channel-policy.js';
import type { PolicyStore } from './policy-store.js';
import type { ChannelPolicyConfig } from './policy-types.js';

/** The longest sleep between two looks at the wall clock (quiet hours starting, a step of the clock). */
export const MAX_POLICY_SLEEP_MS = 60_000;

export interface PolicyGateOptions {
  config: ChannelPolicyConfig;
  clock: Clock;
  store: PolicyStore;
  /** A message for the channel: it must be in the outbox when this returns. */
  emit: (message: PolicyMessage, nowMs: number) => void;
  /** Called when what policyStatus() says may have changed. */
  onChange: () => void;
  /** The state of the gate this one replaces (SIGHUP), as it is in memory. */
  previous?: PolicyState;
}

export class PolicyGate {
  readonly #options: PolicyGateOptions;
  #state: PolicyState;
  #cancelWake: (() => void) | null = null;
  #stopped = false;
  #lastStatus = '';
  #status: { quietUntilMs?: number; held: number } = { held: 0 };

  constructor(options: PolicyGateOptions) {
    this.#options = options;
    this.#state = options.previous ?? options.store.load() ?? emptyPolicyState();
    // A group whose wait ended while srvmon was down goes out now; held alerts wait for their end as before.
    this.#apply(tick(this.#state, options.config, options.clock.nowMs()));
  }

  admit(event: AlertEvent): void {
    this.#apply(admit(this.#state, this.#options.config, event, this.#options.clock.nowMs()));
  }

  /** As of the last look (at least once a minute with quiet hours configured). */
  status(): { quietUntilMs?: number; held: number } {
    return this.#status;
  }

  /** The alert events this gate holds or groups, the held ones as their episode's latest (for reconcile at start). */
  pendingEvents(): AlertEvent[] {
    const held = this.#state.held.map(({ key, item }): AlertEvent => ({
      type: 'alert',
      id: `held-${key}`,
      timeMs: item.lastMs,
      rule: item.rule,
      kind: item.kind,
      ...(item.mountpoint !== undefined ? { mountpoint: item.mountpoint } : {}),
      state: item.state,
      severity: item.severity,
      value: item.value,
      threshold: item.threshold,
      window: item.window,
      notify: true,
      muted: false,
      message: '',
      sinceMs: item.sinceMs,
    }));
    return [...(this.#state.group?.events ?? []), ...held];
  }

  state(): PolicyState {
    return this.#state;
  }

  stop(): PolicyState {
    this.#stopped = true;
    this.#cancelWake?.();
    this.#cancelWake = null;
    return this.#state;
  }

  #apply(step: PolicyStep): void {
    const nowMs = this.#options.clock.nowMs();
    // Messages go to the outbox before the state that no longer holds them is saved: a crash in between sends a
    // digest twice rather than never.
    for (const message of step.messages) this.#options.emit(message, nowMs);
    this.#state = step.state;
    this.#options.store.save(this.#state);
    this.#status = policyStatus(this.#state, this.#options.config, nowMs);
    const status = JSON.stringify(this.#status);
    if (status !== this.#lastStatus) {
      this.#lastStatus = status;
      this.#options.onChange();
    }
    this.#schedule();
  }

  #schedule(): void {
    this.#cancelWake?.();
    this.#cancelWake = null;
    if (this.#stopped) return;
    const { clock, config } = this.#options;
    const nowMs = clock.nowMs();
    const wakeMs = nextWakeMs(this.#state, config, nowMs);
    // With quiet hours configured the gate also looks once a minute, so the status shows them starting.
    if (wakeMs === undefined && config.quietHours.length === 0) return;
    const delayMs = Math.min(MAX_POLICY_SLEEP_MS, Math.max(0, (wakeMs ?? Infinity) - nowMs));
    this.#cancelWake = clock.setTimeout(() => {
      this.#cancelWake = null;
      this.#apply(tick(this.#state, config, clock.nowMs()));
    }, delayMs);
  }
}
