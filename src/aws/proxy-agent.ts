import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyFor, type ProxySettings } from '../net/proxy.js';

/**
 * The http.Agent the AWS SDK's NodeHttpHandler is given when a proxy is configured. Per request it
 * picks, by src/net/proxy.ts's rule: an HTTPS target through an HTTP CONNECT tunnel
 * (https-proxy-agent), a plain-HTTP target (an http:// endpoint URL) forwarded by the proxy
 * (http-proxy-agent), or a direct keep-alive connection for what NO_PROXY exempts. An endpoint
 * never changes for one client, so the few delegate agents are kept and their sockets reused.
 */
export class EnvProxyAgent extends Agent {
  private readonly direct = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
  };
  private readonly viaProxy = new Map<string, HttpAgent>();

  constructor(private readonly settings: ProxySettings) {
    super({ keepAlive: true });
  }

  override connect(_req: unknown, opts: AgentConnectOpts): HttpAgent {
    const protocol = opts.secureEndpoint ? 'https:' : 'http:';
    const proxy = proxyFor({ protocol, hostname: opts.host ?? 'localhost', port: opts.port }, this.settings);
    if (!proxy) return opts.secureEndpoint ? this.direct.https : this.direct.http;
    const key = `${protocol} ${proxy}`;
    let agent = this.viaProxy.get(key);
    if (!agent) {
      agent = opts.secureEndpoint
        ? new HttpsProxyAgent(proxy, { keepAlive: true })
        : new HttpProxyAgent(proxy, { keepAlive: true });
      this.viaProxy.set(key, agent);
    }
    return agent;
  }

  override destroy(): void {
    super.destroy();
    this.direct.http.destroy();
    this.direct.https.destroy();
    for (const agent of this.viaProxy.values()) agent.destroy();
  }
}
