// Every UI string in the operators' two languages. The alert texts themselves come from alerts/messages.ts; these are
// the dashboard's own words. In ASCII mode the dashboard uses English: a non-UTF-8 terminal cannot show Chinese.
import type { Locale } from '../../types.js';

export type UiLocale = Locale;

export interface UiStrings {
  rules: string;
  log: string;
  cpuChart: string;
  memoryChart: string;
  memory: string;
  swap: string;
  total: string;
  threshold: string;
  critical: string;
  up: string;
  loading: string;
  state: { ok: string; warning: string; critical: string; noData: string };
  firingCritical: string;
  firingWarning: string;
  allOk: string;
  muted: string;
  /** Status bar: quiet hours hold notifications until a time, with so many held for the digest. */
  quietUntil: (until: string, held: number) => string;
  paused: string;
  every: string;
  noChannels: string;
  queued: string;
  channelPaused: string;
  self: string;
  /** Title bar, attached to an agent: `agent pid 4121 up 3h`. */
  agent: (pid: number, upFor: string) => string;
  /** Status bar, the agent went away. */
  agentLost: (pid: number) => string;
  hint: (dot: string) => string;
  tooSmall: (minCols: number, minRows: number, cols: number, rows: number) => string;
  helpTitle: string;
  /** The keys of single views, after the dashboard's own in the help (the views show a short hint too). */
  helpViewKeys: readonly string[];
  helpFooter: string;
  paletteTitle: string;
  palettePrompt: string;
  paletteEmpty: string;
  paletteValuePrompt: (rule: string, current: string) => string;
  logEmpty: string;
  muteNotice: (until: string | null) => string;
  unmuteNotice: string;
  muteExpired: string;
  /** Mutes of single rules; `rules` is their names, joined. */
  ruleMuteNotice: (rules: string, until: string | null) => string;
  ruleUnmuteNotice: (rules: string) => string;
  ruleMuteExpired: (rules: string) => string;
  testSent: (results: string) => string;
  thresholdSet: (rule: string, value: string) => string;
  overridesReset: string;
  noRuleSelected: string;
  /** The selected alert is older than the longest chart window. */
  alertBeyondCharts: (when: string) => string;
  noAlertInLog: string;
  notSent: string;
  delivery: string;
  retrying: string;
  commands: {
    toggleMute: string;
    muteFor: (duration: string) => string;
    muteForever: string;
    unmute: string;
    muteRuleFor: (rule: string, duration: string) => string;
    muteRuleForever: (rule: string) => string;
    unmuteRule: (rule: string) => string;
    testAlert: string;
    raise: (step: number) => string;
    /** The help's one row for a key pair that raises and lowers. */
    nudge: (step: number) => string;
    lower: (step: number) => string;
    setThreshold: (rule: string) => string;
    resetOverrides: string;
    togglePerCore: string;
    togglePause: string;
    cycleChartWindow: string;
    help: string;
    palette: string;
    quit: string;
    showViews: string;
    cycleViews: string;
    select: string;
    scrollLog: string;
    selectLogAlert: string;
    close: string;
  };
}

const en: UiStrings = {
  rules: 'RULES',
  log: 'ALERT LOG',
  cpuChart: 'CPU %',
  memoryChart: 'Memory %',
  memory: 'memory',
  swap: 'swap',
  total: 'total',
  threshold: 'threshold',
  critical: 'critical',
  up: 'up',
  loading: '...',
  state: { ok: 'ok', warning: 'WARN', critical: 'CRIT', noData: '--' },
  firingCritical: 'CRIT',
  firingWarning: 'WARN',
  allOk: 'all ok',
  muted: 'MUTED',
  quietUntil: (until, held) => `QUIET until ${until}${held > 0 ? ` (${held} held)` : ''}`,
  paused: 'PAUSED',
  every: 'every',
  noChannels: 'no channels',
  queued: 'q',
  channelPaused: 'paused',
  self: 'srvmon',
  agent: (pid, upFor) => `agent pid ${pid} up ${upFor}`,
  agentLost: (pid) => `AGENT pid ${pid} GONE, reattaching`,
  hint: (dot) => `Ctrl+P commands ${dot} ? help`,
  tooSmall: (minCols, minRows, cols, rows) => `Terminal too small: ${cols}x${rows}, srvmon needs at least ${minCols}x${minRows}. Enlarge the window, or press q to quit.`,
  helpTitle: 'Keys',
  helpViewKeys: ['Processes (2): s sort  / filter  f follow  K kernel threads', 'Network (3): a all interfaces, lo and down ones too'],
  helpFooter: 'Press any key to close',
  paletteTitle: 'Commands',
  palettePrompt: '> ',
  paletteEmpty: 'no matching command',
  paletteValuePrompt: (rule, current) => `New ${rule} threshold (now ${current}), Enter to set:`,
  logEmpty: 'No alerts yet.',
  muteNotice: (until) => (until ? `muted until ${until}` : 'muted until unmuted'),
  unmuteNotice: 'unmuted',
  muteExpired: 'mute expired',
  ruleMuteNotice: (rules, until) => (until ? `${rules} muted until ${until}` : `${rules} muted until unmuted`),
  ruleUnmuteNotice: (rules) => `${rules} unmuted`,
  ruleMuteExpired: (rules) => `mute of ${rules} expired`,
  testSent: (results) => `test alert: ${results}`,
  thresholdSet: (rule, value) => `${rule} threshold set to ${value} (runtime override)`,
  overridesReset: 'threshold overrides reset to the config values',
  noRuleSelected: 'no rule selected',
  alertBeyondCharts: (when) => `the selected alert (${when}) is older than 24h: the charts cannot show it`,
  noAlertInLog: 'no alert in the log to select',
  notSent: 'not sent',
  delivery: 'delivery',
  retrying: 'retrying',
  commands: {
    toggleMute: 'Mute / unmute (30m)',
    muteFor: (duration) => `Mute for ${duration}`,
    muteForever: 'Mute until unmuted',
    unmute: 'Unmute',
    muteRuleFor: (rule, duration) => `Mute ${rule} for ${duration}`,
    muteRuleForever: (rule) => `Mute ${rule} until unmuted`,
    unmuteRule: (rule) => `Unmute ${rule}`,
    testAlert: 'Send test alert',
    raise: (step) => `Raise selected threshold by ${step}`,
    nudge: (step) => `Raise / lower selected threshold by ${step}`,
    lower: (step) => `Lower selected threshold by ${step}`,
    setThreshold: (rule) => `Set ${rule} threshold to...`,
    resetOverrides: 'Reset threshold overrides',
    togglePerCore: 'Toggle per-core CPU lines',
    togglePause: 'Pause / resume charts',
    cycleChartWindow: 'Chart window: 10m, 1h, 6h, 24h',
    help: 'Help: list keys',
    palette: 'Command palette',
    quit: 'Quit',
    showViews: 'Views: 1 overview, 2 processes, 3 network, 4 disks',
    cycleViews: 'Next / previous view',
    select: 'Select rule',
    scrollLog: 'Scroll alert log',
    selectLogAlert: 'Select older / newer alert in the log: chart shows it',
    close: 'Close overlay; clear log selection',
  },
};

const zh: UiStrings = {
  rules: '规则',
  log: '告警日志',
  cpuChart: 'CPU %',
  memoryChart: '内存 %',
  memory: '内存',
  swap: '交换分区',
  total: '总计',
  threshold: '阈值',
  critical: '严重',
  up: '运行',
  loading: '...',
  state: { ok: '正常', warning: '警告', critical: '严重', noData: '--' },
  firingCritical: '严重',
  firingWarning: '警告',
  allOk: '全部正常',
  muted: '静音',
  quietUntil: (until, held) => `免打扰至 ${until}${held > 0 ? `（${held} 条暂缓）` : ''}`,
  paused: '已暂停',
  every: '每',
  noChannels: '未配置渠道',
  queued: '队列',
  channelPaused: '暂停',
  self: 'srvmon',
  agent: (pid, upFor) => `代理 pid ${pid} 已运行 ${upFor}`,
  agentLost: (pid) => `代理 pid ${pid} 已断开，正在重连`,
  hint: (dot) => `Ctrl+P 命令 ${dot} ? 帮助`,
  tooSmall: (minCols, minRows, cols, rows) => `终端太小：${cols}x${rows}，srvmon 至少需要 ${minCols}x${minRows}。请放大窗口，或按 q 退出。`,
  helpTitle: '按键',
  helpViewKeys: ['进程 (2)：s 排序  / 过滤  f 跟随  K 内核线程', '网络 (3)：a 显示全部网卡（含 lo 和未启用的）'],
  helpFooter: '按任意键关闭',
  paletteTitle: '命令',
  palettePrompt: '> ',
  paletteEmpty: '没有匹配的命令',
  paletteValuePrompt: (rule, current) => `${rule}的新阈值（当前 ${current}），回车确认：`,
  logEmpty: '暂无告警。',
  muteNotice: (until) => (until ? `已静音至 ${until}` : '已静音，直到取消'),
  unmuteNotice: '已取消静音',
  muteExpired: '静音已到期',
  ruleMuteNotice: (rules, until) => (until ? `${rules}已静音至 ${until}` : `${rules}已静音，直到取消`),
  ruleUnmuteNotice: (rules) => `${rules}已取消静音`,
  ruleMuteExpired: (rules) => `${rules}的静音已到期`,
  testSent: (results) => `测试告警：${results}`,
  thresholdSet: (rule, value) => `${rule}阈值已设为 ${value}（运行时覆盖）`,
  overridesReset: '阈值覆盖已重置为配置值',
  noRuleSelected: '未选择规则',
  alertBeyondCharts: (when) => `所选告警（${when}）早于 24 小时：图表无法显示`,
  noAlertInLog: '日志中没有可选的告警',
  notSent: '未发送',
  delivery: '投递',
  retrying: '重试中',
  commands: {
    toggleMute: '静音 / 取消静音（30分钟）',
    muteFor: (duration) => `静音 ${duration}`,
    muteForever: '静音直到取消',
    unmute: '取消静音',
    muteRuleFor: (rule, duration) => `静音${rule} ${duration}`,
    muteRuleForever: (rule) => `静音${rule}直到取消`,
    unmuteRule: (rule) => `取消${rule}静音`,
    testAlert: '发送测试告警',
    raise: (step) => `所选阈值提高 ${step}`,
    nudge: (step) => `所选阈值提高 / 降低 ${step}`,
    lower: (step) => `所选阈值降低 ${step}`,
    setThreshold: (rule) => `设置${rule}阈值为...`,
    resetOverrides: '重置阈值覆盖',
    togglePerCore: '切换每核 CPU 曲线',
    togglePause: '暂停 / 继续图表',
    cycleChartWindow: '图表时间窗口：10分钟、1小时、6小时、24小时',
    help: '帮助：按键列表',
    palette: '命令面板',
    quit: '退出',
    showViews: '视图：1 概览，2 进程，3 网络，4 磁盘',
    cycleViews: '下一个/上一个视图',
    select: '选择规则',
    scrollLog: '滚动告警日志',
    selectLogAlert: '选择日志中更早 / 更新的告警：图表随之显示',
    close: '关闭浮层；清除日志选择',
  },
};

export function uiStrings(locale: UiLocale, ascii: boolean): UiStrings {
  return locale === 'zh-CN' && !ascii ? zh : en;
}
