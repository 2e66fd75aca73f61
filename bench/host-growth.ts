// Grows the host for the cost-growth measurement and shrinks it back: 1,000 sleeping processes (forked children of one
// perl, in a process group of their own, killed as one) and 100 extra network interfaces. The issue asks for dummy
// interfaces; this machine's kernel refuses them ("ip link add ... type dummy": Unknown device type), so when dummy
// links fail the interfaces are 50 veth pairs (both ends stay in this namespace), which is what a container host
// grows anyway. Every interface added is removed in shrink(), also on exit and Ctrl+C.
import { execFileSync } from 'node:child_process';
import { killGroup, spawnTracked } from './cleanup.js';

export const EXTRA_PROCESSES = 1000;
export const EXTRA_INTERFACES = 100;
const PREFIX = 'srvb';

export interface GrownHost {
  /** "dummy" or "veth pairs". */
  interfaceKind: string;
  shrink(): void;
}

function ipBatch(lines: string[]): void {
  execFileSync('ip', ['-batch', '-'], { input: `${lines.join('\n')}\n`, stdio: ['pipe', 'ignore', 'pipe'] });
}

function addInterfaces(): { kind: string; names: string[] } {
  const dummies = Array.from({ length: EXTRA_INTERFACES }, (_, i) => `${PREFIX}d${i}`);
  try {
    ipBatch(dummies.map((name) => `link add ${name} type dummy`));
    return { kind: 'dummy', names: dummies };
  } catch {
    removeInterfaces(dummies);
  }
  const pairs = Array.from({ length: EXTRA_INTERFACES / 2 }, (_, i) => `${PREFIX}v${i}`);
  ipBatch(pairs.map((name) => `link add ${name} type veth peer name ${name}p`));
  return { kind: 'veth pairs', names: pairs };
}

function removeInterfaces(names: string[]): void {
  for (const name of names) {
    try {
      execFileSync('ip', ['link', 'del', name], { stdio: 'ignore' });
    } catch {
      // not there
    }
  }
}

/** Waits until `count` processes are children of the forker. */
async function waitForChildren(shellPid: number, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const children = execFileSync('pgrep', ['-P', String(shellPid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
      if (children >= count) return;
    } catch {
      // none yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the ${count} sleeping processes did not all start within 120 s`);
}

export async function growHost(): Promise<GrownHost> {
  // Forked by a small perl, not exec'd: a loop of `sleep &` in bash takes tens of seconds on a busy machine.
  const forker = `for (1..${EXTRA_PROCESSES}) { my $pid = fork(); if (defined $pid && $pid == 0) { sleep 86400; exit 0 } } sleep 86400;`;
  const shell = spawnTracked('perl', ['-e', forker], { stdio: 'ignore' });
  const shellPid = shell.pid;
  let interfaces: { kind: string; names: string[] } = { kind: 'none', names: [] };
  const shrink = (): void => {
    killGroup(shellPid);
    removeInterfaces(interfaces.names);
    interfaces = { kind: interfaces.kind, names: [] };
    process.off('exit', shrink);
  };
  process.on('exit', shrink);
  try {
    if (shellPid === undefined) throw new Error('bash did not start');
    await waitForChildren(shellPid, EXTRA_PROCESSES);
    interfaces = addInterfaces();
  } catch (error: unknown) {
    shrink();
    throw error;
  }
  return { interfaceKind: interfaces.kind, shrink };
}
