// prometheus.listen: "host:port", ":port" or a bare port. Without a host we bind to loopback, because exposing
// /metrics on every interface is a choice the user should make explicitly.

export const DEFAULT_LISTEN_HOST = '127.0.0.1';
export const LISTEN_FORMS = '"127.0.0.1:9105", ":9105", "[::1]:9105" or 9105';

/** Normalised "host:port" (IPv6 hosts in brackets); throws a plain Error with a short reason. */
export function parseListen(value: string | number): string {
  const text = String(value).trim();
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+)?:)?(\d{1,5})$/.exec(text);
  if (!match) throw new Error(`must be host:port, e.g. ${LISTEN_FORMS}`);
  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw new Error('must have a port from 1 to 65535');
  return `${match[1] ?? DEFAULT_LISTEN_HOST}:${port}`;
}
