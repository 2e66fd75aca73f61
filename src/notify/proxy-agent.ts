// The agent for a channel's `proxy` URL: HTTP CONNECT (http:// or https:// proxy, also for http targets) or SOCKS5.
// Both from the proxy-agent family that npm and the AWS SDK use; loaded only by channels that send.
import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';

export function proxyAgent(proxy: string): Agent {
  return proxy.startsWith('socks') ? new SocksProxyAgent(proxy) : new HttpsProxyAgent(proxy);
}
