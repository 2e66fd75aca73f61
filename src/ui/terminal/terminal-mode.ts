// Whether the terminal can show Unicode: a locale without UTF-8 (LANG=C, POSIX) cannot, whatever the emulator is.
// The first non-empty of LC_ALL, LC_CTYPE, LANG decides, as in POSIX.

export function isUtf8Locale(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

export function useAscii(asciiFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  return asciiFlag || !isUtf8Locale(env);
}
