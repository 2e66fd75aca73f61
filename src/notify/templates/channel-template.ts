// A channel's `template: { subject, body }`, checked once and rendered per notification. Checked means: it parses,
// every field it reads exists (on every branch, by static analysis, with the position of the first unknown one), and
// it renders a sample firing, resolved and test alert without error. A template that passes cannot fail later
// except on a render limit; should it, the channel falls back to the built-in text rather than lose the alert.
import { closestMatch } from '../../config/did-you-mean.js';
import { formatAlertMessage } from '../../alerts/messages.js';
import type { AlertEvent, Locale } from '../../types.js';
import type { Notification } from '../channel.js';
import { globalVariables, parseTemplate, renderTemplate, TemplatePositionError, type ParsedTemplate, type TemplateTarget } from './template-engine.js';
import { isListField, isTemplateField, TEMPLATE_FIELD_NAMES, templateFields, type FieldSettings } from './template-fields.js';

export type TemplatePart = 'subject' | 'body';

export interface TemplateSection extends FieldSettings {
  subject?: string | undefined;
  body?: string | undefined;
}

/** A problem in one part of a template, at a position in that part's text. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly part: TemplatePart,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${part}: ${detail} at line ${line}, column ${column}`);
  }
}

/**
 * The one property a template may read off a field: `size` (characters of text, lines of evidence). Indexing
 * evidence (evidence[0], evidence.first) is refused: evidence is often empty, and a strict template would then fail
 * at send time; loops and filters (`{% for line in evidence %}`, `evidence | first`) are safe on an empty list.
 */
const FIELD_PROPERTIES = new Set(['size']);

export class ChannelTemplate {
  readonly section: TemplateSection;
  /** Parsed per target on first use: Liquid binds the escape into the parse. */
  readonly #parsed = new Map<string, ParsedTemplate>();

  private constructor(section: TemplateSection) {
    this.section = section;
  }

  /** Checks the section; throws a TemplateError naming the part and position of the first problem. */
  static compile(section: TemplateSection): ChannelTemplate {
    const template = new ChannelTemplate(section);
    for (const part of ['subject', 'body'] as const) {
      const source = section[part];
      if (source === undefined) continue;
      const parsed = inPart(part, () => template.#parse(part, 'plain'));
      checkFields(part, parsed);
      // Runtime-only problems (a filter's arguments, nested properties through a variable index) show on a render.
      for (const event of SAMPLE_VARIANTS) inPart(part, () => renderTemplate(parsed, templateFields(sampleNotificationFor(event), section)));
    }
    return template;
  }

  has(part: TemplatePart): boolean {
    return this.section[part] !== undefined;
  }

  /** The part rendered for this notification with values escaped for `target`; undefined when the part is not set. */
  render(n: Notification, part: TemplatePart, target: TemplateTarget): string | undefined {
    if (!this.has(part)) return undefined;
    return renderTemplate(this.#parse(part, target), templateFields(n, this.section));
  }

  #parse(part: TemplatePart, target: TemplateTarget): ParsedTemplate {
    const key = `${part}/${target}`;
    let parsed = this.#parsed.get(key);
    if (!parsed) {
      parsed = parseTemplate(this.section[part] ?? '', target);
      this.#parsed.set(key, parsed);
    }
    return parsed;
  }
}

function inPart<T>(part: TemplatePart, run: () => T): T {
  try {
    return run();
  } catch (error: unknown) {
    if (error instanceof TemplatePositionError) throw new TemplateError(part, error.line, error.column, error.detail);
    // A failure Liquid gave no position for: the part as a whole.
    throw new TemplateError(part, 1, 1, error instanceof Error ? error.message : String(error));
  }
}

function checkFields(part: TemplatePart, parsed: ParsedTemplate): void {
  for (const use of globalVariables(parsed)) {
    if (!isTemplateField(use.root)) {
      const guess = closestMatch(use.root, TEMPLATE_FIELD_NAMES);
      const detail = guess
        ? `unknown field ${JSON.stringify(use.root)} (did you mean ${JSON.stringify(guess)}?)`
        : `unknown field ${JSON.stringify(use.root)}; the fields are: ${TEMPLATE_FIELD_NAMES.join(', ')}`;
      throw new TemplateError(part, use.line, use.column, detail);
    }
    if (use.rest.length === 0) continue;
    if (use.rest.length > 1 || !FIELD_PROPERTIES.has(String(use.rest[0]))) {
      const what = isListField(use.root) ? `a list of lines: loop over it ({% for line in ${use.root} %}) or use ${use.root}.size` : 'text';
      throw new TemplateError(part, use.line, use.column, `unknown field ${JSON.stringify(use.path)} (${use.root} is ${what})`);
    }
  }
}

/** The sample alert (CPU at 97.4%, critical, 15 minutes in) that templates are checked against and previewed with. */
export function sampleEvent(overrides: Partial<AlertEvent> = {}, locale: Locale = 'en'): AlertEvent {
  const timeMs = Date.UTC(2026, 0, 1, 8, 15, 0);
  const event: AlertEvent = {
    type: 'alert',
    id: 'sample',
    timeMs,
    rule: 'cpu',
    kind: 'cpu',
    state: 'firing',
    severity: 'critical',
    value: 97.4,
    threshold: 95,
    window: 5,
    notify: true,
    muted: false,
    message: '',
    sinceMs: timeMs - 15 * 60_000,
    ...overrides,
  };
  const message = formatAlertMessage(
    { kind: event.kind, state: event.state, severity: event.severity, value: event.value, level: event.threshold, window: event.window, durationMs: timeMs - event.sinceMs },
    locale,
  );
  return { ...event, message: overrides.message ?? message };
}

/** A firing, a resolved (with its peak) and a test alert: between them every field has a value. */
const SAMPLE_VARIANTS: readonly AlertEvent[] = [
  sampleEvent(),
  sampleEvent({ state: 'resolved', value: 41.2, threshold: 90, peak: 98.1 }),
  sampleEvent({ test: true }),
];

export function sampleNotificationFor(event: AlertEvent = sampleEvent(), host = 'web-1', locale: Locale = 'en'): Notification {
  return { id: event.id, event, host, locale };
}
