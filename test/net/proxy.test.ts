import { describe, expect, it } from 'vitest';
import { bypassesProxy, hasProxy, proxyFor } from '../../src/net/proxy.js';

const CORP = 'http://proxy.corp.example:3128';
const url = (u: string) => {
  const { protocol, hostname, port } = new URL(u);
  return { protocol, hostname, port };
};

describe('proxyFor', () => {
  it('sends https and wss through HTTPS_PROXY, http through HTTP_PROXY', () => {
    const settings = { httpsProxy: CORP, httpProxy: 'http://plain.corp.example:8080', noProxy: '' };
    expect(proxyFor(url('https://slack.com/api/auth.test'), settings)).toBe(CORP);
    expect(proxyFor(url('wss://wss-primary.slack.com/link/'), settings)).toBe(CORP);
    expect(proxyFor(url('http://metering.internal/'), settings)).toBe('http://plain.corp.example:8080');
  });

  it('uses HTTP_PROXY for https when it is the only proxy set, and none for http when only HTTPS_PROXY is', () => {
    expect(proxyFor(url('https://sts.us-east-1.amazonaws.com/'), { httpProxy: CORP, noProxy: '' })).toBe(CORP);
    expect(proxyFor(url('http://stand-in.local/'), { httpsProxy: CORP, noProxy: '' })).toBeUndefined();
  });

  it('honours NO_PROXY as curl does: exact names and their subdomains, leading dots and *., ports, and *', () => {
    const via = (target: string, noProxy: string) => proxyFor(url(target), { httpsProxy: CORP, noProxy });
    expect(via('https://iam.amazonaws.com/', 'amazonaws.com')).toBeUndefined();
    expect(via('https://amazonaws.com/', '.amazonaws.com')).toBeUndefined();
    expect(via('https://metering.marketplace.us-east-1.amazonaws.com/', '*.us-east-1.amazonaws.com')).toBeUndefined();
    expect(via('https://slack.com/', 'amazonaws.com, localhost')).toBe(CORP);
    expect(via('https://notslack.com/', 'slack.com')).toBe(CORP);
    expect(via('https://vpce.internal:8443/', 'vpce.internal:8443')).toBeUndefined();
    expect(via('https://vpce.internal/', 'vpce.internal:8443')).toBe(CORP);
    expect(via('https://LOCALHOST:3000/', 'localhost')).toBeUndefined();
    expect(via('https://slack.com/', '*')).toBeUndefined();
    expect(bypassesProxy('169.254.169.254', 80, '169.254.169.254')).toBe(true);
  });

  it('knows when no proxy is configured at all', () => {
    expect(hasProxy(undefined)).toBe(false);
    expect(hasProxy({ noProxy: 'localhost' })).toBe(false);
    expect(hasProxy({ httpsProxy: CORP, noProxy: '' })).toBe(true);
  });
});
