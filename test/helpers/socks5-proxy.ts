// A minimal SOCKS5 proxy on 127.0.0.1 (RFC 1928: no authentication, CONNECT to IPv4 or a domain name): proves a
// channel's `proxy: socks5://...` is used, by recording every connection it opens.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface Socks5Proxy {
  url: string;
  /** "host:port" of every CONNECT, in order. */
  connects: string[];
  close(): Promise<void>;
}

export async function startSocks5Proxy(): Promise<Socks5Proxy> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.once('data', (greeting: Buffer) => {
      // VER 5, NMETHODS, METHODS: answer "no authentication required".
      if (greeting[0] !== 5) return void client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once('data', (request: Buffer) => {
        const atyp = request[3];
        let host: string;
        let offset: number;
        if (atyp === 1) {
          host = [...request.subarray(4, 8)].join('.');
          offset = 8;
        } else if (atyp === 3) {
          const length = request[4] ?? 0;
          host = request.subarray(5, 5 + length).toString('utf8');
          offset = 5 + length;
        } else {
          client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0])); // address type not supported
          return;
        }
        const port = request.readUInt16BE(offset);
        connects.push(`${host}:${port}`);
        const upstream = connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          upstream.pipe(client);
          client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    connects,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
