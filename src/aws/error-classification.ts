/**
 * AWS error names sorted into the kinds MeterDoc acts on, as data plus predicates (the shape of
 * smithy's service-error-classification). Every place that asks "was this a throttle, a denial,
 * bad credentials, the network?" (the Bedrock failure reasons, the retry's stop rule, the IAM
 * check's hints, the AI's and the gap log's reading of a pasted code) asks here. No SDK import:
 * names are plain strings, from an SDK error or from a paste.
 */

export const THROTTLING_ERROR_CODES = [
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
] as const;

/** Denials of an action: the caller lacks a permission (or something denies it). */
export const ACCESS_DENIED_ERROR_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'NotAuthorized',
  'NotAuthorizedException',
  'Forbidden',
  'ForbiddenException',
] as const;
/** Word stems that make an unfamiliar code a denial too (`AccessDeniedForDependencyException`). */
const ACCESS_DENIED_STEMS = ['AccessDenied', 'Unauthorized', 'NotAuthorized', 'Forbidden'] as const;

/** Credentials AWS refused: unknown, expired, or signed wrongly (often a skewed clock). */
export const REFUSED_CREDENTIALS_ERROR_CODES = [
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
] as const;

/** No credentials at all: the SDK's chain found none. */
export const MISSING_CREDENTIALS_ERROR_CODES = ['CredentialsProviderError'] as const;

/** The call never reached AWS (Node's socket and DNS error codes). */
export const NETWORK_ERROR_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
] as const;

/** The deadline passed before an answer (the SDK's request timeout, or our own abort). */
export const TIMEOUT_ERROR_CODES = ['TimeoutError', 'AbortError'] as const;

/** AWS failed on its side; the same call may work later. */
export const SERVER_ERROR_CODES = [
  'InternalServerException',
  'InternalServiceError',
  'InternalServiceErrorException',
  'InternalFailure',
  'ServiceUnavailableException',
  'ServiceUnavailable',
] as const;

const has =
  (codes: readonly string[]) =>
  (name: string | undefined): boolean =>
    name !== undefined && codes.includes(name);

export const isThrottlingError = has(THROTTLING_ERROR_CODES);
export const isRefusedCredentialsError = has(REFUSED_CREDENTIALS_ERROR_CODES);
export const isMissingCredentialsError = has(MISSING_CREDENTIALS_ERROR_CODES);
export const isNetworkError = has(NETWORK_ERROR_CODES);
export const isTimeoutError = has(TIMEOUT_ERROR_CODES);
export const isServerError = has(SERVER_ERROR_CODES);

export function isAccessDeniedError(name: string | undefined): boolean {
  if (name === undefined) return false;
  return (
    (ACCESS_DENIED_ERROR_CODES as readonly string[]).includes(name) ||
    ACCESS_DENIED_STEMS.some((stem) => name.toLowerCase().includes(stem.toLowerCase()))
  );
}

/** The SDK throws this message (no error name of its own) when no Region is configured. */
export function isMissingRegionMessage(message: string): boolean {
  return /region is missing/i.test(message);
}

/**
 * An error's AWS name: the SDK's `name` (the service's error code), else Node's `code` (network
 * errors), else `Error`.
 */
export function errorName(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; code?: unknown };
    if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
    if (typeof e.code === 'string') return e.code;
  }
  return err instanceof Error ? err.name : 'Error';
}
