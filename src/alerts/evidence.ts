// What a notification carries besides the number: the facts a person needs to act, taken at the moment of the
// transition (top processes, where the CPU time went, swapping, disk growth). Structured, so that every channel
// renders it its own way (evidence-text.ts for the texts, the webhook and the JSON event line as fields).
// Names and mounts in here are untrusted text: each renderer escapes them for its target.

/** One process as evidence. */
export interface EvidenceProcess {
  /** comm (at most 15 bytes), as /proc gives it. Untrusted. */
  name: string;
  pid: number;
  /** User name, or the uid as digits when /etc/passwd has none. */
  user: string;
  /** CPU used, % of one core (top's scale: a multi-threaded process may go above 100). */
  cpuPercent?: number;
  rssBytes?: number;
}

/** Where all CPU time went over the last sample interval, % of all cores' time (the four sum to at most 100). */
export interface CpuSplit {
  /** user + nice. */
  user: number;
  /** system + irq + softirq. */
  system: number;
  iowait: number;
  steal: number;
}

/** A one-line reading of the CPU split, given only when it is clear (diagnosis.ts). */
export type DiagnosisKey = 'iowait' | 'steal' | 'system';

export interface DiskEvidence {
  mount: string;
  freeBytes: number;
  /** Bytes used more per hour over up to the last hour (negative: space is being freed); absent without an hour of history. */
  growthBytesPerHour?: number;
  /** The history the growth was measured over (15 min to 1 h). */
  growthOverMs?: number;
  /** Time until the filesystem is full at that rate; absent when it is not growing. */
  timeLeftMs?: number;
}

/** One interface's rate in one direction. */
export interface InterfaceRate {
  /** The kernel's interface name. Untrusted. */
  interface: string;
  bytesPerSec: number;
}

/** netRx, netTx: the alerting interface's rates at the transition, and the busiest interfaces in its direction. */
export interface NetworkEvidence {
  /** Untrusted. */
  interface: string;
  /** The direction the rule watches: rx for netRx, tx for netTx. */
  direction: 'rx' | 'tx';
  /** Absent when the sample has no reading of that direction (a new interface's first sample). */
  rxBytesPerSec?: number;
  txBytesPerSec?: number;
  /** Up to 3 interfaces with the highest rate in `direction`, highest first. */
  top: InterfaceRate[];
}

/** diskio: the device under the mount at the transition; a part the sample lacks is absent. */
export interface DiskIoEvidence {
  mount: string;
  readBytesPerSec?: number;
  writeBytesPerSec?: number;
  /** Share of the last interval the device was busy, 0-100. */
  busyPercent?: number;
}

/** temperature: one sensor's reading. */
export interface SensorReading {
  /** Untrusted. */
  sensor: string;
  celsius: number;
}

export interface AlertEvidence {
  /** cpu, load, iowait, cpuCore, process: the 3 busiest processes over the last moment. */
  topByCpu?: EvidenceProcess[];
  /** Over how long the processes' CPU % was measured (the two reads of the process table). */
  cpuMeasuredMs?: number;
  /** cpu, load, iowait, cpuCore, process. */
  cpuSplit?: CpuSplit;
  diagnosis?: DiagnosisKey;
  /** memory, swap, processMemory: the 3 largest processes by resident memory. */
  topByRss?: EvidenceProcess[];
  /** memory and swap: pages swapped in or out since the previous sample. */
  swappingNow?: boolean;
  swapInPagesPerSec?: number;
  swapOutPagesPerSec?: number;
  /** disk and diskfull: the mount's free space and its trend. */
  disk?: DiskEvidence;
  /** netRx and netTx. */
  network?: NetworkEvidence;
  /** diskio. */
  diskIo?: DiskIoEvidence;
  /** temperature: the 3 hottest sensors, hottest first. */
  temperatures?: SensorReading[];
}
