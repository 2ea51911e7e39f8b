/**
 * Which outbound proxy a URL goes through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (read by
 * src/app/settings.ts). One rule for every client, the one undici's EnvHttpProxyAgent applies to
 * the Slack clients, so the AWS clients (which need an http.Agent, not an undici dispatcher)
 * decide the same way:
 * - https:// and wss:// go through HTTPS_PROXY, or HTTP_PROXY when only that is set;
 *   http:// and ws:// through HTTP_PROXY;
 * - NO_PROXY is a comma- or space-separated list: `*` (nothing is proxied), a host name (that
 *   host and its subdomains; a leading `.` or `*.` is ignored), optionally `:port`.
 */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

export interface Target {
  /** `https:`, `http:`, `wss:` or `ws:` (as URL.protocol gives it). */
  protocol: string;
  hostname: string;
  port?: number | string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** True when some proxy is configured at all; without one every client keeps its own defaults. */
export function hasProxy(settings: ProxySettings | undefined): settings is ProxySettings {
  return Boolean(settings?.httpProxy || settings?.httpsProxy);
}

/** The proxy URL for `target`, or undefined to connect directly. */
export function proxyFor(target: Target, settings: ProxySettings): string | undefined {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const proxy = secure ? settings.httpsProxy || settings.httpProxy : settings.httpProxy;
  if (!proxy) return undefined;
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  return bypassesProxy(target.hostname, port, settings.noProxy) ? undefined : proxy;
}

export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const name = (withPort ? withPort[1]! : entry)
      .replace(/^\*?\./, '')
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase();
    if (withPort && Number(withPort[2]) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}
