// The HTTP server under every provider stand-in (DingTalk, Feishu, Telegram, Bark, PushPlus, ServerChan): 127.0.0.1,
// an ephemeral port, the request body read whole before the stand-in's handler answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandinHandler = (req: IncomingMessage, raw: Buffer, res: ServerResponse) => void;

export class LocalHttpServer {
  readonly #server: Server;
  #port = 0;

  constructor(handler: StandinHandler) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, Buffer.concat(chunks), res));
    });
  }

  /** 0 until started. */
  get port(): number {
    return this.#port;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
