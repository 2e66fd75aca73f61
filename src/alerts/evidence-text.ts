// The evidence of an alert event as plain text lines, in en or zh-CN: one line per fact, the same lines in every
// channel (mail, robots, push services, the terminal). Nothing is escaped here: each channel escapes the lines for
// its target (HTML, markdown, terminal). The event may come back from an outbox file, so every field is checked
// before use: a malformed one is left out, never a crash at every retry.
import { formatByteRate } from '../catalogue/byte-rates.js';
import { VALUE_UNITS, formatUnitValue } from '../catalogue/value-units.js';
import { formatBytes } from '../text/byte-size.js';
import type { AlertEvent, Locale } from '../types.js';
import type { AlertEvidence, CpuSplit, DiagnosisKey, DiskEvidence, DiskIoEvidence, EvidenceProcess, InterfaceRate, NetworkEvidence, SensorReading } from './evidence.js';
import { formatDuration, formatValue } from './messages.js';

interface EvidenceWords {
  topCpu: string;
  topRss: string;
  process: (p: EvidenceProcess, amount: string) => string;
  list: string;
  cpuTime: (s: CpuSplit) => string;
  diagnosis: Record<DiagnosisKey, string>;
  swapping: (inPerSec: number | undefined, outPerSec: number | undefined) => string;
  notSwapping: string;
  disk: (d: DiskEvidence, locale: Locale) => string;
  network: (n: NetworkEvidence) => string;
  topNetwork: Record<NetworkEvidence['direction'], string>;
  diskIo: (d: DiskIoEvidence) => string;
  hottest: string;
  episode: (duration: string, peak: string | undefined) => string;
}

const pct = (value: number): string => `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))}%`;
const rate = (value: number | undefined): string => (value === undefined ? '?' : String(Math.round(value)));
const byteRate = (value: number | undefined): string => (value === undefined ? '?' : formatByteRate(value));
const celsius = (value: number): string => formatUnitValue(VALUE_UNITS.celsius, value);
/** The parts of a disk I/O line the evidence has, each written by `word`. */
const ioParts = (d: DiskIoEvidence, word: { read: string; write: string; busy: string }): string[] => [
  ...(d.readBytesPerSec !== undefined ? [`${word.read} ${formatByteRate(d.readBytesPerSec)}`] : []),
  ...(d.writeBytesPerSec !== undefined ? [`${word.write} ${formatByteRate(d.writeBytesPerSec)}`] : []),
  ...(d.busyPercent !== undefined ? [`${word.busy} ${pct(d.busyPercent)}`] : []),
];

const WORDS: Record<Locale, EvidenceWords> = {
  en: {
    topCpu: 'Top CPU: ',
    topRss: 'Top memory: ',
    process: (p, amount) => `${p.name} (pid ${p.pid}, user ${p.user}) ${amount}`,
    list: ', ',
    cpuTime: (s) => `CPU time: user ${pct(s.user)}, system ${pct(s.system)}, iowait ${pct(s.iowait)}, steal ${pct(s.steal)}`,
    diagnosis: {
      iowait: 'high iowait: waiting for disk',
      steal: 'steal: the hypervisor is taking CPU',
      system: 'high system time: the kernel is busy (syscalls, interrupts, page faults)',
    },
    swapping: (i, o) => `Swapping now: ${rate(i)} pages/s in, ${rate(o)} pages/s out`,
    notSwapping: 'Not swapping now',
    disk: (d, locale) => {
      const parts = [`Free on ${d.mount}: ${formatBytes(d.freeBytes)}`];
      if (d.growthBytesPerHour !== undefined) {
        const over = `over the last ${formatDuration(d.growthOverMs ?? 3_600_000, locale)}`;
        parts.push(d.growthBytesPerHour > 0 ? `growing ${formatBytes(d.growthBytesPerHour)}/h ${over}` : d.growthBytesPerHour < 0 ? `shrinking ${formatBytes(-d.growthBytesPerHour)}/h ${over}` : `no growth ${over}`);
      }
      if (d.timeLeftMs !== undefined) parts.push(`full in about ${formatDuration(d.timeLeftMs, locale)} at that rate`);
      return parts.join('; ');
    },
    network: (n) => `Network on ${n.interface}: receive ${byteRate(n.rxBytesPerSec)}, transmit ${byteRate(n.txBytesPerSec)}`,
    topNetwork: { rx: 'Top receive: ', tx: 'Top transmit: ' },
    diskIo: (d) => `Disk I/O on ${d.mount}: ${ioParts(d, { read: 'read', write: 'write', busy: 'busy' }).join(', ')}`,
    hottest: 'Hottest sensors: ',
    episode: (duration, peak) => `Lasted ${duration}${peak === undefined ? '' : `, peak ${peak}`}`,
  },
  'zh-CN': {
    topCpu: 'CPU占用最高：',
    topRss: '内存占用最高：',
    process: (p, amount) => `${p.name}（pid ${p.pid}，用户 ${p.user}）${amount}`,
    list: '，',
    cpuTime: (s) => `CPU时间：用户 ${pct(s.user)}，系统 ${pct(s.system)}，IO等待 ${pct(s.iowait)}，被宿主机占用(steal) ${pct(s.steal)}`,
    diagnosis: {
      iowait: 'iowait 高：CPU 在等待磁盘',
      steal: 'steal 高：宿主机（hypervisor）正在占用 CPU',
      system: '内核时间高：内核繁忙（系统调用、中断、缺页）',
    },
    swapping: (i, o) => `正在换页：每秒换入 ${rate(i)} 页，换出 ${rate(o)} 页`,
    notSwapping: '当前没有换页',
    disk: (d, locale) => {
      const parts = [`${d.mount} 剩余 ${formatBytes(d.freeBytes)}`];
      if (d.growthBytesPerHour !== undefined) {
        const over = `最近${formatDuration(d.growthOverMs ?? 3_600_000, locale)}`;
        parts.push(d.growthBytesPerHour > 0 ? `${over}每小时增长 ${formatBytes(d.growthBytesPerHour)}` : d.growthBytesPerHour < 0 ? `${over}每小时减少 ${formatBytes(-d.growthBytesPerHour)}` : `${over}没有增长`);
      }
      if (d.timeLeftMs !== undefined) parts.push(`按此速度约 ${formatDuration(d.timeLeftMs, locale)} 后写满`);
      return parts.join('；');
    },
    network: (n) => `网卡${n.interface}：接收 ${byteRate(n.rxBytesPerSec)}，发送 ${byteRate(n.txBytesPerSec)}`,
    topNetwork: { rx: '接收速率最高：', tx: '发送速率最高：' },
    diskIo: (d) => `磁盘${d.mount} I/O：${ioParts(d, { read: '读', write: '写', busy: '繁忙' }).join('，')}`,
    hottest: '温度最高的传感器：',
    episode: (duration, peak) => `持续 ${duration}${peak === undefined ? '' : `，峰值 ${peak}`}`,
  },
};

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string';

function processes(value: unknown): EvidenceProcess[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is EvidenceProcess => typeof p === 'object' && p !== null && isText(p.name) && isNumber(p.pid) && isText(p.user));
}

function cpuSplitOf(value: unknown): CpuSplit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Partial<CpuSplit>;
  return isNumber(s.user) && isNumber(s.system) && isNumber(s.iowait) && isNumber(s.steal) ? (s as CpuSplit) : undefined;
}

function diskOf(value: unknown): DiskEvidence | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const d = value as Partial<DiskEvidence>;
  if (!isText(d.mount) || !isNumber(d.freeBytes)) return undefined;
  return {
    mount: d.mount,
    freeBytes: d.freeBytes,
    ...(isNumber(d.growthBytesPerHour) ? { growthBytesPerHour: d.growthBytesPerHour } : {}),
    ...(isNumber(d.growthOverMs) && d.growthOverMs > 0 ? { growthOverMs: d.growthOverMs } : {}),
    ...(isNumber(d.timeLeftMs) && d.timeLeftMs >= 0 ? { timeLeftMs: d.timeLeftMs } : {}),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const optionalNumber = <K extends string>(key: K, value: unknown): Partial<Record<K, number>> => (isNumber(value) ? ({ [key]: value } as Record<K, number>) : {});

function networkOf(value: unknown): NetworkEvidence | undefined {
  if (!isObject(value) || !isText(value.interface) || (value.direction !== 'rx' && value.direction !== 'tx')) return undefined;
  const top = Array.isArray(value.top) ? value.top.filter((t): t is InterfaceRate => isObject(t) && isText(t.interface) && isNumber(t.bytesPerSec)) : [];
  return { interface: value.interface, direction: value.direction, ...optionalNumber('rxBytesPerSec', value.rxBytesPerSec), ...optionalNumber('txBytesPerSec', value.txBytesPerSec), top };
}

function diskIoOf(value: unknown): DiskIoEvidence | undefined {
  if (!isObject(value) || !isText(value.mount)) return undefined;
  const d: DiskIoEvidence = { mount: value.mount, ...optionalNumber('readBytesPerSec', value.readBytesPerSec), ...optionalNumber('writeBytesPerSec', value.writeBytesPerSec), ...optionalNumber('busyPercent', value.busyPercent) };
  return Object.keys(d).length > 1 ? d : undefined;
}

function sensorsOf(value: unknown): SensorReading[] {
  return Array.isArray(value) ? value.filter((s): s is SensorReading => isObject(s) && isText(s.sensor) && isNumber(s.celsius)) : [];
}

/** The evidence lines of an event, plain text (no escaping); empty when it carries none. */
export function formatEvidenceLines(event: AlertEvent, locale: Locale): string[] {
  const w = WORDS[locale] ?? WORDS.en;
  const lines: string[] = [];
  const evidence: Partial<AlertEvidence> = typeof event.evidence === 'object' && event.evidence !== null ? event.evidence : {};

  const topCpu = processes(evidence.topByCpu);
  if (topCpu.length > 0) {
    lines.push(w.topCpu + topCpu.map((p) => w.process(p, isNumber(p.cpuPercent) ? pct(p.cpuPercent) : '-')).join(w.list));
  }
  const split = cpuSplitOf(evidence.cpuSplit);
  if (split) lines.push(w.cpuTime(split));
  const diagnosis = evidence.diagnosis;
  if (isText(diagnosis) && Object.hasOwn(w.diagnosis, diagnosis)) lines.push(w.diagnosis[diagnosis as DiagnosisKey]);

  const topRss = processes(evidence.topByRss);
  if (topRss.length > 0) {
    lines.push(w.topRss + topRss.map((p) => w.process(p, isNumber(p.rssBytes) ? formatBytes(p.rssBytes) : '-')).join(w.list));
  }
  if (evidence.swappingNow === true) {
    lines.push(w.swapping(isNumber(evidence.swapInPagesPerSec) ? evidence.swapInPagesPerSec : undefined, isNumber(evidence.swapOutPagesPerSec) ? evidence.swapOutPagesPerSec : undefined));
  } else if (evidence.swappingNow === false) {
    lines.push(w.notSwapping);
  }

  const disk = diskOf(evidence.disk);
  if (disk) lines.push(w.disk(disk, locale));

  const network = networkOf(evidence.network);
  if (network) {
    lines.push(w.network(network));
    // One interface alone would repeat the line above.
    if (network.top.length > 1) lines.push(w.topNetwork[network.direction] + network.top.map((t) => `${t.interface} ${formatByteRate(t.bytesPerSec)}`).join(w.list));
  }
  const diskIo = diskIoOf(evidence.diskIo);
  if (diskIo) lines.push(w.diskIo(diskIo));
  const sensors = sensorsOf(evidence.temperatures);
  if (sensors.length > 0) lines.push(w.hottest + sensors.map((s) => `${s.sensor} ${celsius(s.celsius)}`).join(w.list));

  if (event.state === 'resolved' && isNumber(event.timeMs) && isNumber(event.sinceMs) && event.timeMs >= event.sinceMs) {
    lines.push(w.episode(formatDuration(event.timeMs - event.sinceMs, locale), isNumber(event.peak) ? formatValue(event.kind, event.peak) : undefined));
  }
  return lines;
}
