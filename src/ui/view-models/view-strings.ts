// The words of the main-area views (tabs, processes, network, disks, the overview's info line), in both languages.
// Kept apart from strings.ts so the views grow without touching the dashboard's shared string table.
import type { UiLocale } from './strings.js';

export type ViewId = 'overview' | 'processes' | 'network' | 'disks';

export interface ViewStrings {
  tabs: Record<ViewId, string>;
  /** Palette entry: "View: Processes". */
  viewCommand: (name: string) => string;
  nextView: string;
  previousView: string;
  processes: {
    title: (shown: number, total: number) => string;
    sortBy: Record<'cpu' | 'memory' | 'pid', string>;
    sortLabel: string;
    filter: string;
    filterPrompt: string;
    following: (pid: number) => string;
    kernelShown: string;
    readCost: (ms: number) => string;
    hint: string;
    columns: { pid: string; user: string; cpu: string; memory: string; rss: string; state: string; command: string };
    loading: string;
    none: string;
  };
  network: { title: string; hint: string; hintAll: string; columns: { name: string; rx: string; tx: string; history: string }; none: string };
  disks: { title: string; columns: { mount: string; used: string; free: string; read: string; write: string; busy: string }; none: string };
  info: { load: string; swap: string; cores: string; perCore: (value: string) => string; rx: string; tx: string };
}

const en: ViewStrings = {
  tabs: { overview: 'Overview', processes: 'Processes', network: 'Network', disks: 'Disks' },
  viewCommand: (name) => `View: ${name}`,
  nextView: 'View: next',
  previousView: 'View: previous',
  processes: {
    title: (shown, total) => (shown === total ? `${total} processes` : `${shown} of ${total} processes`),
    sortBy: { cpu: 'CPU', memory: 'memory', pid: 'PID' },
    sortLabel: 'sort',
    filter: 'filter',
    filterPrompt: 'filter (Enter keeps, Esc clears): ',
    following: (pid) => `following ${pid}`,
    kernelShown: 'kernel threads shown',
    readCost: (ms) => `read ${ms} ms`,
    hint: 's sort  / filter  f follow  K kernel',
    columns: { pid: 'PID', user: 'USER', cpu: 'CPU%', memory: 'MEM%', rss: 'RSS', state: 'S', command: 'COMMAND' },
    loading: 'reading processes...',
    none: 'no process matches',
  },
  network: { title: 'Network: per interface, last minute', hint: 'a: all interfaces', hintAll: 'a: up ones only', columns: { name: 'INTERFACE', rx: 'RX/s', tx: 'TX/s', history: 'RX last minute' }, none: 'no interface is up (lo and down interfaces are left out)' },
  disks: { title: 'Disks: per filesystem', columns: { mount: 'MOUNT', used: 'USED', free: 'FREE', read: 'READ/s', write: 'WRITE/s', busy: 'BUSY' }, none: 'no disk reading yet' },
  info: { load: 'load', swap: 'swap', cores: 'cores', perCore: (v) => `${v}/core`, rx: 'rx', tx: 'tx' },
};

const zh: ViewStrings = {
  tabs: { overview: '概览', processes: '进程', network: '网络', disks: '磁盘' },
  viewCommand: (name) => `视图：${name}`,
  nextView: '视图：下一个',
  previousView: '视图：上一个',
  processes: {
    title: (shown, total) => (shown === total ? `${total} 个进程` : `${shown} / ${total} 个进程`),
    sortBy: { cpu: 'CPU', memory: '内存', pid: 'PID' },
    sortLabel: '排序',
    filter: '过滤',
    filterPrompt: '过滤（Enter 保留，Esc 清除）：',
    following: (pid) => `跟随 ${pid}`,
    kernelShown: '显示内核线程',
    readCost: (ms) => `读取 ${ms} ms`,
    hint: 's 排序  / 过滤  f 跟随  K 内核线程',
    columns: { pid: 'PID', user: '用户', cpu: 'CPU%', memory: '内存%', rss: 'RSS', state: 'S', command: '命令' },
    loading: '正在读取进程...',
    none: '没有匹配的进程',
  },
  network: { title: '网络：各接口，最近一分钟', hint: 'a：全部接口', hintAll: 'a：仅已启用', columns: { name: '接口', rx: '接收/s', tx: '发送/s', history: '接收（最近一分钟）' }, none: '没有已启用的接口（不含 lo 和已关闭的接口）' },
  disks: { title: '磁盘：各文件系统', columns: { mount: '挂载点', used: '已用', free: '可用', read: '读/s', write: '写/s', busy: '繁忙' }, none: '尚无磁盘读数' },
  info: { load: '负载', swap: '交换', cores: '各核', perCore: (v) => `每核 ${v}`, rx: '收', tx: '发' },
};

/** ASCII mode speaks English, as the rest of the dashboard does. */
export function viewStrings(locale: UiLocale, ascii: boolean): ViewStrings {
  return locale === 'zh-CN' && !ascii ? zh : en;
}
