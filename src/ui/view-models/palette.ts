// The command palette's content: every action as a named command, fuzzy-filtered with fuzzysort. A number typed at
// the end ("cpu threshold 90") is the value for the "set threshold" commands; without one, Enter on such a command
// asks for the value in a second step.
import fuzzysort from 'fuzzysort';
import type { RuleStatus } from '../../alerts/engine.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { keyLabelFor } from '../keymap.js';
import { ruleName as displayName, thresholdText } from './rule-display.js';
import type { UiAction } from '../ui-action.js';
import type { UiLocale, UiStrings } from './strings.js';
import { uiStrings } from './strings.js';
import type { Symbols } from './symbols.js';

export interface PaletteCommand {
  label: string;
  /** English words searched too, so "cpu threshold 90" finds the command in the zh-CN UI as well. */
  keywords: string;
  action: UiAction;
  key?: string;
  /** For set-threshold commands: the rule whose value is typed. */
  valueFor?: { ruleId: string; ruleName: string; current: string };
}

export interface PaletteItem {
  command: PaletteCommand;
  /** What Enter runs: the command's action with the typed value filled in. */
  action: UiAction;
  label: string;
}

export const MUTE_CHOICES: readonly { label: string; durationMs: number }[] = [
  { label: '15m', durationMs: 15 * 60_000 },
  { label: '30m', durationMs: 30 * 60_000 },
  { label: '1h', durationMs: 60 * 60_000 },
  { label: '4h', durationMs: 4 * 60 * 60_000 },
];

/** What the palette offers for muting a single rule: one duration, and until unmuted. */
export const RULE_MUTE_CHOICE = { label: '1h', durationMs: 60 * 60_000 } as const;

/** mutedRuleIds: the rules muted on their own now, which get an "unmute" entry. */
export function paletteCommands(rules: readonly RuleStatus[], locale: UiLocale, strings: UiStrings, symbols: Symbols, mutedRuleIds: readonly string[] = []): PaletteCommand[] {
  const en = uiStrings('en', true).commands;
  const c = strings.commands;
  const make = (label: string, keywords: string, action: UiAction, extra: Partial<PaletteCommand> = {}): PaletteCommand => ({
    label,
    keywords,
    action,
    key: keyLabelFor(action, symbols),
    ...extra,
  });
  return [
    ...MUTE_CHOICES.map((m) => make(c.muteFor(m.label), en.muteFor(m.label), { kind: 'mute', durationMs: m.durationMs })),
    make(c.muteForever, en.muteForever, { kind: 'mute', durationMs: null }),
    make(c.unmute, en.unmute, { kind: 'unmute' }),
    ...rules
      .filter((r) => mutedRuleIds.includes(r.rule.id))
      .map((r) => make(c.unmuteRule(displayName(r, locale)), `${en.unmuteRule(displayName(r, 'en'))} ${terminalSafe(r.rule.id)}`, { kind: 'unmute', rules: [r.rule.id] })),
    make(c.toggleMute, en.toggleMute, { kind: 'toggleMute' }),
    make(c.testAlert, en.testAlert, { kind: 'testAlert' }),
    ...rules.map((r) => {
      const ruleName = displayName(r, locale);
      return make(c.setThreshold(ruleName), `${en.setThreshold(displayName(r, 'en'))} ${terminalSafe(r.rule.id)}`, { kind: 'setThreshold', ruleId: r.rule.id }, { valueFor: { ruleId: r.rule.id, ruleName, current: thresholdText(r) } });
    }),
    ...rules.flatMap((r) => {
      const [name, enName, id] = [displayName(r, locale), displayName(r, 'en'), terminalSafe(r.rule.id)];
      return [
        make(c.muteRuleFor(name, RULE_MUTE_CHOICE.label), `${en.muteRuleFor(enName, RULE_MUTE_CHOICE.label)} ${id}`, { kind: 'mute', durationMs: RULE_MUTE_CHOICE.durationMs, rules: [r.rule.id] }),
        make(c.muteRuleForever(name), `${en.muteRuleForever(enName)} ${id}`, { kind: 'mute', durationMs: null, rules: [r.rule.id] }),
      ];
    }),
    make(c.raise(1), en.raise(1), { kind: 'nudgeThreshold', delta: 1 }),
    make(c.lower(1), en.lower(1), { kind: 'nudgeThreshold', delta: -1 }),
    make(c.raise(5), en.raise(5), { kind: 'nudgeThreshold', delta: 5 }),
    make(c.lower(5), en.lower(5), { kind: 'nudgeThreshold', delta: -5 }),
    make(c.resetOverrides, en.resetOverrides, { kind: 'resetOverrides' }),
    make(c.togglePerCore, en.togglePerCore, { kind: 'togglePerCore' }),
    make(c.togglePause, en.togglePause, { kind: 'togglePause' }),
    make(c.cycleChartWindow, en.cycleChartWindow, { kind: 'cycleChartWindow' }),
    make(c.help, en.help, { kind: 'toggleHelp' }),
    make(c.quit, en.quit, { kind: 'quit' }),
  ];
}

/** "cpu threshold 90" -> { text: "cpu threshold", value: 90 }. */
export function splitTrailingNumber(query: string): { text: string; value: number | undefined } {
  const match = /^(.*?)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(query);
  if (!match || match[1]!.trim() === '') return { text: query.trim(), value: undefined };
  return { text: match[1]!.trim(), value: Number(match[2]) };
}

function withValue(command: PaletteCommand, value: number | undefined): PaletteItem {
  if (command.valueFor && value !== undefined && command.action.kind === 'setThreshold') {
    return { command, action: { ...command.action, value }, label: command.label.replace(/\.\.\.$/, ` ${value}`) };
  }
  return { command, action: command.action, label: command.label };
}

function search(text: string, commands: readonly PaletteCommand[]): PaletteCommand[] {
  return fuzzysort.go(text, commands, { keys: ['label', 'keywords'], threshold: 0.2, limit: 0 }).map((r) => r.obj);
}

export function filterPalette(query: string, commands: readonly PaletteCommand[]): PaletteItem[] {
  const trimmed = query.trim();
  if (trimmed === '') return commands.map((c) => withValue(c, undefined));
  const { text, value } = splitTrailingNumber(trimmed);
  if (value !== undefined) {
    const valued = search(text, commands.filter((c) => c.valueFor));
    if (valued.length > 0) return valued.map((c) => withValue(c, value));
  }
  return search(trimmed, commands).map((c) => withValue(c, undefined));
}
