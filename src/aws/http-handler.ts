import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * Deadlines for the Metering, STS and IAM calls behind MeterDoc's actions. The SDK sets none by
 * default, so an endpoint that accepts the connection and never answers would hold a retry (and its
 * lock) forever.
 */
export interface AwsCallTimeouts {
  /** Time to open the TCP (and proxy) connection. */
  connectionTimeoutMs: number;
  /** Time for one attempt from sending to the response headers, connecting included. */
  requestTimeoutMs: number;
}

/**
 * Each of these calls answers in well under a second when AWS is healthy; 10 s per attempt leaves
 * room for a slow proxy and a cold TLS handshake without keeping a person waiting for minutes.
 */
export const AWS_CALL_TIMEOUTS: AwsCallTimeouts = { connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 };

/** The longest the SDK's standard retry strategy waits between two attempts (smithy's MAXIMUM_RETRY_DELAY). */
export const MAX_RETRY_DELAY_MS = 20_000;

export interface AwsAgents {
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

/**
 * The HTTP/1.1 handler every action client uses. `requestTimeout` only logs a warning unless
 * `throwOnRequestTimeout` is set (smithy 4.x), so it is set: the attempt fails with a
 * TimeoutError that the SDK's retry strategy treats as transient. `socketTimeout` (idle time)
 * covers a response body that stops arriving after its headers.
 */
export function awsRequestHandler(timeouts: AwsCallTimeouts, agents: AwsAgents = {}): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectionTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
    ...agents,
  });
}

/**
 * The longest one SDK call can take: every attempt running into its timeout, with the longest
 * back-off between attempts. Callers use it as the call's own deadline (an abort signal) and to
 * size anything that must outlive the call, such as the retry lock.
 */
export function longestCallMs(timeouts: AwsCallTimeouts, maxAttempts: number): number {
  const attempts = Math.max(1, Math.floor(maxAttempts));
  return attempts * timeouts.requestTimeoutMs + (attempts - 1) * MAX_RETRY_DELAY_MS;
}
