// The two message locales and the many ways people write them (zh_CN.UTF-8, zh-cn, en_US...).
import type { Locale } from '../types.js';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export const LOCALE_FORMS = '"en" or "zh-CN" (also zh, zh_CN, en_US...)';

/** "zh_CN.UTF-8" -> "zh-CN", "en-GB" -> "en"; undefined for anything else. */
export function normaliseLocale(text: string): Locale | undefined {
  const base = text.trim().toLowerCase().replace(/[.@].*$/, '').replace(/_/g, '-');
  if (base === 'zh' || base.startsWith('zh-')) return 'zh-CN';
  if (base === 'en' || base.startsWith('en-')) return 'en';
  return undefined;
}

/** The locale implied by the environment, as setlocale does: LC_ALL, then LC_MESSAGES, then LANG; else English. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  const setting = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return setting.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
