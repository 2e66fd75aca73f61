// Command-line parsing with node's util.parseArgs: the entry takes its argv so tests can inject it.
import { parseArgs } from 'node:util';

export type Command = 'monitor' | 'check-config' | 'replay' | 'test-alert' | 'status' | 'mute' | 'unmute' | 'help' | 'version';

export interface CliArgs {
  command: Command;
  configPath?: string;
  interval?: string;
  stateDir?: string;
  json: boolean;
  noUi: boolean;
  ascii: boolean;
  metricsListen?: string;
  traceFile?: string;
  /** --attach PATH: the owner's control socket. */
  attach?: string;
  /** --standalone: run a monitor of our own even if an owner runs. */
  standalone: boolean;
  /** `srvmon mute DURATION`. */
  muteDuration?: string;
  /** `--rule ID` (repeatable), mute and unmute only: those rules alone. */
  rules?: string[];
}

export class UsageError extends Error {
  readonly exitCode = 64; // EX_USAGE
}

const COMMANDS = new Set(['check-config', 'replay', 'test-alert', 'status', 'mute', 'unmute', 'help']);

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  interval: { type: 'string', short: 'i' },
  'state-dir': { type: 'string' },
  json: { type: 'boolean' },
  'no-ui': { type: 'boolean' },
  ascii: { type: 'boolean' },
  'metrics-listen': { type: 'string' },
  attach: { type: 'string' },
  standalone: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: string[]): CliArgs {
  checkDashedValues(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  if (first !== undefined && !COMMANDS.has(first)) throw new UsageError(`unknown command "${first}"`);
  let command: Command = (first as Command | undefined) ?? 'monitor';
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  let traceFile: string | undefined;
  let muteDuration: string | undefined;
  if (command === 'replay') {
    if (rest.length !== 1) throw new UsageError('replay needs exactly one trace file: srvmon replay FILE');
    traceFile = rest[0];
  } else if (command === 'mute') {
    if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}": srvmon mute [DURATION|forever]`);
    muteDuration = rest[0];
  } else if (rest.length > 0 && command !== 'help') {
    throw new UsageError(`unexpected argument "${rest[0]}"`);
  }
  if (values.rule !== undefined && command !== 'mute' && command !== 'unmute' && command !== 'help') {
    throw new UsageError('--rule goes with mute and unmute only: srvmon mute [DURATION] --rule ID');
  }
  const emptyRule = values.rule?.find((id) => id.trim() === '');
  if (emptyRule !== undefined) throw new UsageError('--rule needs a rule id such as cpu, memory or disk:/data');
  return {
    command,
    configPath: values.config,
    interval: values.interval,
    stateDir: values['state-dir'],
    json: values.json ?? false,
    noUi: values['no-ui'] ?? false,
    ascii: values.ascii ?? false,
    metricsListen: values['metrics-listen'],
    traceFile,
    attach: values.attach,
    standalone: values.standalone ?? false,
    muteDuration,
    rules: values.rule,
  };
}

/**
 * util.parseArgs refuses a value that starts with "-" ("argument is ambiguous"), which says nothing of the value. Name
 * it: an interval cannot be negative; any other such value may be meant (a file named -x) and is written --config=-x.
 */
function checkDashedValues(argv: string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = optionName(flag);
    if (name === undefined || OPTIONS[name].type !== 'string') continue;
    const value = inline ?? argv[i + 1];
    if (value === undefined || !value.startsWith('-')) continue;
    if (name === 'interval') throw new UsageError(`--interval must be a positive duration such as 1s or 500ms, got "${value}"`);
    if (inline === undefined) throw new UsageError(`--${name} needs a value, got "${value}" (write --${name}=${value} if that is the value)`);
  }
}

function optionName(flag: string): keyof typeof OPTIONS | undefined {
  if (flag.startsWith('--')) return flag.slice(2) in OPTIONS ? (flag.slice(2) as keyof typeof OPTIONS) : undefined;
  return (Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]).find((name) => 'short' in OPTIONS[name] && `-${(OPTIONS[name] as { short: string }).short}` === flag);
}

export const HELP_TEXT = `srvmon: a server monitor with a live terminal dashboard and alerts by mail, WeChat and more

Usage:
  srvmon [options]                 open the dashboard (headless when stdout is not a terminal)
  srvmon --no-ui [--json]          run headless: one line per alert and delivery (systemd)
  srvmon check-config [--json]     validate the config and print the effective one (secrets redacted)
  srvmon replay FILE [--json]      run the rules over a recorded trace (JSON lines) and print the events
  srvmon test-alert                send a test notification through every channel (the running
                                   srvmon's, when one runs)
  srvmon status [--json]           the running srvmon: rules, mute, channels and their queues
  srvmon mute [DURATION|forever] [--rule ID ...]
                                   mute the running srvmon's notifications (default 30m),
                                   or only those of these rules (cpu, memory, disk:/data...)
  srvmon unmute [--rule ID ...]    end every mute, or only these rules' mutes

Options:
  -c, --config FILE          use this config file instead of searching for .srvmonrc
  -i, --interval DURATION    sampling interval, e.g. 1s, 500ms (default 1s)
      --state-dir DIR        where state, the alert log and the outbox live
                             (default $XDG_STATE_HOME/srvmon or ~/.local/state/srvmon)
      --json                 JSON lines on stdout (headless, check-config, replay)
      --no-ui                run without the dashboard
      --ascii                dashboard without Unicode (automatic when the locale is not UTF-8)
      --metrics-listen ADDR  serve Prometheus /metrics on HOST:PORT
      --attach SOCKET        the running srvmon's control socket (default: the state dir's,
                             then /run/srvmon/control.sock)
      --standalone           run a monitor of our own even when an agent runs (needs its own
                             --state-dir)
      --rule ID              mute, unmute: this rule only (repeat for several)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 ok, 1 failure (e.g. a test alert not delivered, stdout not writable), 64 usage, 65 bad trace,
69 no srvmon running (status, mute, unmute), 70 internal error, 75 state dir in use by another srvmon,
77 no permission on the control socket, 78 config error, 141 stdout closed by its reader (as after SIGPIPE).
Config reference: .srvmonrc.example; docs: README.md`;
