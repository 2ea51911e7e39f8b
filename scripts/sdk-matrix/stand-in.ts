import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the AWS endpoints the SDK matrix calls. It answers every request with
 * one scripted reply in the exact wire shape of the service's protocol: awsJson1_1 for Marketplace
 * Metering and Entitlement (error code in `__type` and `x-amzn-ErrorType`), awsQuery XML for STS
 * and IAM. Real SDKs then parse, retry and print these replies as they would AWS's own.
 */

export type Protocol = 'awsJson1_1' | 'awsQuery';

/** The reply the stand-in gives to every request of one scenario. */
export type Reply =
  /** A service error: status, code and message as the service sends them. */
  | {
      kind: 'error';
      status: number;
      code: string;
      message: string;
      messageField?: 'message' | 'Message';
      type?: 'Sender' | 'Receiver';
    }
  /** A 200 response; for BatchMeterUsage the records sent are echoed back as `results` says. */
  | { kind: 'batch-results'; results: Array<'Success' | 'CustomerNotSubscribed' | 'DuplicateRecord' | 'Unprocessed'> }
  /** The connection is closed as soon as the request arrives, with no response. */
  | { kind: 'close' }
  /** The request is read and never answered (the client's own timeout ends it). */
  | { kind: 'hang' };

/** What the stand-in saw, for the generator's log and for tests. */
export interface SeenRequest {
  method: string;
  path: string;
  /** `X-Amz-Target` operation (JSON) or `Action` (query). */
  operation: string;
  authorization: string | undefined;
  requestId: string;
}

export interface StandIn {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const XML_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

/**
 * Request IDs are derived from the scenario and the request's order, so a regeneration produces
 * the same texts and the fixtures only change when an SDK's output does.
 */
export function requestIdFor(seed: string, n: number): string {
  const h = createHash('sha256').update(`${seed}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return new URLSearchParams(body).get('Action') ?? '';
}

function sendJsonError(res: ServerResponse, reply: Extract<Reply, { kind: 'error' }>, requestId: string): void {
  const body = JSON.stringify({ __type: reply.code, [reply.messageField ?? 'message']: reply.message });
  res.writeHead(reply.status, {
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': reply.code,
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(body),
    Date: new Date().toUTCString(),
  });
  res.end(body);
}

function sendQueryError(
  res: ServerResponse,
  reply: Extract<Reply, { kind: 'error' }>,
  requestId: string,
  namespace: string,
): void {
  const type = reply.type ?? (reply.status >= 500 ? 'Receiver' : 'Sender');
  const body =
    `<ErrorResponse xmlns="${namespace}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(reply.code)}</Code>\n    <Message>${xmlEscape(reply.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  res.writeHead(reply.status, {
    'x-amzn-RequestId': requestId,
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
    Date: new Date().toUTCString(),
  });
  res.end(body);
}

interface WireUsageRecord {
  Timestamp: number | string;
  CustomerIdentifier?: string;
  CustomerAWSAccountId?: string;
  Dimension: string;
  Quantity?: number;
}

/** A BatchMeterUsage 200 body: each record sent gets the status scripted for its position. */
export function batchResultsBody(
  requestBody: string,
  statuses: Extract<Reply, { kind: 'batch-results' }>['results'],
  seed: string,
): string {
  const records = (JSON.parse(requestBody) as { UsageRecords?: WireUsageRecord[] }).UsageRecords ?? [];
  const results: unknown[] = [];
  const unprocessed: WireUsageRecord[] = [];
  records.forEach((record, i) => {
    const status = statuses[Math.min(i, statuses.length - 1)] ?? 'Success';
    if (status === 'Unprocessed') unprocessed.push(record);
    else if (status === 'CustomerNotSubscribed') results.push({ UsageRecord: record, Status: status });
    else results.push({ UsageRecord: record, MeteringRecordId: requestIdFor(`${seed}:record`, i), Status: status });
  });
  return JSON.stringify({ Results: results, UnprocessedRecords: unprocessed });
}

function respond(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  reply: Reply,
  protocol: Protocol,
  service: string,
  requestId: string,
  seed: string,
): void {
  switch (reply.kind) {
    case 'error':
      if (protocol === 'awsJson1_1') sendJsonError(res, reply, requestId);
      else sendQueryError(res, reply, requestId, XML_NAMESPACES[service] ?? XML_NAMESPACES.sts!);
      return;
    case 'batch-results': {
      const payload = batchResultsBody(body, reply.results, seed);
      res.writeHead(200, {
        'x-amzn-RequestId': requestId,
        'Content-Type': 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(payload),
        Date: new Date().toUTCString(),
      });
      res.end(payload);
      return;
    }
    case 'close':
      req.socket.destroy();
      return;
    case 'hang':
      return;
  }
}

/** Starts the stand-in on a free loopback port. `service` is the endpoint prefix (metering, entitlement, sts, iam). */
export async function startStandIn(opts: {
  protocol: Protocol;
  service: string;
  reply: Reply;
  seed: string;
}): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const requestId = requestIdFor(opts.seed, requests.length);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        operation: operationOf(req, body),
        authorization: req.headers.authorization,
        requestId,
      });
      respond(req, res, body, opts.reply, opts.protocol, opts.service, requestId, opts.seed);
    });
  });
  // A hanging reply must not keep the generator alive once the scenario is done.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: bound, noted, then released. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The body EC2 instance metadata sends with a 404, as the real service does. */
const IMDS_NOT_FOUND = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>
`;

/**
 * A stand-in for the instance metadata service of an EC2 instance with no instance profile:
 * IMDSv2 tokens are issued, and the security-credentials listing (like every other path) is 404.
 */
export async function startImdsWithoutRole(): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        operation: 'imds',
        authorization: undefined,
        requestId: '',
      });
      if (req.method === 'PUT' && req.url === '/latest/api/token') {
        const ttl = String(req.headers['x-aws-ec2-metadata-token-ttl-seconds'] ?? '21600');
        const token = 'AQAEAFakeImdsTokenForTheSdkMatrixStandIn==';
        res.writeHead(200, {
          'Content-Type': 'text/plain',
          'Content-Length': Buffer.byteLength(token),
          'x-aws-ec2-metadata-token-ttl-seconds': ttl,
        });
        res.end(token);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(IMDS_NOT_FOUND) });
      res.end(IMDS_NOT_FOUND);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
