import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { hasProxy, type ProxySettings } from '../net/proxy.js';

/**
 * How the Slack clients reach Slack through a proxy. Bolt 5's Web API client uses fetch and takes
 * no http.Agent; the Socket Mode client opens its WebSocket with undici and takes a dispatcher.
 * One undici EnvHttpProxyAgent serves both: HTTPS through a CONNECT tunnel, NO_PROXY honoured.
 * Its values come from the settings, so it never reads the environment itself.
 */
export interface SlackNetwork {
  /** For SocketModeReceiver's `dispatcher` (the WebSocket). */
  dispatcher: Dispatcher;
  /** For WebClientOptions' `fetch` (every Web API call, apps.connections.open included). */
  fetch: typeof globalThis.fetch;
}

/** Undefined without a proxy: the clients keep Node's own fetch and undici's default agent. */
export function slackNetwork(proxy: ProxySettings | undefined): SlackNetwork | undefined {
  if (!hasProxy(proxy)) return undefined;
  // An empty string (not undefined) stops undici from falling back to the environment; an empty
  // httpsProxy makes it use httpProxy for https, the rule src/net/proxy.ts documents.
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy,
  });
  // undici's own fetch: Node's global fetch bundles another undici whose dispatcher interface may differ.
  const fetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
  return { dispatcher, fetch };
}
