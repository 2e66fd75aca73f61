// A local SMTP server (smtp-server, 127.0.0.1 only) that accepts every message and records when each one was
// accepted: the moment its DATA stream ended and the server answered 250.
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

export class SmtpReceiver {
  /** performance.now() of each accepted message, in order. */
  readonly acceptedAt: number[] = [];
  port = 0;
  #server: SMTPServer | null = null;
  #waiters: { count: number; resolve: (atMs: number) => void }[] = [];

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // 1,000 one-message connections in a row: no artificial limit or delay.
      maxClients: 10_000,
      onData: (stream, _session, callback) => {
        stream.resume();
        stream.on('end', () => {
          const atMs = performance.now();
          this.acceptedAt.push(atMs);
          callback();
          const count = this.acceptedAt.length;
          this.#waiters = this.#waiters.filter((w) => (w.count <= count ? (w.resolve(atMs), false) : true));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
    return this;
  }

  /** Resolves with the acceptance time of the count-th message (1-based) since start; rejects after timeoutMs. */
  waitForCount(count: number, timeoutMs: number): Promise<number> {
    const done = this.acceptedAt[count - 1];
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMTP server got ${this.acceptedAt.length} of ${count} messages within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ count, resolve: (atMs) => (clearTimeout(timer), resolve(atMs)) });
    });
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export { freePort } from '../test/helpers/smtp-sink.js';
