// Keeps an HTTP server to at most maxConnections sockets. A new connection over the cap pushes out the connection
// that has been idle longest (never one whose request is being answered), so sockets left open by a crashed or hostile
// client cannot lock a real scraper out; if every connection is busy, the new one is closed instead.
// (server.maxConnections would refuse the newcomer and keep the idle ones.)
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function guardConnections(server: Server, maxConnections: number): void {
  // Insertion order is idle order: a socket goes (back) to the end when it connects and when its last answer is done.
  const idle = new Set<Socket>();
  /** Sockets with a request being answered, and how many (HTTP pipelining). */
  const busy = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    socket.once('close', () => {
      idle.delete(socket);
      busy.delete(socket);
    });
    if (idle.size + busy.size >= maxConnections) {
      const oldest = idle.values().next().value as Socket | undefined;
      if (oldest === undefined) {
        socket.destroy();
        return;
      }
      idle.delete(oldest);
      oldest.destroy();
    }
    idle.add(socket);
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    idle.delete(socket);
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) return void busy.set(socket, left);
      busy.delete(socket);
      if (!socket.destroyed) idle.add(socket);
    });
  });
}
