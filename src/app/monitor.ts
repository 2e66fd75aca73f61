// Wires the pipeline: sampler -> store -> alert engine -> outbox. Views (headless, dashboard, /metrics) subscribe to
// the store and call the command methods here (mute, thresholds, test alert); nothing else changes alert state.
import type { Clock } from '../clock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import { AlertEngine } from '../alerts/engine.js';
import { DiskFillEstimator } from '../alerts/disk-fill.js';
import { reconcileWithQueued } from '../alerts/reconcile.js';
import { RuleSet } from '../alerts/rule-set.js';
import { thresholdError } from '../catalogue/rule-kinds.js';
import { nullSink, type AlertSink } from '../notify/alert-sink.js';
import { AlertLogFile } from '../state/alert-log.js';
import { stateDirWarning } from '../state/state-dir-safety.js';
import { StateFile, type PersistedState } from '../state/state-file.js';
import { LOG_CAPACITY, MonitorStore, type MuteEvent } from '../store/monitor-store.js';
import { RollupFile } from '../store/rollup-file.js';
import { RollupRecorder } from '../store/rollup-recorder.js';
import type { EvidenceSource } from '../evidence/evidence-source.js';
import { DEFAULT_MUTE_MS } from './monitor-port.js';
import { expiredRuleIds, isMutedAt, ruleMuteOf, unknownRuleError } from './mutes.js';
import { buildTestAlert } from './test-alert.js';
import type { AlertEvent, DeliveryEvent, EpochMs, MuteState, RuleMutes, Sample } from '../types.js';

export interface SampleSource {
  start(): void;
  stop(): void;
  setIntervalMs?(intervalMs: number): void;
  setDiskIntervalMs?(diskIntervalMs: number): void;
}

/**
 * Builds the notification sink, given where to report delivery results. On a reload `previous` is the sink being
 * replaced, already stopped: the new one takes over its queue.
 */
export type SinkFactory = (onDelivery: (event: DeliveryEvent) => void, store: MonitorStore, onWarning: (message: string) => void, previous?: AlertSink) => AlertSink;

export interface MonitorOptions {
  config: SrvmonConfig;
  clock: Clock;
  /** Builds the sampler, given where to send samples. */
  createSampler: (onSample: (sample: Sample) => void) => SampleSource;
  createSink?: SinkFactory;
  /** Keep state in memory only (replay, tests). */
  persist?: boolean;
  /** Takes evidence (top processes, CPU split, disk trend) at transitions; none in replay and most tests. */
  createEvidence?: (rollups: RollupRecorder | null) => EvidenceSource;
}

export { DEFAULT_MUTE_MS } from './monitor-port.js';
export { buildTestAlert } from './test-alert.js';

export class Monitor {
  readonly store: MonitorStore;
  readonly #clock: Clock;
  #config: SrvmonConfig;
  #engine: AlertEngine;
  readonly #stateFile: StateFile | null;
  readonly #alertLog: AlertLogFile | null;
  readonly #sampler: SampleSource;
  /** The day of per-minute chart history; null when `rollup: false`. */
  readonly #rollups: RollupRecorder | null;
  #sink: AlertSink;
  readonly #evidence: EvidenceSource | undefined;
  /**
   * Events waiting for their evidence, in order: while any wait, later events queue behind them, so that the outbox
   * and the log see transitions in the order they happened.
   */
  #evidenceChain: Promise<void> = Promise.resolve();
  #waitingForEvidence = 0;
  #state: PersistedState;
  #running = false;
  #stopped = false;
  /** Reloads run one after the other: this is the last one queued (settled, never rejected). */
  #reloadChain: Promise<void> = Promise.resolve();
  /** Counts reload() calls, so that a reload still waiting when a newer one arrives is skipped. */
  #reloadSeq = 0;
  /** Notices raised before start() (state dir problems while loading) wait for the views to subscribe. */
  readonly #diskFill = new DiskFillEstimator();
  #earlyNotices: { level: 'info' | 'warning'; message: string }[] | null = [];

  constructor(options: MonitorOptions) {
    this.#config = options.config;
    this.#clock = options.clock;
    const config = options.config;
    this.store = new MonitorStore(historySamples(config), config.intervalMs);
    const warn = (message: string): void => this.notice('warning', message);
    const persist = options.persist ?? true;
    const unsafeDir = persist ? stateDirWarning(config.stateDir) : undefined;
    if (unsafeDir) warn(unsafeDir);
    this.#stateFile = persist ? new StateFile(config.stateDir, warn) : null;
    this.#alertLog = persist ? new AlertLogFile(config.stateDir, warn) : null;
    this.#state = this.#stateFile?.load() ?? { version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} };
    this.store.overrides = this.#state.overrides;
    this.store.mute = this.#state.mute;
    this.store.ruleMutes = this.#state.ruleMutes;
    if (this.#alertLog) this.store.preloadLog(this.#alertLog.readRecent(LOG_CAPACITY));
    // Persisted with the rest of the state; in memory only for replay and tests. The window is fixed at start.
    this.#rollups =
      config.rollupMs === null
        ? null
        : new RollupRecorder({ clock: this.#clock, file: persist ? new RollupFile(config.stateDir, warn) : null, onWarning: warn, windowMs: config.rollupMs });
    this.#rollups?.load();
    this.store.rollups = this.#rollups;
    this.#sink = this.#buildSink(options.createSink);
    this.#engine = new AlertEngine({
      ruleSet: new RuleSet(config.rules, this.#state.overrides),
      locale: config.locale,
      initialStates: reconcileWithQueued(this.#state.rules, this.#sink.pendingEvents?.() ?? [], this.#clock.nowMs()),
    });
    this.#evidence = options.createEvidence?.(this.#rollups);
    this.#sampler = options.createSampler((sample) => this.handleSample(sample));
  }

  get config(): SrvmonConfig {
    return this.#config;
  }

  get sink(): AlertSink {
    return this.#sink;
  }

  /**
   * Start sampling only, before the views subscribe: the dashboard's modules load meanwhile, so its first frame has
   * data. Alerts found meanwhile are in the store's log; notices wait for start().
   */
  startSampling(): void {
    if (this.#running) return;
    this.#running = true;
    this.#sampler.start();
  }

  /** Views are subscribed: release the notices raised so far and start sampling if not yet started. */
  start(): void {
    this.startSampling();
    const early = this.#earlyNotices ?? [];
    this.#earlyNotices = null;
    for (const { level, message } of early) this.notice(level, message);
    this.store.setRules(this.#engine.statuses());
  }

  /** Stop sampling and retries and flush state. Queued notifications stay in the outbox on disk. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#stopped = true; // a reload under way builds no new sink
    this.#sampler.stop();
    await this.#evidenceChain; // transitions already found are delivered, with their evidence
    this.#rollups?.stop();
    this.#persist();
    await this.#sink.stop();
    await this.#reloadChain;
  }

  handleSample(measured: Sample): void {
    // Derived readings (how fast each disk fills) join the sample first: rules, views and /metrics all see them.
    const sample = this.#diskFill.augment(measured);
    // Rollups first: the views the store's sample event wakes read them.
    this.#rollups?.add(sample);
    this.store.addSample(sample);
    this.#expireMutes(sample.timeMs);
    const { mute, ruleMutes } = this.#state;
    const events = this.#engine.evaluate(sample, (ruleId) => mute !== null || ruleMuteOf(ruleMutes, ruleId) !== undefined);
    const statuses = this.#engine.statuses();
    this.store.setRules(statuses);
    this.#evidence?.observe(sample, statuses);
    if (events.length === 0) return;
    const evidence = this.#evidence;
    if (evidence && (this.#waitingForEvidence > 0 || events.some((event) => evidence.wants(event)))) {
      this.#deliverWithEvidence(evidence, events, sample);
      return;
    }
    this.#deliver(events);
  }

  /** The evidence is taken first (a few hundred ms at most), then the events go out as any other. */
  #deliverWithEvidence(evidence: EvidenceSource, events: AlertEvent[], sample: Sample): void {
    this.#waitingForEvidence++;
    this.#evidenceChain = this.#evidenceChain
      .then(async () => {
        const withEvidence = await Promise.all(
          events.map(async (event) => {
            if (!evidence.wants(event)) return event;
            const found = await evidence.collect(event, sample).catch(() => undefined);
            return found ? { ...event, evidence: found } : event;
          }),
        );
        this.#waitingForEvidence--;
        this.#deliver(withEvidence);
      })
      // What the sampler does for a subscriber that throws on the synchronous path: say so, keep going.
      .catch((error: unknown) => this.notice('warning', `alert delivery failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  #deliver(events: AlertEvent[]): void {
    for (const event of events) {
      // Outbox first, then state: a crash in between repeats a notification at worst, never loses one.
      if (event.notify) this.#sink.enqueue(event);
      this.#record(event);
    }
    this.#persist();
  }

  /** Whether the global mute is in force (single rules' mutes aside). */
  isMuted(nowMs: EpochMs = this.#clock.nowMs()): boolean {
    this.#expireMutes(nowMs);
    return this.#state.mute !== null;
  }

  /**
   * Mute every rule, or only these rule ids, for durationMs, or until unmuted when null. A rule muted again gets the
   * new end. Throws, naming it, for a rule id the monitor does not have.
   */
  mute(durationMs: number | null = DEFAULT_MUTE_MS, rules?: readonly string[]): MuteState {
    const nowMs = this.#clock.nowMs();
    const mute = { sinceMs: nowMs, untilMs: durationMs === null ? null : nowMs + durationMs };
    if (rules === undefined) {
      this.#setMutes(mute, this.#state.ruleMutes, 'mute', null);
    } else {
      const ids = this.#ruleIds(rules);
      this.#setMutes(this.#state.mute, { ...this.#state.ruleMutes, ...Object.fromEntries(ids.map((id) => [id, mute])) }, 'mute', ids);
    }
    return mute;
  }

  /** Without rules: end the global mute and every rule's. With rule ids: end those rules' own mutes. */
  unmute(rules?: readonly string[]): void {
    const { mute, ruleMutes } = this.#state;
    if (rules === undefined) {
      if (mute !== null || Object.keys(ruleMutes).length > 0) this.#setMutes(null, {}, 'unmute', null);
      return;
    }
    const hasMute = (id: string): boolean => ruleMuteOf(ruleMutes, id) !== undefined;
    // A rule that is gone (a disk unmounted, a rule disabled by a reload) can still be unmuted.
    const ended = this.#ruleIds(rules, hasMute).filter(hasMute);
    if (ended.length > 0) this.#setMutes(mute, withoutRules(ruleMutes, ended), 'unmute', ended);
  }

  /** The ids once each, or an error naming the first that is neither a rule of the monitor nor accepted. */
  #ruleIds(rules: readonly string[], accept: (id: string) => boolean = () => false): string[] {
    if (rules.length === 0) throw new Error('no rule given');
    const known = this.#engine.ruleSet.knownRules().map((rule) => rule.id);
    const unknown = rules.find((id) => !known.includes(id) && !accept(id));
    if (unknown !== undefined) throw new Error(unknownRuleError(unknown, known));
    return [...new Set(rules)];
  }

  /** Mutes end by wall time (the person set a time); each sample looks. One event for the global, one for rules. */
  #expireMutes(nowMs: EpochMs): void {
    if (this.#state.mute !== null && !isMutedAt(this.#state.mute, nowMs)) this.#setMutes(null, this.#state.ruleMutes, 'expired', null);
    const expired = expiredRuleIds(this.#state.ruleMutes, nowMs);
    if (expired.length > 0) this.#setMutes(this.#state.mute, withoutRules(this.#state.ruleMutes, expired), 'expired', expired);
  }

  #setMutes(mute: MuteState | null, ruleMutes: RuleMutes, reason: MuteEvent['reason'], rules: string[] | null): void {
    this.#state.mute = mute;
    this.#state.ruleMutes = ruleMutes;
    this.store.mute = mute;
    this.store.ruleMutes = ruleMutes;
    this.#persist();
    this.store.emit({ type: 'mute', reason, rules, mute, ruleMutes, timeMs: this.#clock.nowMs() });
  }

  /**
   * A runtime threshold change: used by the engine at once, persisted in the state dir as an override; the rc file is
   * not rewritten. Returns an error text for an invalid value.
   */
  setThreshold(ruleId: string, threshold: number): string | null {
    const rule = this.#engine.ruleSet.find(ruleId);
    if (!rule) return `unknown rule "${ruleId}"`;
    const error = thresholdError(rule.kind, threshold);
    if (error) return error;
    this.#state.overrides = { ...this.#state.overrides, [ruleId]: Math.round(threshold * 100) / 100 };
    this.#applyRules();
    return null;
  }

  resetOverrides(): void {
    this.#state.overrides = {};
    this.#applyRules();
  }

  #applyRules(): void {
    this.store.overrides = this.#state.overrides;
    this.#engine.setRules(new RuleSet(this.#config.rules, this.#state.overrides), this.#config.locale);
    this.#persist();
    this.store.setRules(this.#engine.statuses());
    this.store.emit({ type: 'overrides' });
  }

  #buildSink(createSink: SinkFactory | undefined, previous?: AlertSink): AlertSink {
    return createSink?.((event) => this.#recordDelivery(event), this.store, (message) => this.notice('warning', message), previous) ?? nullSink;
  }

  /**
   * SIGHUP: apply a new, already validated config. Rule states, mute and overrides are kept. With a sink factory the
   * channels are rebuilt too (a new password, a new receiver): the old workers finish their attempt under way, then
   * the new sink takes over their queue, so nothing queued is lost or sent twice.
   *
   * Reloads never overlap: one that arrives while another is applied waits for it, and of several waiting only the
   * newest is applied (each older one would only be replaced at once). Overlapping reloads each built a sink over
   * the same outbox, and every sink but the last kept sending. Resolves once this reload is applied or skipped.
   */
  reload(config: SrvmonConfig, createSink?: SinkFactory): Promise<void> {
    const seq = ++this.#reloadSeq;
    const run = this.#reloadChain.then(() => (seq === this.#reloadSeq ? this.#applyReload(config, createSink) : undefined));
    this.#reloadChain = run.catch(() => {});
    return run;
  }

  async #applyReload(config: SrvmonConfig, createSink?: SinkFactory): Promise<void> {
    if (this.#stopped) return;
    if (config.rollupMs !== this.#config.rollupMs) this.notice('warning', 'a changed "rollup" takes effect at the next start of srvmon');
    this.#config = config;
    this.store.resizeHistory(historySamples(config), config.intervalMs);
    this.#sampler.setIntervalMs?.(config.intervalMs);
    this.#sampler.setDiskIntervalMs?.(config.diskIntervalMs);
    this.#applyRules();
    if (createSink) {
      const previous = this.#sink;
      await previous.stop();
      if (this.#stopped) return; // stopped meanwhile: no new sink to send from
      this.store.channels.clear();
      this.#sink = this.#buildSink(createSink, previous);
      this.store.emit({ type: 'channels' });
    }
    this.notice('info', 'configuration reloaded');
  }

  /** One clearly marked test notification through every channel, bypassing mute and throttle. */
  async sendTestAlert(): Promise<DeliveryEvent[]> {
    const event = buildTestAlert(this.#config, this.#clock.nowMs(), this.store.latest?.values.cpu);
    this.#record(event);
    if (this.#sink.channelNames().length === 0) {
      this.notice('info', this.#config.locale === 'zh-CN' ? '未配置任何通知渠道：测试告警只记录在日志中' : 'no channel is configured: the test alert went to the log only');
    }
    return this.#sink.sendTest(event);
  }

  notice(level: 'info' | 'warning', message: string): void {
    if (this.#earlyNotices) {
      this.#earlyNotices.push({ level, message });
      return;
    }
    this.store.emit({ type: 'notice', level, message, timeMs: this.#clock.nowMs() });
  }

  #record(event: AlertEvent): void {
    this.#alertLog?.append(event);
    this.store.addLogEntry(event);
  }

  #recordDelivery(event: DeliveryEvent): void {
    this.#alertLog?.append(event);
    this.store.addLogEntry(event);
  }

  #persist(): void {
    this.#state.rules = this.#engine.snapshotStates();
    this.#stateFile?.save(this.#state);
  }
}

function withoutRules(ruleMutes: RuleMutes, ruleIds: readonly string[]): RuleMutes {
  return Object.fromEntries(Object.entries(ruleMutes).filter(([id]) => !ruleIds.includes(id)));
}

export function historySamples(config: SrvmonConfig): number {
  return Math.max(1, Math.ceil(config.historyMs / config.intervalMs));
}
