// The main area's tabs in a real terminal: tmux runs the real `srvmon`; a busy child with a distinctive argv must show
// at the top of the processes view, the filter must find it, and the network and disks views and the palette's
// "View: Disks" must work, at 80x24 and 200x60, in English, Chinese and the C locale.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, isolatedEnv, tempHome } from '../helpers/cli.js';
import { shellQuote, TmuxSession } from './tmux.js';

const home = tempHome();
const sessions: TmuxSession[] = [];
const marker = `srvmon-busy-${randomBytes(3).toString('hex')}`;
let busy: ChildProcess;

before(async () => {
  // Its own session and, as root, a larger share (nice -10, autogroup), so it is at the top even on a loaded machine.
  busy = spawn(process.execPath, ['-e', 'for(;;){}', marker], { stdio: 'ignore', detached: true });
  await new Promise<void>((resolve, reject) => busy.once('spawn', resolve).once('error', reject));
  try {
    os.setPriority(busy.pid!, -10);
    writeFileSync(`/proc/${busy.pid}/autogroup`, '-10');
  } catch {
    // not root, or no autogroup
  }
});

after(() => {
  busy.kill('SIGKILL');
  for (const session of sessions) session.kill();
  home.cleanup();
});

const config = join(home.dir, '.srvmonrc');
writeFileSync(config, 'rules:\n  cpu:\n    threshold: 95\n');

function start(name: string, cols: number, rows: number, locale: string): TmuxSession {
  const stateDir = join(home.dir, `state-${name}`);
  const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=xterm-256color LANG=${locale} LC_ALL= LC_CTYPE= ${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(config)} --state-dir ${shellQuote(stateDir)}`;
  const session = new TmuxSession(command, cols, rows, isolatedEnv(home.dir), join(home.dir, `exit-${name}`));
  sessions.push(session);
  return session;
}

/** The processes table's pids in screen order: rows read `PID USER CPU% MEM% RSS S COMMAND`, whatever is left of them. */
function tablePids(screen: string): number[] {
  return screen
    .split('\n')
    .map((line) => / (\d+) \S+ +(?:-|\d+\.\d) +\d+\.\d +\S+ [A-Z] /.exec(line)?.[1])
    .filter((pid): pid is string => pid !== undefined)
    .map(Number);
}

describe('views in tmux', { concurrency: true }, () => {
  test('80x24: 2 shows the busy child at the top within 3 s, / filters it; 3 network, 4 disks; palette View: Disks', async () => {
    const session = start('en80', 80, 24, 'C.UTF-8');
    await session.waitFor((s) => /\[1 Overview\]/.test(s) && /load [\d.]+ [\d.]+ [\d.]+ \([\d.]+\/core\) · swap/.test(s), 10_000, 'the overview with its info line');
    const pressedMs = Date.now();
    session.send('2');
    const top = await session.waitFor((s) => tablePids(s).slice(0, 5).includes(busy.pid!), 3000, `pid ${busy.pid} in the top rows`);
    console.log(`# busy child in the top rows ${Date.now() - pressedMs} ms after pressing 2`);
    assert.match(top, /\[2 Processes\]/);
    assert.match(top, /PID USER +CPU% +MEM% +RSS S COMMAND/);
    assert.match(top, /s sort {2}\/ filter {2}f follow {2}K kernel/);

    session.send('/', true);
    session.send(marker.slice(-8), true);
    await session.waitFor((s) => s.includes(`filter (Enter keeps, Esc clears): ${marker.slice(-8)}_`), 2000, 'the filter prompt');
    session.send('Enter');
    const filtered = await session.waitFor((s) => /1 of \d+ processes/.test(s) && s.includes(`filter: ${marker.slice(-8)}`), 3000, 'the filtered table');
    assert.deepEqual(tablePids(filtered), [busy.pid], 'only the busy child is left');

    session.send('3');
    const network = await session.waitFor((s) => s.includes('[3 Network]') && s.includes('INTERFACE'), 2000, 'the network view');
    assert.doesNotMatch(network, /^.{30} lo /m, 'lo is left out');
    session.send('a');
    const rowsOf = (screen: string): number => screen.split('\n').filter((line) => /^.{30} \S+ +\S+B\/s +\S+B\/s/.test(line)).length;
    const all = await session.waitFor((s) => s.includes('a: up ones only'), 2000, 'a shows every interface');
    // The reader leaves lo out of the samples; interfaces that are down (ifb0 here) appear.
    assert.ok(rowsOf(all) >= rowsOf(network), 'no fewer interfaces with a');
    session.send('4');
    await session.waitFor((s) => s.includes('[4 Disks]') && /^.{30} \/ +[\d.]+% +\S+B /m.test(s), 3000, 'the disks view with the root filesystem');

    session.send('1');
    await session.waitFor((s) => s.includes('[1 Overview]') && s.includes('CPU %'), 2000, 'back to the overview');
    session.send('C-p');
    await session.waitFor((s) => s.includes('View: Disks'), 2000, 'the palette lists the views');
    session.send('view disks', true);
    session.send('Enter');
    await session.waitFor((s) => s.includes('[4 Disks]') && s.includes('Disks: per filesystem'), 2000, 'View: Disks from the palette');
    session.send('Tab');
    await session.waitFor((s) => s.includes('[1 Overview]'), 2000, 'Tab wraps to the overview');
    session.send('q');
    assert.equal(await session.waitForExit(5000), 0);
  });

  test('200x60 zh-CN: the command line with its arguments; network and disks in Chinese', async () => {
    const session = start('zh200', 200, 60, 'zh_CN.UTF-8');
    await session.waitFor((s) => s.includes('概览') && s.includes('负载'), 10_000, 'the overview');
    session.send('2');
    const wide = await session.waitFor((s) => s.includes(`for(;;){} ${marker}`) && tablePids(s).slice(0, 5).includes(busy.pid!), 3000, 'the busy child with its arguments at the top');
    assert.match(wide, /个进程 · 排序: CPU/);
    session.send('s');
    await session.waitFor((s) => s.includes('排序: 内存'), 2000, 's sorts by memory');
    // By pid, kthreadd (pid 2) is near the top whatever else runs; by memory it can be below the screen's last row.
    session.send('s');
    await session.waitFor((s) => s.includes('排序: PID'), 2000, 's sorts by pid');
    session.send('K');
    await session.waitFor((s) => s.includes('显示内核线程') && /\[kthreadd\]/.test(s), 3000, 'K shows kernel threads');
    session.send('f');
    const followed = await session.waitFor((s) => /跟随 \d+/.test(s), 2000, 'f follows the selected process');
    const pid = Number(/跟随 (\d+)/.exec(followed)![1]);
    assert.equal(tablePids(followed)[0], pid, 'the top row (selected) is followed');
    session.send('s');
    await session.waitFor((s) => s.includes('排序: CPU') && s.includes(`跟随 ${pid}`), 2000, 'still following after re-sorting by CPU');
    session.send('3');
    await session.waitFor((s) => s.includes('网络：各接口'), 2000, 'the network view');
    session.send('4');
    await session.waitFor((s) => s.includes('磁盘：各文件系统') && /挂载点/.test(s), 2000, 'the disks view');
    session.send('q');
    assert.equal(await session.waitForExit(5000), 0);
  });

  test('80x24 in the C locale: an ASCII tab row', async () => {
    const session = start('c80', 80, 24, 'C');
    await session.waitFor((s) => /\[1 Overview\]\| 2 Processes \| 3 Network \| 4 Disks/.test(s), 10_000, 'the ASCII tab row');
    session.send('4');
    await session.waitFor((s) => s.includes('[4 Disks]') && s.includes('MOUNT'), 2000, 'the disks view');
    session.send('q');
    assert.equal(await session.waitForExit(5000), 0);
  });
});
