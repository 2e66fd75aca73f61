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

export interface AlertEvidence {
  /** cpu and load: the 3 busiest processes over the last moment. */
  topByCpu?: EvidenceProcess[];
  /** Over how long the processes' CPU % was measured (the two reads of the process table). */
  cpuMeasuredMs?: number;
  /** cpu and load. */
  cpuSplit?: CpuSplit;
  diagnosis?: DiagnosisKey;
  /** memory and swap: the 3 largest processes by resident memory. */
  topByRss?: EvidenceProcess[];
  /** memory and swap: pages swapped in or out since the previous sample. */
  swappingNow?: boolean;
  swapInPagesPerSec?: number;
  swapOutPagesPerSec?: number;
  /** disk: the mount's free space and its trend. */
  disk?: DiskEvidence;
}
