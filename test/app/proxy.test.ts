import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js';
import { hasOpenssl, makeCertificate, startTlsStandIn, type TlsStandIn } from '../support/tls-stand-in.js';

/**
 * Behind a corporate proxy: the app and the AWS clients run as child processes with HTTPS_PROXY
 * pointing at a loopback CONNECT proxy, which records every target and tunnels it to a TLS
 * stand-in answering under the real Slack and AWS names (trusted through NODE_EXTRA_CA_CERTS,
 * as a TLS-inspecting proxy's CA would be).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLOW = { timeout: 120_000 };

let proxy: ConnectProxy | undefined;
let standIn: TlsStandIn | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await proxy?.close();
  await standIn?.close();
  proxy = standIn = child = undefined;
});

async function network(): Promise<{ proxy: ConnectProxy; standIn: TlsStandIn; certFile: string }> {
  const cert = makeCertificate();
  standIn = await startTlsStandIn(cert);
  proxy = await startConnectProxy(standIn.port);
  return { proxy, standIn, certFile: cert.certFile };
}

/** Only what a fresh shell would have, plus `env`: no proxy or AWS settings leak in from the test run. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  };
}

function run(script: string, env: Record<string, string>): ChildProcess {
  child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

async function until(condition: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!hasOpenssl())('HTTPS_PROXY', SLOW, () => {
  it('carries the Slack Web API calls and the Socket Mode WebSocket through the proxy', async () => {
    const { proxy, standIn, certFile } = await network();
    const app = run(join('src', 'app', 'main.ts'), {
      SLACK_BOT_TOKEN: 'xoxb-proxy-test',
      SLACK_APP_TOKEN: 'xapp-1-proxy-test',
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '169.254.169.254,localhost',
      NODE_EXTRA_CA_CERTS: certFile,
      LOG_LEVEL: 'info',
      // Any free port for /livez and /readyz: other tests may hold the default 3001.
      HEALTH_PORT: '0',
    });
    let output = '';
    app.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    app.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await until(
      () => standIn.helloSent > 0 && proxy.seen.includes('wss-primary.slack.com:443'),
      () => `proxy saw ${JSON.stringify(proxy.seen)}; app said ${output.slice(-2000)}`,
    );
    // Every byte to Slack went through the proxy: the Web API on slack.com, the WebSocket on its own host.
    expect(new Set(proxy.seen)).toEqual(new Set(['slack.com:443', 'wss-primary.slack.com:443']));
    const calls = standIn.requests.map((r) => `${r.host} ${r.method} ${r.path.split('?')[0]}`);
    expect(calls).toContain('slack.com POST /api/auth.test');
    expect(calls).toContain('slack.com POST /api/apps.connections.open');
    expect(calls).toContain('wss-primary.slack.com UPGRADE /link/');
    app.kill('SIGTERM');
  });

  it('carries the Metering, STS, IAM and Bedrock calls through the proxy, and NO_PROXY sends a host around it', async () => {
    const { proxy, standIn, certFile } = await network();
    const probe = run(join('test', 'support', 'aws-proxy-probe.ts'), {
      SLACK_BOT_TOKEN: 'xoxb-proxy-test',
      SLACK_APP_TOKEN: 'xapp-1-proxy-test',
      HTTPS_PROXY: proxy.url,
      // IAM is reached at an endpoint the proxy must not see (a VPC endpoint, say).
      AWS_ENDPOINT_URL_IAM: `https://localhost:${standIn.port}`,
      NO_PROXY: 'localhost',
      NODE_EXTRA_CA_CERTS: certFile,
    });
    let stdout = '';
    let stderr = '';
    probe.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    probe.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => probe.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ sts: 'ok', metering: 'ok', iam: 'ok', bedrock: 'ValidationException' });
    expect(proxy.seen.sort()).toEqual([
      'bedrock-runtime.us-east-1.amazonaws.com:443',
      'metering.marketplace.us-east-1.amazonaws.com:443',
      'sts.us-east-1.amazonaws.com:443',
    ]);
    const hosts = standIn.requests.map((r) => r.host);
    expect(hosts).toContain('localhost');
    expect(standIn.requests.find((r) => r.host === 'metering.marketplace.us-east-1.amazonaws.com')?.target).toBe(
      'AWSMPMeteringService.BatchMeterUsage',
    );
  });
});
