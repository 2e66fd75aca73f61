// The template engine of channel templates: LiquidJS, made strict. Liquid was chosen over Handlebars, Mustache and
// Eta because it is the one that gives all of: a sandbox (templates cannot call JavaScript or reach prototypes), a
// static analysis of every variable with its line and column (so an unknown field on a branch the sample alert never
// takes is still a config error), strict variables and filters, syntax errors with line and column, and an output
// escape hook per engine (values escaped for the channel, template text as written). Mustache has no strict mode,
// Eta compiles to JavaScript (no sandbox, positions in generated code), Handlebars would need our own AST walk for
// positions and its escaping is global.
//
// This module only knows Liquid; which fields exist is template-fields.ts's business, which escape a channel needs
// is the catalogue's. Liquid loads on the first template (createRequire keeps config validation synchronous), so a
// config without templates never loads it.
import { createRequire } from 'node:module';
import type { Liquid as LiquidEngine, Template } from 'liquidjs';
import escapeHtml from 'escape-html';
import { neutraliseMarkdown, neutraliseRobotMarkdown } from '../notification-text.js';

/**
 * How values are escaped where they land: `plain` (Bark, mail text part: nothing), `html` (mail HTML part, Telegram's
 * HTML mode), `markdown` (WeCom markdown), `robot-markdown` (DingTalk, Feishu lark_md, ServerChan, PushPlus).
 */
export type TemplateTarget = 'plain' | 'html' | 'markdown' | 'robot-markdown';

export const TEMPLATE_TARGETS: readonly TemplateTarget[] = ['plain', 'html', 'markdown', 'robot-markdown'];

/** A parse or render failure at a place in the template text (1-based line and column). */
export class TemplatePositionError extends Error {
  override readonly name = 'TemplatePositionError';
  constructor(
    readonly line: number,
    readonly column: number,
    /** Liquid's reason without its own ", line:1, col:3" suffix, e.g. 'tag "iff" not found'. */
    readonly detail: string,
  ) {
    super(`${detail} at ${line}:${column}`);
  }
}

/** Bounds a template cannot exceed (a loop over a huge range in a config file must not hang the monitor). */
const PARSE_LIMIT_CHARS = 20_000;
const RENDER_LIMIT_MS = 1000;
const MEMORY_LIMIT = 1_000_000;

const ESCAPES: Record<TemplateTarget, (text: string) => string> = {
  plain: (text) => text,
  html: (text) => escapeHtml(text),
  markdown: neutraliseMarkdown,
  'robot-markdown': neutraliseRobotMarkdown,
};

type LiquidModule = typeof import('liquidjs');
let liquidModule: LiquidModule | undefined;

function liquid(): LiquidModule {
  liquidModule ??= createRequire(import.meta.url)('liquidjs') as LiquidModule;
  return liquidModule;
}

const engines = new Map<TemplateTarget, LiquidEngine>();

/** One engine per target: Liquid binds the output escape into a template when it parses it. */
function engineFor(target: TemplateTarget): LiquidEngine {
  let engine = engines.get(target);
  if (!engine) {
    const escape = ESCAPES[target];
    engine = new (liquid().Liquid)({
      strictVariables: true,
      strictFilters: true,
      ownPropertyOnly: true,
      // No file system: include, render and layout are removed below; `templates` keeps any lookup in memory.
      templates: {},
      parseLimit: PARSE_LIMIT_CHARS,
      renderLimit: RENDER_LIMIT_MS,
      memoryLimit: MEMORY_LIMIT,
      // A list (evidence) is escaped line by line, so a line cannot break the markup of the next one.
      outputEscape: (value: unknown) => (Array.isArray(value) ? value.map((item) => escape(String(item))).join('\n') : escape(String(value ?? ''))),
    });
    for (const tag of ['include', 'render', 'layout']) delete engine.tags[tag];
    engines.set(target, engine);
  }
  return engine;
}

export interface ParsedTemplate {
  readonly source: string;
  readonly target: TemplateTarget;
  readonly templates: Template[];
}

export function parseTemplate(source: string, target: TemplateTarget): ParsedTemplate {
  try {
    return { source, target, templates: engineFor(target).parse(source) };
  } catch (error: unknown) {
    throw positioned(error);
  }
}

/** A variable the template reads that it did not assign itself, as its path ("host", "evidence.size"). */
export interface GlobalVariable {
  root: string;
  path: string;
  /** Segments after the root: "size" in evidence.size, 0 in evidence[0]; a nested variable index shows as "?". */
  rest: (string | number)[];
  line: number;
  column: number;
}

/** Every variable read from outside the template, on every branch, in order of appearance. */
export function globalVariables(parsed: ParsedTemplate): GlobalVariable[] {
  const { globals } = liquid().analyzeSync(parsed.templates);
  const found: GlobalVariable[] = [];
  for (const [root, uses] of Object.entries(globals)) {
    for (const use of uses) {
      const rest = use.segments.slice(1).map((segment) => (typeof segment === 'string' || typeof segment === 'number' ? segment : '?'));
      found.push({ root, path: String(use), rest, line: use.location.row, column: use.location.col });
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

export function renderTemplate(parsed: ParsedTemplate, fields: Record<string, unknown>): string {
  try {
    return String(engineFor(parsed.target).renderSync(parsed.templates, fields));
  } catch (error: unknown) {
    throw positioned(error);
  }
}

/** Liquid's errors carry the token; its message ends with ", line:2, col:4", which we say our own way. */
function positioned(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  const position = token?.getPosition?.();
  const detail = error.message.split('\n')[0]?.replace(/,\s*line:\d+,\s*col:\d+\s*$/, '') ?? error.message;
  if (!position) return new Error(detail);
  return new TemplatePositionError(position[0], position[1], detail);
}
