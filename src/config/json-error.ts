// Finds where a JSON text goes wrong. V8's JSON.parse messages often carry no position at all (and parse-json, which
// cosmiconfig uses, passes them on), so we scan the text ourselves to tell the user the line.

export interface JsonProblem {
  /** 1-based line. */
  line: number;
  reason: string;
}

/** The first syntax problem of a JSON text, or undefined if it parses. */
export function locateJsonError(text: string): JsonProblem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    if (scanner.atEnd()) return undefined; // empty: cosmiconfig treats it as an empty config
    scanner.value();
    scanner.skipSpace();
    if (!scanner.atEnd()) scanner.fail(`unexpected ${scanner.describeHere()} after the end of the data`);
    return undefined;
  } catch (error: unknown) {
    if (error instanceof ScanError) return { line: lineOf(text, error.offset), reason: error.message };
    throw error;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class Scanner {
  #pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  fail(reason: string, offset = this.#pos): never {
    throw new ScanError(reason, offset);
  }

  describeHere(): string {
    if (this.atEnd()) return 'end of file';
    const ch = this.text[this.#pos] as string;
    return /\w/.test(ch) ? JSON.stringify(/^\w+/.exec(this.text.slice(this.#pos))?.[0] ?? ch) : JSON.stringify(ch);
  }

  skipSpace(): void {
    while (!this.atEnd()) {
      const ch = this.text[this.#pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.#pos++;
      else if (ch === '/' && (this.text[this.#pos + 1] === '/' || this.text[this.#pos + 1] === '*')) this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  value(): void {
    this.skipSpace();
    const ch = this.text[this.#pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === "'") this.fail('strings in JSON need double quotes');
    if (ch !== undefined && /[-\d]/.test(ch)) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.#pos)) {
        this.#pos += word.length;
        return;
      }
    }
    this.fail(`unexpected ${this.describeHere()}, expected a value`);
  }

  object(): void {
    this.#pos++;
    this.skipSpace();
    if (this.text[this.#pos] === '}') {
      this.#pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.#pos] === '}') this.fail('trailing comma before "}"');
      if (this.text[this.#pos] !== '"') this.fail(`unexpected ${this.describeHere()}, expected a key in double quotes`);
      this.string();
      this.skipSpace();
      if (this.text[this.#pos] !== ':') this.fail(`unexpected ${this.describeHere()}, expected ":"`);
      this.#pos++;
      this.value();
      this.skipSpace();
      const ch = this.text[this.#pos];
      this.#pos++;
      if (ch === '}') return;
      if (ch !== ',') this.fail(`unexpected ${ch === undefined ? 'end of file' : JSON.stringify(ch)}, expected "," or "}"`, this.#pos - 1);
    }
  }

  array(): void {
    this.#pos++;
    this.skipSpace();
    if (this.text[this.#pos] === ']') {
      this.#pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.#pos] === ']') this.fail('trailing comma before "]"');
      this.value();
      this.skipSpace();
      const ch = this.text[this.#pos];
      this.#pos++;
      if (ch === ']') return;
      if (ch !== ',') this.fail(`unexpected ${ch === undefined ? 'end of file' : JSON.stringify(ch)}, expected "," or "]"`, this.#pos - 1);
    }
  }

  string(): void {
    const start = this.#pos;
    this.#pos++;
    while (!this.atEnd()) {
      const ch = this.text[this.#pos];
      if (ch === '"') {
        this.#pos++;
        return;
      }
      if (ch === '\n') this.fail('unterminated string', start);
      this.#pos += ch === '\\' ? 2 : 1;
    }
    this.fail('unterminated string', start);
  }

  number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.#pos));
    if (!match) this.fail(`unexpected ${this.describeHere()}, expected a number`);
    this.#pos += match[0].length;
  }
}
