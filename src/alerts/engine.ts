// The alert engine: keeps one rolling window and one RuleState per rule and turns each sample into transitions.
// It decides nothing about delivery; it only says which transitions should be sent (notify) and why not.
import { randomUUID } from 'node:crypto';
import type { AlertEvent, Locale, Rule, Sample } from '../types.js';
import { formatAlertMessage } from './messages.js';
import { RollingWindow } from './rolling-window.js';
import { INITIAL_RULE_STATE, type RuleState, stepRule } from './rule-step.js';
import type { RuleSet } from './rule-set.js';
import { RULE_KIND_TABLE, ruleInstance, type RuleKindRow } from '../catalogue/rule-kinds.js';

function quietResolve(rule: Rule): boolean {
  return (RULE_KIND_TABLE[rule.kind] as RuleKindRow).quietResolve === true;
}

export interface RuleStatus {
  rule: Rule;
  state: RuleState;
  /** Current window average; undefined until the window is full. */
  average?: number;
}

/** Whether a rule's transitions are held back now (the global mute, or the rule's own). */
export type MutedRule = (ruleId: string) => boolean;

/** Nothing is muted (replay, tests). */
export const NOTHING_MUTED: MutedRule = () => false;

export interface AlertEngineOptions {
  ruleSet: RuleSet;
  locale: Locale;
  /** Persisted states from the last run, so a restart inside the repeat window does not notify again. */
  initialStates?: Record<string, RuleState>;
  newId?: () => string;
}

export class AlertEngine {
  #ruleSet: RuleSet;
  #locale: Locale;
  #states = new Map<string, RuleState>();
  #windows = new Map<string, RollingWindow>();
  #averages = new Map<string, number | undefined>();
  readonly #newId: () => string;

  constructor(options: AlertEngineOptions) {
    this.#ruleSet = options.ruleSet;
    this.#locale = options.locale;
    this.#newId = options.newId ?? randomUUID;
    for (const [id, state] of Object.entries(options.initialStates ?? {})) this.#states.set(id, state);
  }

  /** Swap rules (SIGHUP reload, threshold override). States are kept; windows are kept when the size is unchanged. */
  setRules(ruleSet: RuleSet, locale: Locale = this.#locale): void {
    this.#ruleSet = ruleSet;
    this.#locale = locale;
  }

  get ruleSet(): RuleSet {
    return this.#ruleSet;
  }

  evaluate(sample: Sample, isMuted: MutedRule): AlertEvent[] {
    const events: AlertEvent[] = [];
    for (const rule of this.#ruleSet.rulesFor(Object.keys(sample.values))) {
      const average = this.#observe(rule, sample.values[rule.metric]);
      const prev = this.#states.get(rule.id) ?? INITIAL_RULE_STATE;
      const muted = isMuted(rule.id);
      const { next, transition } = stepRule(prev, average, rule, sample.timeMs, muted);
      // A kind whose event is the news (a reboot) records its end without sending it.
      if (transition?.state === 'resolved' && quietResolve(rule)) transition.notify = false;
      if (next !== prev) this.#states.set(rule.id, next);
      if (!transition || average === undefined) continue;
      events.push({
        type: 'alert',
        id: this.#newId(),
        timeMs: sample.timeMs,
        rule: rule.id,
        kind: rule.kind,
        ...(rule.mountpoint !== undefined ? { mountpoint: rule.mountpoint } : {}),
        state: transition.state,
        severity: transition.severity,
        // Raw: every text formats it once (formatValue); rounding here too made the line and message disagree.
        value: average,
        threshold: transition.level,
        window: rule.window,
        notify: transition.notify,
        muted,
        ...(transition.suppressedBy ? { suppressedBy: transition.suppressedBy } : {}),
        message: formatAlertMessage(
          {
            kind: rule.kind,
            instance: ruleInstance(rule.id),
            state: transition.state,
            severity: transition.severity,
            value: average,
            level: transition.level,
            window: rule.window,
            durationMs: Math.max(0, sample.timeMs - transition.sinceMs), // never negative across a clock step
            values: sample.values,
            subject: sample.subjects?.[rule.metric],
          },
          this.#locale,
        ),
        sinceMs: transition.sinceMs,
        ...(transition.peak !== undefined ? { peak: transition.peak } : {}),
      });
    }
    return events;
  }

  #observe(rule: Rule, value: number | undefined): number | undefined {
    let window = this.#windows.get(rule.id);
    if (!window || window.size !== rule.window) {
      window = new RollingWindow(rule.window);
      this.#windows.set(rule.id, window);
    }
    if (value === undefined || !Number.isFinite(value)) window.gap();
    else window.push(value);
    const average = window.average();
    this.#averages.set(rule.id, average);
    return average;
  }

  /** Every known rule with its state and current average, for views. */
  statuses(): RuleStatus[] {
    return this.#ruleSet.knownRules().map((rule) => ({
      rule,
      state: this.#states.get(rule.id) ?? INITIAL_RULE_STATE,
      average: this.#averages.get(rule.id),
    }));
  }

  /** Rule states to persist. */
  snapshotStates(): Record<string, RuleState> {
    return Object.fromEntries(this.#states);
  }
}
