// Splits a listen address for net.Server.listen(). Validation and defaults (loopback when no host is given) live in
// config/listen.ts, shared with the config file's prometheus.listen.
import { parseListen } from '../config/listen.js';

export interface ListenAddress {
  /** Host as net.Server wants it: IPv6 without brackets. */
  host: string;
  port: number;
  /** As the user reads it: "127.0.0.1:9105", "[::1]:9105". */
  text: string;
}

/** Throws a plain Error with a short reason (from parseListen) for a malformed address. */
export function toListenAddress(value: string | number): ListenAddress {
  const text = parseListen(value);
  const colon = text.lastIndexOf(':');
  const host = text.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(text.slice(colon + 1)), text };
}

/** "host:port" of a bound socket, IPv6 in brackets. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
