// A Channel whose answers a test scripts: for testing the outbox and workers, not the real channels
// (those are tested against real SMTP / HTTP servers).
import type { Channel, Notification, SendResult } from '../../src/notify/channel.js';

export class ScriptedChannel implements Channel {
  readonly name: string;
  readonly received: Notification[] = [];
  readonly #script: SendResult[] = [];
  #default: SendResult = { ok: true };
  #pending: { resolve: () => void } | null = null;
  #hold = false;

  constructor(name: string, private readonly secret = 's3cret-value') {
    this.name = name;
  }

  /** Next answers, in order; after them, `fallback`. */
  answer(...results: SendResult[]): this {
    this.#script.push(...results);
    return this;
  }

  always(result: SendResult): this {
    this.#default = result;
    return this;
  }

  async send(notification: Notification): Promise<SendResult> {
    this.received.push(notification);
    if (this.#hold) await new Promise<void>((resolve) => (this.#pending = { resolve }));
    return this.#script.shift() ?? this.#default;
  }

  /** Make sends hang until release() (to see that a slow channel does not block others). */
  hold(): void {
    this.#hold = true;
  }

  release(): void {
    this.#hold = false;
    this.#pending?.resolve();
  }

  secrets(): string[] {
    return [this.secret];
  }
}
