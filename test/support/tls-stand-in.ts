import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Slack and AWS under their real names on one loopback HTTPS port, for traffic that arrives
 * through a proxy tunnel: the Web API (auth.test, apps.connections.open), Socket Mode's WebSocket
 * (101 upgrade, then `hello`), STS, Metering, IAM and Bedrock Runtime. Its certificate is made
 * here with openssl for those names; a child process trusts it with NODE_EXTRA_CA_CERTS, as a
 * client behind a TLS-inspecting proxy trusts the proxy's CA.
 */

export const STAND_IN_HOSTS = [
  'slack.com',
  'wss-primary.slack.com',
  'sts.us-east-1.amazonaws.com',
  'metering.marketplace.us-east-1.amazonaws.com',
  'iam.amazonaws.com',
  'bedrock-runtime.us-east-1.amazonaws.com',
  'localhost',
];

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for STAND_IN_HOSTS (and 127.0.0.1); returns the PEM file paths. */
export function makeCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'meterdoc-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const san = [...STAND_IN_HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=meterdoc-stand-in',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

export interface StandInRequest {
  host: string;
  method: string;
  path: string;
  target?: string;
}

export interface TlsStandIn {
  port: number;
  requests: StandInRequest[];
  /** WebSocket connections that got their `hello`. */
  helloSent: number;
  close(): Promise<void>;
}

const STS_IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/MeterDoc/s</Arn><UserId>AROAEXAMPLE:s</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>sts-req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
const IAM_SIMULATE = `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>aws-marketplace:BatchMeterUsage</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision><MatchedStatements/><MissingContextValues/></member></EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>iam-req-1</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(body));
  });
}

async function answer(req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const body = await readBody(req);
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
  if ((req.url ?? '').startsWith('/api/')) {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    if (method === 'auth.test')
      return void json(200, {
        ok: true,
        url: 'https://meterdoc-test.slack.com/',
        team: 'MeterDoc Test',
        user: 'meterdoc',
        team_id: 'T0TEST',
        user_id: 'U0BOT',
        bot_id: 'B0BOT',
      });
    if (method === 'apps.connections.open')
      return void json(200, { ok: true, url: 'wss://wss-primary.slack.com/link/?ticket=stand-in&app_id=A0TEST' });
    return void json(200, { ok: true });
  }
  // By operation rather than host: an endpoint URL may name any host (localhost for a VPC endpoint).
  if (body.includes('Action=GetCallerIdentity'))
    return void res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'sts-req-1' }).end(STS_IDENTITY);
  if (body.includes('Action=SimulatePrincipalPolicy'))
    return void res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'iam-req-1' }).end(IAM_SIMULATE);
  if (req.headers['x-amz-target'] === 'AWSMPMeteringService.BatchMeterUsage') {
    const sent = JSON.parse(body) as { UsageRecords: unknown[] };
    return void json(
      200,
      {
        Results: sent.UsageRecords.map((r, i) => ({ UsageRecord: r, MeteringRecordId: `mr-${i}`, Status: 'Success' })),
        UnprocessedRecords: [],
      },
      { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' },
    );
  }
  if (/\/model\/.+\/converse$/.test(req.url ?? '')) {
    return void json(
      400,
      { message: 'The stand-in has no model.' },
      { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
    );
  }
  json(404, { message: `no stand-in for ${host}` });
}

/** A server frame carrying one short text message (RFC 6455 §5.2; servers do not mask). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new Error('stand-in frames stay short');
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

export async function startTlsStandIn(cert: { certFile: string; keyFile: string }): Promise<TlsStandIn> {
  const requests: StandInRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { helloSent: 0 };
  const server: Server = createServer(
    { cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const target = req.headers['x-amz-target'];
      requests.push({
        host,
        method: req.method ?? '',
        path: req.url ?? '',
        ...(typeof target === 'string' ? { target } : {}),
      });
      void answer(req, res, host);
    },
  );
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    requests.push({ host, method: 'UPGRADE', path: req.url ?? '' });
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(
      textFrame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } })),
    );
    state.helloSent++;
    socket.on('error', () => socket.destroy());
  });
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    get helloSent() {
      return state.helloSent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
