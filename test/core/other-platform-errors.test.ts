import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * The families of layouts other clouds' and APIs' clients print, and the network, denial and
 * credential wordings around AWS calls that have no code of their own. Texts written for these tests.
 */
const catalog = realCatalog();
const run = (text: string) => diagnose(text, catalog, { now: NOW });
const top = (text: string) => run(text).findings[0]?.entry.id;

describe('errors of other clouds and APIs are errors, listed as unknown', () => {
  it.each([
    [
      'a Python exception in an exceptions module, whatever its own name',
      "google.api_core.exceptions.NotFound: 404 Secret 'billing-key' was not found in project 'acme-42'.",
    ],
    [
      'a Python traceback flattened onto one line, ending in a qualified exception',
      'File "/srv/jobs/sync.py", line 31, in push resp = req.execute() File "/venv/lib/python3.12/site-packages/googleapiclient/http.py", line 938, in execute raise HttpError(resp, content, uri=self.uri) googleapiclient.errors.HttpError: <HttpError 403 when requesting https://pubsub.googleapis.com/v1/projects/acme/topics/usage:publish?alt=json returned "User not authorized to perform this action.">',
    ],
    [
      'Google’s Python client printing an HTTP error response',
      'push failed: <HttpError 429 when requesting https://sheets.googleapis.com/v4/spreadsheets/abc?alt=json returned "Quota exceeded">',
    ],
    [
      'Python requests raising for a status',
      'sync aborted: 401 Client Error: Unauthorized for url: https://api.example.org/v2/invoices',
    ],
    ['Google’s Go client', 'publish: googleapi: Error 403: The caller does not have permission, forbidden'],
    ['Axios’s status message', 'AxiosError: Request failed with status code 502'],
    [
      'a Ruby exception as Rack shows it, with gem frames',
      "Braintree::AuthorizationError - Merchant account is suspended:\n  braintree (4.9.0) lib/braintree/http.rb:118:in `_handle_response'\n  braintree (4.9.0) lib/braintree/http.rb:25:in `post'",
    ],
    ['a Ruby exception as Rails logs it', 'Twilio::REST::RestError (Unable to create record: Authenticate):'],
    [
      'a Ruby uncaught exception',
      "app/jobs/charge.rb:14:in 'perform': No such price: 'price_9' (Stripe::InvalidRequestError)",
    ],
    [
      'a Java exception of another cloud’s SDK',
      'com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: PERMISSION_DENIED: Permission denied on resource',
    ],
    [
      'a .NET exception of another SDK',
      'Google.GoogleApiException: Google.Apis.Requests.RequestError\nInsufficient Permission [403]',
    ],
    [
      'an HTTP status word after a caller’s own words',
      'Error uploading the backup to the bucket: Forbidden: Forbidden',
    ],
    ['an HTTP status word at the head of a line', 'Unauthorized: the API key was revoked on 2026-11-30'],
    ['an HTTP status with its word', 'webhook delivery failed: 403 Forbidden: signature does not match'],
    [
      'a Google-style JSON error body on one line',
      '{"error": {"code": 400, "message": "Invalid value at \'page_size\'", "status": "INVALID_ARGUMENT"}}',
    ],
    [
      'a pretty-printed JSON error body',
      '{\n  "error": {\n    "code": 401,\n    "message": "Request is missing required authentication credential.",\n    "status": "UNAUTHENTICATED"\n  }\n}',
    ],
    [
      'a JSON error list',
      '{"errors":[{"message":"Field \'plan\' doesn\'t exist on type \'Query\'","locations":[{"line":2,"column":3}]}]}',
    ],
    [
      'a JSON body with a message and a numeric status',
      '{"message": "Must have admin rights to Repository.", "code": 403}',
    ],
    ['an OAuth error body', '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'],
  ])('%s', (_what, paste) => {
    const result = run(paste);
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
  });

  it('with nothing AWS in the paste, a channel stays out of it', () => {
    const [unknown] = run('Error uploading the backup to the bucket: Forbidden: Forbidden').unmatched;
    expect(unknown).toMatchObject({ awsContext: false });
  });

  it('a class of another platform is known by its whole name, never as an AWS code of the same last name', () => {
    const result = run("google.api_core.exceptions.NotFound: 404 Secret 'billing-key' was not found.");
    expect(result.unmatched[0]!.facts.code).toBe('google.api_core.exceptions.NotFound');
  });

  it('the AWS SDK’s own Python exceptions keep their AWS name in a flattened traceback', () => {
    const result = run(
      'File "/app/meter.py", line 8, in main client.meter_usage(**args) File "/venv/lib/python3.12/site-packages/botocore/client.py", line 960, in _make_api_call raise error_class(parsed_response, operation_name) botocore.exceptions.NoCredentialsError: Unable to locate credentials',
    );
    expect(result.findings[0]?.entry.id).toBe('credentials-not-found');
  });

  it.each([
    ['an empty JSON error list', '{"data": {"plan": "pro"}, "errors": []}'],
    ['a status word in a sentence', 'The page said forbidden, so I asked for access.'],
    ['a JSON success body', '{"status": "ACTIVE", "code": 200, "message": "ok"}'],
  ])('%s is no error', (_what, text) => {
    expect(run(text).isError).toBe(false);
  });
});

describe('libcurl’s network failures (PHP SDK through Guzzle, the curl tool)', () => {
  it('a refused connection to a service endpoint is an unreachable endpoint', () => {
    expect(
      top(
        'Error executing "PutRecord" on "https://kinesis.ap-south-1.amazonaws.com"; AWS HTTP error: cURL error 7: Failed to connect to kinesis.ap-south-1.amazonaws.com port 443 after 3 ms: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
      ),
    ).toBe('network-endpoint-unreachable');
  });

  it('a timed-out call to a service endpoint is a network timeout', () => {
    expect(
      top(
        'Error executing "SendMessage" on "https://sqs.eu-west-3.amazonaws.com/123456789012/usage"; AWS HTTP error: cURL error 28: Operation timed out after 15001 milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
      ),
    ).toBe('network-timeout');
  });

  it('an unresolved host is an unreachable endpoint', () => {
    expect(
      top(
        'Error executing "PutMetricData" on "https://monitoring.us-west-2.amazonaws.com"; AWS HTTP error: cURL error 6: Could not resolve host: monitoring.us-west-2.amazonaws.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
      ),
    ).toBe('network-endpoint-unreachable');
  });

  it('the same failure on the instance-metadata address is a credentials problem', () => {
    expect(top('curl: (7) Failed to connect to 169.254.169.254 port 80 after 0 ms: Connection refused')).toBe(
      'credentials-imds-unavailable',
    );
    expect(
      top(
        'Error executing "GetObject" on "https://s3.amazonaws.com/b/k"; AWS HTTP error: cURL error 28: Connection timed out after 1000 milliseconds: http://169.254.169.254/latest/api/token',
      ),
    ).toBe('credentials-imds-unavailable');
  });
});

describe('IAM denials in a service’s own words, with no code and no action in the usual shape', () => {
  it('a caller "not authorized to perform the required actions", wrapped over lines, is a denial', () => {
    const result = run(
      'Provisioning stopped: the execution role is not authorized\nto perform the required actions (aws-marketplace:ViewSubscriptions)\nfor this listing.',
    );
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe('access-denied-generic');
  });

  it('a caller that "does not have the required permissions" is a denial', () => {
    expect(top('Rollout failed: the deploy role does not have the required permissions to update the service.')).toBe(
      'access-denied-generic',
    );
  });

  it.each([
    ['a question', 'Could it be that the task role does not have the required permissions for this?'],
    ['a first-person remark', 'I guess our deploy user is not authorized to perform that call'],
  ])('%s about such a denial is talk, which only an explicit ask takes up', (_what, text) => {
    const result = run(text);
    expect(result.isError).toBe(false);
    expect(result.findings.every((f) => (f.evidence ?? 0) < 0.6)).toBe(true);
  });

  it('the error’s own message brought in by "I keep getting" and ending the line is a paste of it', () => {
    const result = run('I keep getting "the task role does not have the required permissions"');
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe('access-denied-generic');
  });

  it('a question built around the quoted message ("… on deploy, any idea?") is talk, named for an explicit ask', () => {
    const result = run('I keep getting "the task role does not have the required permissions" on deploy, any idea?');
    expect(result.isError).toBe(false);
    expect(result.findings[0]?.entry.id).toBe('access-denied-generic');
  });

  it('Marketplace buyer actions in such a denial are not a metering denial', () => {
    const ids = run(
      'Access is denied: the caller is not authorized to perform the required AWS Marketplace actions (aws-marketplace:Subscribe).',
    ).findings.map((f) => f.entry.id);
    expect(ids).not.toContain('metering-access-denied');
  });
});

describe('credential-provider wrappers around a transport error', () => {
  it('the Rust SDK’s ProviderError around a refused connection is a credentials failure', () => {
    expect(
      top(
        'dispatch failure: an error occurred while loading credentials: ProviderError(ProviderError { source: Unexpected(Unexpected { source: hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 111, kind: ConnectionRefused })) }) })',
      ),
    ).toBe('credentials-imds-unavailable');
  });

  it('the Rust SDK’s ProviderError around a connect timeout is a credentials failure, not a service timeout', () => {
    expect(
      top(
        'Error { kind: DispatchFailure(ConnectorError { kind: Timeout, source: ProviderError(ProviderError { source: HttpTimeoutError { kind: "HTTP connect", duration: 1s } }) }) }',
      ),
    ).toBe('credentials-imds-unavailable');
  });

  it('Go v1’s WebIdentityErr and the AccessDenied it was caused by are one error', () => {
    const result = run(
      'reconcile failed: WebIdentityErr: failed to retrieve credentials\ncaused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\n\tstatus code: 403, request id: 3c1f8a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
    );
    expect(result.findings.map((f) => f.entry.id)).toEqual(['sts-web-identity-denied']);
  });
});
