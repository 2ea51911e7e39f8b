import { describe, expect, it } from 'vitest';
import { describeBedrockError } from '../../src/ai/bedrock-errors.js';
import {
  errorName,
  isAccessDeniedError,
  isNetworkError,
  isRefusedCredentialsError,
  isServerError,
  isThrottlingError,
} from '../../src/aws/error-classification.js';

/** An error shaped like an SDK v3 service exception. */
function serviceError(name: string, status = 400) {
  return Object.assign(new Error(`${name} message`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

describe('AWS error names, classified once', () => {
  it('reads the name an SDK error, a Node network error or a plain Error carries', () => {
    expect(errorName(serviceError('ThrottlingException'))).toBe('ThrottlingException');
    expect(errorName(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED',
    );
    expect(errorName(new TypeError('x is undefined'))).toBe('TypeError');
    expect(errorName('a string')).toBe('Error');
  });

  it('sorts names into kinds; a denial is recognised by its stem in codes it has never seen', () => {
    expect(['ThrottlingException', 'Throttling', 'TooManyRequestsException'].every(isThrottlingError)).toBe(true);
    expect(
      ['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AccessDeniedForDependencyException'].every(
        isAccessDeniedError,
      ),
    ).toBe(true);
    expect(
      ['ExpiredTokenException', 'InvalidSignatureException', 'UnrecognizedClientException'].every(
        isRefusedCredentialsError,
      ),
    ).toBe(true);
    expect(isServerError('InternalServiceError')).toBe(true);
    expect(isNetworkError('ENOTFOUND')).toBe(true);
    expect([
      isThrottlingError('ValidationException'),
      isAccessDeniedError('ValidationException'),
      isAccessDeniedError(undefined),
    ]).toEqual([false, false, false]);
  });

  it('gives Bedrock failures their kind from the same lists', () => {
    const ctx = { modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', timeoutMs: 30_000 };
    expect(describeBedrockError(serviceError('TooManyRequestsException', 429), ctx).kind).toBe('throttled');
    expect(describeBedrockError(serviceError('AccessDeniedException', 403), ctx).kind).toBe('access-denied');
    expect(describeBedrockError(serviceError('ExpiredTokenException', 400), ctx).kind).toBe('bad-credentials');
    expect(describeBedrockError(serviceError('InternalServerException', 500), ctx).kind).toBe('unavailable');
    expect(
      describeBedrockError(
        Object.assign(new Error('getaddrinfo ENOTFOUND bedrock-runtime'), { code: 'ENOTFOUND' }),
        ctx,
      ).kind,
    ).toBe('network');
  });
});
