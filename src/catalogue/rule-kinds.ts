// The catalogue of rule kinds: one row per kind says what it reads, in which unit, its defaults, its names in both
// languages, its dashboard step and its Prometheus gauge. Config schema, defaults, effective config, the engine's
// rule set, messages, threshold bounds, state validation, the UI and /metrics all read this table, so a new kind is a
// reader (src/sampler) that emits its metric key, a row here, and its section in .srvmonrc.example.
//
// Kinds of event without a numeric threshold (running, systemd, reboot) are rows whose metric is a 0/1 state (1 = the
// bad condition: no such process, unit failed, booted since the last run) in the `state` unit (value-units.ts:
// threshold 0.9, clear 0.1, so a window of up to 10 samples fires when all saw it and resolves when none did): the
// same engine gives them window, hysteresis, repeat, escalation and mute. Their `sentence` says what happened in
// words; their readers are in src/sampler/events/, their own settings in src/config/event-rule-fields.ts.
//
// A keyed kind (`metric: { family }`) gets one rule per instance the sampler reports, with id `<kind>:<instance>`
// and the kind's section for every instance (rule-set.ts buildKeyedRule). A row with `instances` (instance-sections.ts)
// also takes per-instance sections (`mounts`, `interfaces`) and an `exclude` list: the schema, resolve-rules.ts, the
// rule set and the effective config read them from there, for every such kind alike.
import type { AlertState, Locale, SampleSubject, Severity } from '../types.js';
import type { MetricFamily } from './metric-keys.js';
import { FAMILY_INSTANCES, buildKey, parseKey } from './metric-keys.js';
import { VALUE_UNITS, withinBounds, type ValueUnitName } from './value-units.js';
import { formatBytes } from './byte-rates.js';
import { formatTimeLeft, formatTimeLeftZh } from './fill-horizon.js';
import { INTERFACE_SECTIONS, MOUNT_SECTIONS, SENSOR_SECTIONS, type InstanceSections } from './instance-sections.js';

export interface RuleKindDefaults {
  /** Whether the rule runs when its section is absent; a present section enables it unless it says otherwise. */
  enabledWhenAbsent: boolean;
  threshold: number;
  critical?: number;
  /** Samples averaged. */
  window: number;
  /** While still firing, notify again at most this often. */
  repeatMs: number;
}

/** What a kind reads: one sample key, or one rule per instance of a keyed family (per mount, interface, core...). */
export type RuleMetric = { key: string } | { family: MetricFamily };

export interface RuleKindRow {
  unit: ValueUnitName;
  metric: RuleMetric;
  defaults: RuleKindDefaults;
  /** Said after "must be a number above 0" in a bad threshold's error: ` (load1 per core)`. */
  thresholdHint?: string;
  /** The metric's name in a message: `Disk usage of /data`. `instance` is the keyed family's (a mount point). */
  names: Record<Locale, (instance: string | undefined) => string>;
  /** Short label for the dashboard, subjects and Alertmanager: `Disk /data`. */
  labels: Record<Locale, (instance: string | undefined) => string>;
  /** How much the dashboard's `+`/`-` move the threshold. */
  step: number;
  /**
   * The /metrics gauge that shows the kind's reading. A name alone points at a row of metric-gauges.ts (load shows
   * load1 there, not per core); with `help` too, and no such row, /metrics makes the gauge from this row: the kind's
   * key (or family, labelled), percent as a 0-1 ratio.
   */
  gauge: { name: string; help?: string };
  /** Per-instance sections and an exclude list in the file (keyed kinds only). */
  instances?: InstanceSections;
  /** A kind whose readings do not read as "X is above Y" writes its own sentences (diskfull: "full in about 5 h"). */
  sentences?: Record<Locale, (m: SentenceInput) => string>;
  /**
   * The kind's own sentence, for kinds whose number alone reads badly (0/1 states, a process that has a name):
   * it must start with `names[locale](instance)`. Without it messages.ts says "<name> <value> is above <level>".
   */
  sentence?: Record<Locale, (m: KindMessage) => string>;
  /** Resolves are recorded but not sent: the event was the news (a reboot), its end is not. */
  quietResolve?: boolean;
}


/** What a kind's own sentence gets: the transition, and the sample's other readings (a growth rate...). */
export interface SentenceInput {
  instance: string | undefined;
  state: AlertState;
  severity: Severity;
  value: number;
  level: number;
  window: number;
  durationMs: number;
  /** The sample the transition happened on, when the engine has it. */
  values?: Readonly<Record<string, number>>;
  /** The episode's duration as the message's locale writes it. */
  duration: string;
}


/** What a kind's sentence gets: the texts already formatted by messages.ts. */
export interface KindMessage {
  state: AlertState;
  severity: Severity;
  instance: string | undefined;
  subject: SampleSubject | undefined;
  value: string;
  level: string;
  /** The episode's duration (repeat, resolved). */
  duration: string;
  /** The subject's forMs, formatted, when it has one. */
  subjectFor: string | undefined;
  /** The subject's sinceMs as local HH:MM (with the date when not within the last 20 h). */
  subjectSince: string | undefined;
}

const DEFAULT_REPEAT_MS = 30 * 60_000;

export const RULE_KIND_TABLE = {
  cpu: {
    unit: 'percent',
    metric: { key: 'cpu' },
    defaults: { enabledWhenAbsent: true, threshold: 85, window: 3, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'CPU usage', 'zh-CN': () => 'CPU使用率' },
    labels: { en: () => 'CPU', 'zh-CN': () => 'CPU' },
    step: 1,
    gauge: { name: 'srvmon_cpu_usage_ratio' },
  },
  memory: {
    unit: 'percent',
    metric: { key: 'memory' },
    defaults: { enabledWhenAbsent: true, threshold: 85, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'Memory usage', 'zh-CN': () => '内存使用率' },
    labels: { en: () => 'Memory', 'zh-CN': () => '内存' },
    step: 1,
    gauge: { name: 'srvmon_memory_usage_ratio' },
  },
  // Swap use is normal on many hosts and load depends on the workload: opt-in.
  swap: {
    unit: 'percent',
    metric: { key: 'swap' },
    defaults: { enabledWhenAbsent: false, threshold: 80, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'Swap usage', 'zh-CN': () => '交换分区使用率' },
    labels: { en: () => 'Swap', 'zh-CN': () => '交换分区' },
    step: 1,
    gauge: { name: 'srvmon_swap_usage_ratio' },
  },
  load: {
    unit: 'load',
    metric: { key: 'load1PerCore' },
    defaults: { enabledWhenAbsent: false, threshold: 2, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    thresholdHint: ' (load1 per core)',
    names: { en: () => 'Load per core', 'zh-CN': () => '每核负载' },
    labels: { en: () => 'Load', 'zh-CN': () => '负载' },
    // Per-core ratios sit around 1-2: a step of 1 would be far too coarse.
    step: 0.1,
    gauge: { name: 'srvmon_load1' },
  },
  disk: {
    unit: 'percent',
    metric: { family: 'disk' },
    defaults: { enabledWhenAbsent: true, threshold: 90, critical: 95, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (mount) => `Disk usage of ${mount}`, 'zh-CN': (mount) => `磁盘${mount}使用率` },
    labels: { en: (mount) => `Disk ${mount ?? ''}`.trim(), 'zh-CN': (mount) => `磁盘 ${mount ?? ''}`.trim() },
    step: 1,
    gauge: { name: 'srvmon_filesystem_usage_ratio' },
    instances: MOUNT_SECTIONS,
  },
  // Time the CPUs sat idle waiting for disk I/O (from /proc/stat). Some is normal on busy database hosts: opt-in.
  iowait: {
    unit: 'percent',
    metric: { key: 'iowait' },
    defaults: { enabledWhenAbsent: false, threshold: 30, window: 5, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'CPU iowait', 'zh-CN': () => 'CPU I/O等待' },
    labels: { en: () => 'iowait', 'zh-CN': () => 'I/O等待' },
    step: 1,
    gauge: { name: 'srvmon_cpu_iowait_ratio', help: 'Share of CPU time spent idle waiting for disk I/O, 0-1.' },
  },
  // One rule per core: a single-threaded job pinning one core never moves the average of many. Opt-in.
  cpuCore: {
    unit: 'percent',
    metric: { family: 'cpu' },
    defaults: { enabledWhenAbsent: false, threshold: 95, window: 10, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (core) => `CPU usage of core ${core ?? ''}`.trim(), 'zh-CN': (core) => `CPU核心${core ?? ''}使用率` },
    labels: { en: (core) => `CPU ${core ?? ''}`.trim(), 'zh-CN': (core) => `CPU核心 ${core ?? ''}`.trim() },
    step: 1,
    gauge: { name: 'srvmon_cpu_usage_ratio' },
  },
  // Network rates per interface, received and sent apart (a backup saturates one direction). Opt-in: what is a lot
  // depends on the link. Thresholds take units: 100Mbit, 20MB/s.
  netRx: {
    unit: 'bytesPerSecond',
    metric: { family: 'netRx' },
    defaults: { enabledWhenAbsent: false, threshold: 100e6, window: 5, repeatMs: DEFAULT_REPEAT_MS },
    thresholdHint: ' (bytes per second, or a rate such as "800Mbit")',
    names: { en: (name) => `Network receive on ${name}`, 'zh-CN': (name) => `网卡${name}接收速率` },
    labels: { en: (name) => `Rx ${name ?? ''}`.trim(), 'zh-CN': (name) => `接收 ${name ?? ''}`.trim() },
    step: 1e6,
    gauge: { name: 'srvmon_network_receive_bytes_per_second' },
    instances: INTERFACE_SECTIONS,
  },
  netTx: {
    unit: 'bytesPerSecond',
    metric: { family: 'netTx' },
    defaults: { enabledWhenAbsent: false, threshold: 100e6, window: 5, repeatMs: DEFAULT_REPEAT_MS },
    thresholdHint: ' (bytes per second, or a rate such as "800Mbit")',
    names: { en: (name) => `Network transmit on ${name}`, 'zh-CN': (name) => `网卡${name}发送速率` },
    labels: { en: (name) => `Tx ${name ?? ''}`.trim(), 'zh-CN': (name) => `发送 ${name ?? ''}`.trim() },
    step: 1e6,
    gauge: { name: 'srvmon_network_transmit_bytes_per_second' },
    instances: INTERFACE_SECTIONS,
  },
  // Busy share of the device under a mount (/proc/diskstats io_ticks): a saturated disk, whatever its free space.
  diskio: {
    unit: 'percent',
    metric: { family: 'diskBusy' },
    defaults: { enabledWhenAbsent: false, threshold: 90, window: 30, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (mount) => `Disk busy time of ${mount}`, 'zh-CN': (mount) => `磁盘${mount}繁忙度` },
    labels: { en: (mount) => `I/O ${mount ?? ''}`.trim(), 'zh-CN': (mount) => `磁盘I/O ${mount ?? ''}`.trim() },
    step: 1,
    gauge: { name: 'srvmon_disk_busy_ratio', help: 'Share of time the device under the mountpoint was busy with I/O, 0-1.' },
    instances: MOUNT_SECTIONS,
  },
  // Sensors of /sys/class/thermal and hwmon, in °C. Opt-in: safe limits differ per chip.
  temperature: {
    unit: 'celsius',
    metric: { family: 'temp' },
    defaults: { enabledWhenAbsent: false, threshold: 85, window: 3, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (sensor) => `Temperature of ${sensor}`, 'zh-CN': (sensor) => `${sensor}温度` },
    labels: { en: (sensor) => `Temp ${sensor ?? ''}`.trim(), 'zh-CN': (sensor) => `温度 ${sensor ?? ''}`.trim() },
    step: 1,
    gauge: { name: 'srvmon_temperature_celsius', help: 'Temperature of the sensor in degrees Celsius.' },
    instances: SENSOR_SECTIONS,
  },
  // A filesystem that will be full within the horizon at the rate it filled over the last hour (disk-fill.ts). The
  // threshold is the horizon, written as a duration (`24h`); needs 15 minutes of history first. Opt-in.
  diskfull: {
    unit: 'fillPerHour',
    metric: { family: 'diskFill' },
    defaults: { enabledWhenAbsent: false, threshold: 1 / 24, window: 1, repeatMs: 6 * 3_600_000 },
    thresholdHint: ' (write the horizon as a duration, e.g. "24h")',
    names: { en: (mount) => mount ?? 'a disk', 'zh-CN': (mount) => `磁盘${mount ?? ''}` },
    labels: { en: (mount) => `Full ${mount ?? ''}`.trim(), 'zh-CN': (mount) => `写满 ${mount ?? ''}`.trim() },
    // A tenth of a 24 h horizon's rate per press (+ shortens the horizon); the palette takes exact values.
    step: 1 / 240,
    gauge: { name: 'srvmon_filesystem_fill_per_hour', help: 'Share of the free space the last hour\'s growth uses per hour (1 / hours left; 0 when not filling).' },
    instances: MOUNT_SECTIONS,
    sentences: { en: diskFullEn, 'zh-CN': diskFullZh },
  },
  // The busiest process (of those not excluded) over the window: reading the process table costs CPU, so opt-in.
  process: {
    unit: 'corePercent',
    metric: { key: 'processCpu' },
    defaults: { enabledWhenAbsent: false, threshold: 90, window: 60, repeatMs: DEFAULT_REPEAT_MS },
    thresholdHint: ' (% of one core)',
    names: { en: () => 'Busiest process', 'zh-CN': () => '最忙进程' },
    labels: { en: () => 'Process CPU', 'zh-CN': () => '进程CPU' },
    step: 5,
    gauge: {
      name: 'srvmon_process_top_cpu_ratio',
      help: 'CPU of the busiest process not excluded by rules.process.exclude, 1 = one core; present while the process rule is on.',
    },
    sentence: {
      en: (m) => {
        const who = processWho(m.subject, 'en');
        if (m.state === 'resolved') return `Busiest process${who} is back below ${m.level} CPU, at ${m.value} (after ${m.duration})`;
        const still = m.state === 'repeat' ? 'still ' : '';
        const lasting = m.state === 'repeat' ? m.duration : m.subjectFor;
        return `Busiest process${who} ${still}at ${m.value} CPU${lasting ? ` for ${lasting}` : ''}, above ${m.severity === 'critical' ? 'the critical level ' : ''}${m.level}`;
      },
      'zh-CN': (m) => {
        const who = processWho(m.subject, 'zh-CN');
        if (m.state === 'resolved') return `最忙进程${who}的CPU已恢复至${m.value}，低于${m.level}（持续${m.duration}）`;
        const lasting = m.state === 'repeat' ? m.duration : m.subjectFor;
        const urge = m.state === 'escalated' ? '请立即处理' : '请关注';
        return `最忙进程${who}的CPU为${m.value}${lasting ? `，已持续${lasting}` : ''}，超过了${m.severity === 'critical' ? '严重阈值' : ''}${m.level}，${urge}`;
      },
    },
  },
  // The largest process by RSS, as % of MemTotal, from the same process table read: opt-in like `process`.
  processMemory: {
    unit: 'percent',
    metric: { key: 'processMemory' },
    defaults: { enabledWhenAbsent: false, threshold: 50, window: 60, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'Largest process', 'zh-CN': () => '最大进程' },
    labels: { en: () => 'Process RSS', 'zh-CN': () => '进程内存' },
    step: 5,
    gauge: {
      name: 'srvmon_process_top_rss_ratio',
      help: 'RSS of the largest process not excluded by rules.processMemory.exclude, 0-1 of MemTotal; present while that rule is on.',
    },
    sentence: {
      en: (m) => {
        const who = processWho(m.subject, 'en');
        if (m.state === 'resolved') return `Largest process${who} is back below ${m.level} of memory, at ${m.value} (after ${m.duration})`;
        const still = m.state === 'repeat' ? 'still ' : '';
        const lasting = m.state === 'repeat' ? m.duration : m.subjectFor;
        return `Largest process${who} ${still}holds ${m.value} of memory${lasting ? ` for ${lasting}` : ''}, above ${m.severity === 'critical' ? 'the critical level ' : ''}${m.level}`;
      },
      'zh-CN': (m) => {
        const who = processWho(m.subject, 'zh-CN');
        if (m.state === 'resolved') return `最大进程${who}的内存占用已恢复至${m.value}，低于${m.level}（持续${m.duration}）`;
        const lasting = m.state === 'repeat' ? m.duration : m.subjectFor;
        const urge = m.state === 'escalated' ? '请立即处理' : '请关注';
        return `最大进程${who}的内存占用为${m.value}${lasting ? `，已持续${lasting}` : ''}，超过了${m.severity === 'critical' ? '严重阈值' : ''}${m.level}，${urge}`;
      },
    },
  },
  // `rules.running: [nginx, postgres]`: one rule per name, firing while no process of that name runs.
  running: {
    unit: 'state',
    metric: { family: 'procMissing' },
    defaults: { enabledWhenAbsent: false, threshold: 0.9, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (name) => `Process ${name}`, 'zh-CN': (name) => `进程${name}` },
    labels: { en: (name) => `Running ${name ?? ''}`.trim(), 'zh-CN': (name) => `运行 ${name ?? ''}`.trim() },
    step: 0.1,
    gauge: { name: 'srvmon_process_missing', help: '1 while no process of this name runs (rules.running), 0 while one does.' },
    sentence: {
      en: (m) =>
        m.state === 'resolved'
          ? `Process ${m.instance} is running again (after ${m.duration})`
          : m.state === 'repeat'
            ? `Process ${m.instance} is still not running (for ${m.duration})`
            : `Process ${m.instance} is not running`,
      'zh-CN': (m) =>
        m.state === 'resolved'
          ? `进程${m.instance}已恢复运行（中断${m.duration}）`
          : m.state === 'repeat'
            ? `进程${m.instance}仍未运行，已${m.duration}，请关注`
            : `进程${m.instance}未在运行，${m.state === 'escalated' ? '请立即处理' : '请关注'}`,
    },
  },
  // Units in the failed state, on a slow cadence (rules.systemd.interval); off where PID 1 is not systemd.
  systemd: {
    unit: 'state',
    metric: { family: 'unitFailed' },
    defaults: { enabledWhenAbsent: false, threshold: 0.9, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: (unit) => `Unit ${unit}`, 'zh-CN': (unit) => `服务单元${unit}` },
    labels: { en: (unit) => `Unit ${unit ?? ''}`.trim(), 'zh-CN': (unit) => `单元 ${unit ?? ''}`.trim() },
    step: 0.1,
    gauge: { name: 'srvmon_systemd_unit_failed', help: '1 while the systemd unit is failed, 0 once it is not (units seen failed since start).' },
    sentence: {
      en: (m) =>
        m.state === 'resolved'
          ? `Unit ${m.instance} is no longer failed (after ${m.duration})`
          : m.state === 'repeat'
            ? `Unit ${m.instance} is still failed (for ${m.duration})`
            : `Unit ${m.instance} has failed`,
      'zh-CN': (m) =>
        m.state === 'resolved'
          ? `服务单元${m.instance}已不再处于失败状态（持续${m.duration}）`
          : m.state === 'repeat'
            ? `服务单元${m.instance}仍处于失败状态，已${m.duration}，请关注`
            : `服务单元${m.instance}已失败（failed），${m.state === 'escalated' ? '请立即处理' : '请关注'}`,
    },
  },
  // One notice per boot: the boot id in the state dir differs from this boot's. It costs one read at start, but it is
  // off by default like the other event kinds: an upgrade must not start sending a kind of notice nobody asked for,
  // and a rule that is on shows in every side bar, status and /metrics. `reboot: true` turns it on.
  reboot: {
    unit: 'state',
    metric: { key: 'rebooted' },
    defaults: { enabledWhenAbsent: false, threshold: 0.9, window: 1, repeatMs: DEFAULT_REPEAT_MS },
    names: { en: () => 'Host', 'zh-CN': () => '主机' },
    labels: { en: () => 'Reboot', 'zh-CN': () => '重启' },
    step: 0.1,
    gauge: { name: 'srvmon_rebooted', help: '1 in the samples that report a reboot since the last run (rules.reboot), else 0.' },
    sentence: {
      en: (m) => {
        const host = m.subject ? ` ${m.subject.name}` : '';
        if (m.state === 'resolved') return `Host${host}: reboot recorded`;
        return `Host${host} rebooted${m.subjectSince ? ` at ${m.subjectSince}` : ''}${m.subjectFor ? `, up ${m.subjectFor}` : ''}`;
      },
      'zh-CN': (m) => {
        const host = m.subject ? m.subject.name : '';
        if (m.state === 'resolved') return `主机${host}的重启已记录`;
        return `主机${host}${m.subjectSince ? `于${m.subjectSince}` : ''}重启${m.subjectFor ? `，已运行${m.subjectFor}` : ''}，请关注`;
      },
    },
    quietResolve: true,
  },
} as const satisfies Record<string, RuleKindRow>;

/** ` python3 (pid 4121, user app)`, or '' without a subject (replay traces carry none). */
function processWho(subject: SampleSubject | undefined, locale: Locale): string {
  if (!subject) return '';
  const parts = [subject.pid !== undefined ? `pid ${subject.pid}` : undefined, subject.user !== undefined ? (locale === 'en' ? `user ${subject.user}` : `用户 ${subject.user}`) : undefined].filter(Boolean);
  if (parts.length === 0) return ` ${subject.name}`;
  return locale === 'en' ? ` ${subject.name} (${parts.join(', ')})` : ` ${subject.name}（${parts.join('，')}）`;
}

export type RuleKind = keyof typeof RULE_KIND_TABLE;

/** Every kind, in the table's order (the order of the side bar, check-config and the example file). */
export const RULE_KINDS = Object.keys(RULE_KIND_TABLE) as [RuleKind, ...RuleKind[]];

export function ruleKindRow(kind: RuleKind): RuleKindRow {
  return RULE_KIND_TABLE[kind];
}

/** The family a keyed kind reads (`disk`), or undefined for a kind that reads one key. */
export function keyedFamily(kind: RuleKind): MetricFamily | undefined {
  const metric: RuleMetric = RULE_KIND_TABLE[kind].metric;
  return 'family' in metric ? metric.family : undefined;
}

/** Kinds with one rule per instance (per mount...). */
export const KEYED_KINDS = RULE_KINDS.filter((kind) => keyedFamily(kind) !== undefined);

/** The id of a keyed kind's rule for one instance: `disk:/data`. Plain kinds' ids are the kind itself. */
export function keyedRuleId(kind: RuleKind, instance: string): string {
  return buildKey(kind, instance);
}

/** The sample key a rule reads: `cpu` -> `cpu`, `load` -> `load1PerCore`, `disk` + `/data` -> `disk:/data`. */
export function metricKeyOf(kind: RuleKind, instance?: string): string {
  const metric: RuleMetric = RULE_KIND_TABLE[kind].metric;
  if ('key' in metric) return metric.key;
  if (instance === undefined) throw new Error(`rule kind ${kind} needs an instance`);
  return buildKey(metric.family, instance);
}

/** The kind and instance a rule id names (`cpu`, `disk` for all disks, `disk:/data`), or undefined for no rule. */
export function parseRuleId(ruleId: string): { kind: RuleKind; instance?: string } | undefined {
  if (Object.hasOwn(RULE_KIND_TABLE, ruleId)) return { kind: ruleId as RuleKind };
  const parsed = parseKey(ruleId);
  if (!parsed) return undefined;
  const kind = KEYED_KINDS.find((k) => k === parsed.family);
  return kind === undefined ? undefined : { kind, instance: parsed.instance };
}

/** The instance a rule id names (`/data` for `disk:/data`), undefined for a plain kind's rule. */
export function ruleInstance(ruleId: string): string | undefined {
  return parseRuleId(ruleId)?.instance;
}

/** The label that carries a keyed rule's instance (`mountpoint` for disk), or undefined for a plain kind. */
export function instanceLabel(kind: RuleKind): string | undefined {
  const family = keyedFamily(kind);
  return family === undefined ? undefined : FAMILY_INSTANCES[family].label;
}

/** The kind of rule an id names, or undefined for an id no rule can have. */
export function ruleKindOfId(ruleId: string): RuleKind | undefined {
  return parseRuleId(ruleId)?.kind;
}

/** Hysteresis when the file sets no clear level: per unit (percent: 5 points below, load: 90%). */
export function defaultClear(kind: RuleKind, threshold: number): number {
  return VALUE_UNITS[RULE_KIND_TABLE[kind].unit].defaultClear(threshold);
}

/** Why a threshold is not acceptable for a rule of this kind, or null when it is. */
export function thresholdError(kind: RuleKind, threshold: unknown): string | null {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) return 'threshold must be a number';
  const unit = VALUE_UNITS[RULE_KIND_TABLE[kind].unit];
  if (withinBounds(unit, threshold)) return null;
  // Open-ended units name the kind ("load threshold must be above 0"); bounded ones give the range.
  return unit.max === undefined ? `${kind} threshold ${unit.boundsText.replace(/^above/, 'must be above')}` : `threshold must be ${unit.boundsText}`;
}

/** The levels of a rule or rule section: what a runtime threshold change moves. */
export interface Levels {
  threshold: number;
  clear: number;
  critical?: number | undefined;
}

/**
 * The one policy for a runtime threshold change (dashboard, palette, control socket, state.json overrides; the
 * engine and check-config both use it): keep the hysteresis gap of the config (threshold - clear) and drop a
 * critical level that is no longer above the new threshold.
 */
export function shiftedLevels(levels: Levels, threshold: number): Required<Pick<Levels, 'threshold' | 'clear'>> & { critical: number | undefined } {
  return {
    threshold,
    clear: Math.max(0, threshold - (levels.threshold - levels.clear)),
    critical: levels.critical !== undefined && levels.critical > threshold ? levels.critical : undefined,
  };
}

/** Whether an id names one rule (`cpu`, `disk:/data`); `disk` alone names the disk rules' section, never a rule. */
export function isRuleId(ruleId: string): boolean {
  const parsed = parseRuleId(ruleId);
  return parsed !== undefined && (parsed.instance !== undefined) === (keyedFamily(parsed.kind) !== undefined);
}

/** The per-instance sections and exclude list a keyed kind takes in the file, or undefined (plain kinds, cpuCore). */
export function instanceSectionsOf(kind: RuleKind): InstanceSections | undefined {
  const row: RuleKindRow = RULE_KIND_TABLE[kind];
  return row.instances;
}

/** Kinds whose section holds per-instance sections and an exclude list. */
export const KINDS_WITH_INSTANCES = RULE_KINDS.filter((kind) => instanceSectionsOf(kind) !== undefined);

/** The growth of the mount in the sample, as `2.1 GB/h`, or '' when the sample has none. */
function growthText(m: SentenceInput, perHour: string): string {
  const growth = m.instance === undefined ? undefined : m.values?.[buildKey('diskGrowth', m.instance)];
  return growth !== undefined && growth > 0 ? `${formatBytes(growth)}${perHour}` : '';
}

function diskFullEn(m: SentenceInput): string {
  const mount = m.instance ?? 'a disk';
  const left = formatTimeLeft(m.value);
  const rate = growthText(m, '/h');
  const at = rate ? ` at ${rate}` : '';
  const horizon = `${m.severity === 'critical' ? 'the critical horizon of ' : ''}${formatTimeLeft(m.level)}`;
  switch (m.state) {
    case 'firing':
    case 'escalated':
      return `${mount} will be full in about ${left}${at} (within ${horizon})`;
    case 'repeat':
      return `${mount} will still be full in about ${left}${at} (within ${horizon}, for ${m.duration})`;
    case 'resolved':
      return `${mount} is no longer filling within ${formatTimeLeft(m.level)} (${m.value > 0 ? `about ${left} left` : 'no growth'}, after ${m.duration})`;
  }
}

function diskFullZh(m: SentenceInput): string {
  const mount = `磁盘${m.instance ?? ''}`;
  const left = formatTimeLeftZh(m.value);
  const rate = growthText(m, '');
  const at = rate ? `按当前每小时${rate}的速度，` : '';
  const horizon = `${m.severity === 'critical' ? '严重阈值' : ''}${formatTimeLeftZh(m.level)}`;
  switch (m.state) {
    case 'firing':
      return `${mount}${at}约${left}后写满（${horizon}内），请关注`;
    case 'escalated':
      return `${mount}${at}约${left}后写满（${horizon}内），请立即处理`;
    case 'repeat':
      return `${mount}${at}仍将在约${left}后写满（${horizon}内），已持续${m.duration}，请关注`;
    case 'resolved':
      return `${mount}已不会在${formatTimeLeftZh(m.level)}内写满（${m.value > 0 ? `约${left}` : '未增长'}，持续${m.duration}）`;
  }
}
