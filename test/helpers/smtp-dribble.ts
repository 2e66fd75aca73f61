// An SMTP server on 127.0.0.1 that greets at once and then, while `slow` is set, writes every reply one byte per
// second: each byte resets the client's idle timer, so only an overall deadline ends the exchange. It also ignores the
// client's FIN (allowHalfOpen) and keeps writing, as a stalled server would, so a socket the client only ends (and
// does not destroy) stays open. With `slow` off it answers whole, enough of SMTP to accept a message.
import net from 'node:net';

const PROBE_MS = 50;

export class DribbleSmtp {
  /** Write replies one byte per tick; false: whole. Read at each connection. */
  slow = true;
  tickMs = 1000;
  port = 0;
  /** Messages accepted (slow off), as the raw DATA text. */
  readonly messages: string[] = [];
  readonly #sockets = new Set<net.Socket>();
  #closeWaiters: (() => void)[] = [];
  readonly #server = net.createServer({ allowHalfOpen: true }, (socket) => this.#serve(socket));

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.#server.address() as net.AddressInfo).port;
    return this;
  }

  /** Connections open right now (from this server's side). */
  get openSockets(): number {
    return this.#sockets.size;
  }

  /** Resolves once no connection is open; rejects after timeoutMs. */
  allClosed(timeoutMs: number): Promise<void> {
    if (this.#sockets.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.#sockets.size} connection(s) still open after ${timeoutMs} ms`)), timeoutMs);
      this.#closeWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(socket: net.Socket): void {
    const slow = this.slow;
    this.#sockets.add(socket);
    let out = '';
    let ticker: NodeJS.Timeout | undefined;
    const reply = (text: string) => {
      if (!slow) return void socket.write(text);
      out += text;
      ticker ??= setInterval(() => {
        if (out === '' || socket.destroyed) return;
        socket.write(out.slice(0, 1));
        out = out.slice(1);
      }, this.tickMs);
    };
    socket.on('error', () => {});
    // Keeps talking after the client's FIN: a client that destroyed its socket answers with a reset and this side
    // closes within ~2 probes; one that only ended it still reads them, and the connection stays open.
    let prober: NodeJS.Timeout | undefined;
    socket.on('end', () => {
      prober = setInterval(() => socket.write(' '), PROBE_MS);
    });
    socket.on('close', () => {
      clearInterval(ticker);
      clearInterval(prober);
      this.#sockets.delete(socket);
      if (this.#sockets.size === 0) this.#closeWaiters.splice(0).forEach((resolve) => resolve());
    });
    socket.write('220 dribble.test ESMTP\r\n');

    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          this.messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          reply('250 2.0.0 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const verb = buffer.slice(0, nl).split(' ')[0]?.toUpperCase() ?? '';
        buffer = buffer.slice(nl + 2);
        if (verb === 'EHLO' || verb === 'HELO') reply('250 dribble.test\r\n');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          reply('221 bye\r\n');
          if (!slow) socket.end();
        } else reply('250 2.1.0 ok\r\n');
      }
    });
  }
}
