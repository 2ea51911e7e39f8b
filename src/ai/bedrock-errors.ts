import {
  errorName,
  isAccessDeniedError,
  isMissingCredentialsError,
  isMissingRegionMessage,
  isNetworkError,
  isRefusedCredentialsError,
  isServerError,
  isThrottlingError,
  isTimeoutError,
} from '../aws/error-classification.js';
import { redact } from '../redact/redact.js';

/**
 * Every way the AI path can fail, each with a one-line reason a person can act on. The user
 * still gets the nearest catalog entries; this line says why the AI answer is missing.
 */
export type AiFailureKind =
  | 'throttled'
  | 'access-denied'
  | 'validation'
  | 'model-not-found'
  | 'model-not-ready'
  | 'timeout'
  | 'unavailable'
  | 'quota'
  | 'model-error'
  | 'no-credentials'
  | 'bad-credentials'
  | 'no-region'
  | 'network'
  | 'invalid-output'
  | 'blocked'
  | 'cap'
  | 'unknown';

export interface AiFailure {
  kind: AiFailureKind;
  /** One line, no secrets, says what to do. */
  reason: string;
}

export interface FailureContext {
  modelId: string;
  region?: string;
  timeoutMs: number;
}

function messageOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  // AWS messages can quote ARNs with account IDs; the reason may end up in Slack and in logs.
  return redact(raw.replace(/\s+/g, ' ').trim()).slice(0, 160);
}

export function describeBedrockError(err: unknown, ctx: FailureContext): AiFailure {
  const name = errorName(err);
  const message = messageOf(err);
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const code = (err as { code?: unknown } | null)?.code;
  // Bedrock's own codes first; then the kinds every AWS service shares.
  switch (name) {
    case 'ValidationException':
      return {
        kind: 'validation',
        reason: /on-demand throughput|inference profile/i.test(message)
          ? `Bedrock rejected ${ctx.modelId} (ValidationException): this model needs an inference profile ID (e.g. us.anthropic.…) in BEDROCK_MODEL_ID, not the bare model ID.`
          : `Bedrock rejected the request (ValidationException: ${message}); check BEDROCK_MODEL_ID and BEDROCK_REGION.`,
      };
    case 'ResourceNotFoundException':
      return {
        kind: 'model-not-found',
        reason: `Bedrock has no model ${ctx.modelId}${where} (ResourceNotFoundException); check BEDROCK_MODEL_ID and BEDROCK_REGION.`,
      };
    case 'ModelNotReadyException':
      return {
        kind: 'model-not-ready',
        reason: `${ctx.modelId} is not ready to serve yet (ModelNotReadyException); try again in a few minutes.`,
      };
    case 'ModelTimeoutException':
      return { kind: 'timeout', reason: `${ctx.modelId} took too long to answer (ModelTimeoutException); try again.` };
    case 'ServiceQuotaExceededException':
      return {
        kind: 'quota',
        reason: `The Bedrock quota for ${ctx.modelId} is used up (ServiceQuotaExceededException); request a quota increase in Service Quotas.`,
      };
    case 'ModelErrorException':
      return { kind: 'model-error', reason: `${ctx.modelId} failed while answering (ModelErrorException); try again.` };
  }
  if (isThrottlingError(name)) {
    return {
      kind: 'throttled',
      reason: `Bedrock is throttling calls to ${ctx.modelId} (${name}); try again in a minute, or raise the model's requests/tokens-per-minute quota in Service Quotas.`,
    };
  }
  if (isAccessDeniedError(name)) {
    return {
      kind: 'access-denied',
      reason: `Bedrock denied access to ${ctx.modelId}${where} (${name}): enable the model in the Bedrock console (Bedrock → Model access → Modify model access, in every Region the inference profile routes to) and allow bedrock:InvokeModel on the model and inference profile for this role.`,
    };
  }
  if (isTimeoutError(name)) {
    return {
      kind: 'timeout',
      reason: `Bedrock did not answer within ${Math.round(ctx.timeoutMs / 1000)} s (${name}); try again, or raise METERDOC_AI_TIMEOUT_MS.`,
    };
  }
  if (isServerError(name))
    return { kind: 'unavailable', reason: `Bedrock is unavailable right now (${name}); try again shortly.` };
  if (isMissingCredentialsError(name)) {
    return {
      kind: 'no-credentials',
      reason: `No AWS credentials for Bedrock (${name}): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an instance or task role.`,
    };
  }
  if (isRefusedCredentialsError(name)) {
    return {
      kind: 'bad-credentials',
      reason: `Bedrock refused the AWS credentials (${name}); refresh them (expired session?) and check the clock.`,
    };
  }
  if (isMissingRegionMessage(message)) {
    return { kind: 'no-region', reason: 'No AWS Region for Bedrock: set BEDROCK_REGION or AWS_REGION.' };
  }
  if (typeof code === 'string' && isNetworkError(code)) {
    return {
      kind: 'network',
      reason: `Could not reach the Bedrock endpoint (${code}); check network, proxy and AWS_ENDPOINT_URL_BEDROCK_RUNTIME.`,
    };
  }
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500)
    return {
      kind: 'unavailable',
      reason: `Bedrock is unavailable right now (${name}, HTTP ${status}); try again shortly.`,
    };
  return { kind: 'unknown', reason: `Bedrock call failed (${name}: ${message}).` };
}
