import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { EnvProxyAgent } from '../aws/proxy-agent.js';
import { hasProxy, type ProxySettings } from '../net/proxy.js';

export interface BedrockClientOptions {
  /** Unset = the SDK's region chain. */
  region?: string;
  /**
   * HTTP handler. Defaults to the HTTP/1.1 NodeHttpHandler: Bedrock Runtime's default HTTP/2
   * handler can be neither intercepted by nock nor pointed at a plain http:// stand-in, and
   * HTTP/1.1 costs nothing noticeable for one Converse call.
   */
  requestHandler?: BedrockRuntimeClientConfig['requestHandler'];
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** The outbound proxy (HTTPS_PROXY…); unset = connect directly. */
  proxy?: ProxySettings;
  /** Tests only: production uses the SDK's credential chain. */
  credentials?: BedrockRuntimeClientConfig['credentials'];
}

/**
 * The one place a Bedrock client is built. No endpoint is set here, so the SDK's endpoint
 * settings (AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL, profile `endpoint_url`) apply.
 */
export function createBedrockClient(options: BedrockClientOptions = {}): BedrockRuntimeClient {
  const agent = hasProxy(options.proxy) ? new EnvProxyAgent(options.proxy) : undefined;
  return new BedrockRuntimeClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler:
      options.requestHandler ??
      new NodeHttpHandler({
        connectionTimeout: options.connectTimeoutMs ?? 3_000,
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
      }),
  });
}
