// uid -> user name from /etc/passwd, parsed once: a process table asks for hundreds of names per second.

import { terminalSafe } from '../text/terminal-safe.js';

/**
 * uid -> name for each well-formed line of passwd(5) text, made safe to show; the first line wins for a uid listed
 * twice, as getpwuid does.
 */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uidText] = line.split(':', 3);
    if (!name || uidText === undefined || !/^\d+$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names.has(uid)) names.set(uid, terminalSafe(name));
  }
  return names;
}

/**
 * Names from a passwd file read on first use and kept. A uid it does not list (a user from LDAP or sssd, a container's
 * own uids, a user added since) shows as its number, as ps does. An unreadable file means numbers only, not an error.
 */
export class UserNames {
  readonly #readPasswd: () => string;
  #names: Map<number, string> | undefined;

  /** @param readPasswd returns the passwd text; may throw. */
  constructor(readPasswd: () => string) {
    this.#readPasswd = readPasswd;
  }

  name(uid: number): string {
    if (!this.#names) {
      try {
        this.#names = parsePasswd(this.#readPasswd());
      } catch {
        this.#names = new Map();
      }
    }
    return this.#names.get(uid) ?? String(uid);
  }
}
