import { describe, expect, it } from 'vitest';
import { diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { namesOtherCloud, OTHER_CLOUD_HOSTS } from '../../src/core/other-clouds.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * S3-compatible stores and other clouds answer with S3's error codes and wordings. Their error
 * layouts as their SDKs and servers print them: Alibaba's Go SDK ServiceError (`oss: service returned
 * error: StatusCode=…, ErrorCode=…`), Huawei's OBS Java SDK ObsException, and the S3-style XML body
 * every S3-compatible API returns, with the endpoint the request went to. Buckets, keys and ids are made up.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

const skewedBody = (host: string) =>
  `PUT https://${host}/meter-exports/2026-12-07.csv
<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20261207T091500Z</RequestTime><ServerTime>2026-12-07T10:02:11Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>tx00000a1b2c3d4e5f6a7b8</RequestId></Error>`;

const signatureBody = (host: string) =>
  `HTTP/1.1 403 Forbidden
Host: ${host}
<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>3F1C0A9B7E2D4C11</RequestId></Error>`;

/** [store, pasted text, the AWS entry whose code it shares] */
const otherClouds: Array<[string, string, string]> = [
  [
    'Alibaba Cloud OSS, Go SDK ServiceError',
    'Error: oss: service returned error: StatusCode=403, ErrorCode=SignatureDoesNotMatch, ErrorMessage="The request signature we calculated does not match the signature you provided. Check your key and signing method.", RequestId=6571A2B3C4D5E6F7A8B9C0D1',
    'signature-mismatch',
  ],
  ['Alibaba Cloud OSS endpoint', skewedBody('meter-exports.oss-cn-hangzhou.aliyuncs.com'), 'signature-clock-skew'],
  [
    'Huawei OBS Java SDK',
    `com.obs.services.exception.ObsException: Error message:Request Error. -- ResponseCode: 403, ResponseStatus: Forbidden, XML Error Message: <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestId>00000190A1B2C3D4E5F6</RequestId></Error>
\tat com.obs.services.internal.RestStorageService.performRequest(RestStorageService.java:412)`,
    'signature-clock-skew',
  ],
  ['Huawei OBS endpoint', skewedBody('meter-exports.obs.cn-north-4.myhuaweicloud.com'), 'signature-clock-skew'],
  ['Google Cloud Storage XML API', signatureBody('storage.googleapis.com'), 'signature-mismatch'],
  ['DigitalOcean Spaces', skewedBody('meter-exports.nyc3.digitaloceanspaces.com'), 'signature-clock-skew'],
  ['Wasabi', skewedBody('s3.eu-central-1.wasabisys.com'), 'signature-clock-skew'],
  ['Backblaze B2 S3 API', signatureBody('s3.us-west-004.backblazeb2.com'), 'signature-mismatch'],
  ['Cloudflare R2', signatureBody('0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com'), 'signature-mismatch'],
  [
    'IBM Cloud Object Storage, its boto3 fork',
    'ibm_botocore.exceptions.ClientError: An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The difference between the request time and the current time is too large.',
    'signature-clock-skew',
  ],
  [
    'Oracle Cloud S3 compatibility API',
    skewedBody('axa1b2c3d4e5.compat.objectstorage.us-ashburn-1.oraclecloud.com'),
    'signature-clock-skew',
  ],
  [
    'MinIO server, by its Server header',
    `< HTTP/1.1 403 Forbidden
< Server: MinIO
< X-Amz-Request-Id: 17C0A1B2C3D4E5F6
<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the server's time is too large.</Message><Resource>/meter-exports</Resource></Error>`,
    'signature-clock-skew',
  ],
];

describe("another cloud's copy of an S3 error is an unknown error, never a confident AWS answer", () => {
  it.each(otherClouds)('%s', (_store, text, shared) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.filter((f) => f.confidence >= HIGH_CONFIDENCE)).toEqual([]);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
    // Not AWS's: a channel does not take it up unprompted.
    expect(d.unmatched.every((u) => u.awsContext === false)).toBe(true);
    expect(d.verdict.kind).toBe('unknown');
    // The AWS entry whose code it shares is offered as related, first, for the error that names the code.
    expect(d.unmatched.map((u) => u.related?.[0]?.entry.id)).toContain(shared);
  });
});

describe('the same error with AWS in the paste stays the AWS entry', () => {
  it.each([
    ['the S3 endpoint', skewedBody('meter-exports.s3.us-east-1.amazonaws.com'), 'signature-clock-skew'],
    [
      'boto3 pointed at Amazon S3 names its endpoint',
      `Traceback (most recent call last):
  File "/srv/export.py", line 40, in upload
    s3.put_object(Bucket="meter-exports", Key=key, Body=data)
  File "/venv/lib/python3.12/site-packages/botocore/client.py", line 1021, in _make_api_call
    raise error_class(parsed_response, operation_name)
botocore.exceptions.ClientError: An error occurred (RequestTimeTooSkewed) when calling the PutObject operation (reached max retries: 4): The difference between the request time and the current time is too large.
# endpoint_url=https://s3.eu-west-1.amazonaws.com`,
      'signature-clock-skew',
    ],
    [
      'a general S3 client (minio-py) talking to Amazon S3',
      'minio.error.S3Error: S3 operation failed; code: RequestTimeTooSkewed, message: The difference between the request time and the current time is too large., resource: /meter-exports, request_id: 17C0A1B2C3D4E5F6, host_id: aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW, bucket_name: meter-exports',
      'signature-clock-skew',
    ],
  ])('%s', (_what, text, entry) => {
    expect(diagnosisOf(text).findings[0]?.entry.id).toBe(entry);
  });
});

describe('which hosts and SDKs are another cloud’s', () => {
  it.each(OTHER_CLOUD_HOSTS)('a host under %s', (domain) => {
    expect(namesOtherCloud(`request to https://meter-exports.${domain}/2026-12-07.csv failed`)).toBe(true);
  });

  it.each([
    'https://meter-exports.s3.amazonaws.com/2026-12-07.csv',
    'https://billing.example.com/api',
    'https://googleapis.com.example.net/upload',
    'https://notaliyuncs.com/upload',
    'minio.error.S3Error: S3 operation failed',
    'we compared Wasabi and Backblaze pricing last week',
  ])('not: %s', (text) => {
    expect(namesOtherCloud(text)).toBe(false);
  });
});

describe("Alibaba Cloud's SDK errors (`[SDK.<Name>] <message>`, sdk/errors in the Go SDK) are errors, and another cloud's", () => {
  it.each([
    [
      'a client error with its cause over an Alibaba endpoint',
      '[SDK.InvalidRegionId] Can not find endpoint to access.\ncaused by:\nGet https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeInstances: dial tcp: lookup ecs.cn-hangzhou.aliyuncs.com: no such host',
    ],
    [
      "a server's refusal",
      'SDK.ServerError\nErrorCode: Forbidden.RAM\nRecommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM\nRequestId: 5F1C0A9B-7E2D-4C11-9A0B-3C4D5E6F7A8B\nMessage: User not authorized to operate on the specified resource, or this API does not support RAM.',
    ],
  ])('%s', (_what, text) => {
    const diagnosis = diagnosisOf(text);
    expect(diagnosis.isError).toBe(true);
    for (const finding of diagnosis.findings) expect(finding.confidence).toBeLessThan(HIGH_CONFIDENCE);
    expect(diagnosis.findings.filter((f) => f.confidence >= 0.5)).toEqual([]);
  });
});

/**
 * A request that got no answer failed in the client, whatever store it was meant for: the AWS SDKs'
 * own transport-failure messages pointed at an S3-compatible store (through `endpoint_url` and its
 * kin) keep their network entry, as a possible match without AWS context. Formats from the SDKs:
 * botocore's exceptions.py (`Could not connect to the endpoint URL: "{endpoint_url}"`, `Connect timeout
 * on endpoint URL`, `Read timeout on endpoint URL`, `SSL validation failed for {endpoint_url} {error}`),
 * the JS SDK v2's ENOTFOUND_ERROR listener (UnknownEndpoint, "Inaccessible host: `h' at port `p'. This
 * service may not be available in the `r' region."), Ruby's Net::HTTP#connect ("Failed to open TCP
 * connection to h:p (<cause>)", Timeout's "execution expired") under Seahorse::Client::NetworkingError,
 * Go v1's corehandlers ("send request failed"), smithy-go's OperationError ("operation error S3: Op, …"),
 * the Java SDK v1's "Unable to execute HTTP request". Hosts and buckets are made up.
 */
describe("an AWS client's transport failure towards another store keeps its network entry, as a possible match", () => {
  it.each([
    [
      'botocore, EndpointConnectionError with its package',
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://s3.nl-ams.scw.cloud/meter-exports?list-type=2&prefix=2026%2F12%2F"',
      'network-endpoint-unreachable',
    ],
    [
      'botocore, the class name alone as a tool logs it',
      'ERROR upload failed: EndpointConnectionError: Could not connect to the endpoint URL: "https://meter-exports.s3.de.io.cloud.ovh.net/2026/12/07.csv"',
      'network-endpoint-unreachable',
    ],
    [
      'botocore, ConnectTimeoutError',
      'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://fra1.digitaloceanspaces.com/meter-exports"',
      'network-timeout',
    ],
    [
      'botocore, ReadTimeoutError',
      'botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "https://s3.eu-central-1.wasabisys.com/meter-exports/2026-12-07.csv"',
      'network-timeout',
    ],
    [
      'botocore, SSLError',
      'botocore.exceptions.SSLError: SSL validation failed for https://s3.gra.io.cloud.ovh.net/meter-exports [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
      'network-tls',
    ],
    [
      'JS SDK v2, UnknownEndpoint for a failed lookup',
      "UnknownEndpoint: Inaccessible host: `meter-exports.s3.eu-central-003.backblazeb2.com' at port `443'. This service may not be available in the `eu-central-003' region.",
      'network-endpoint-unreachable',
    ],
    [
      'Ruby SDK v3, Net::OpenTimeout under Seahorse',
      'Seahorse::Client::NetworkingError: Failed to open TCP connection to meter-exports.s3.pl-waw.scw.cloud:443 (execution expired)\n  /app/vendor/bundle/ruby/3.2.0/gems/aws-sdk-core-3.190.0/lib/seahorse/client/net_http/connection_pool.rb:317:in `start_session`',
      'network-timeout',
    ],
    [
      'Go SDK v1, send request failed',
      'RequestError: send request failed\ncaused by: Get "https://meter-exports.nyc3.digitaloceanspaces.com/?list-type=2": dial tcp 203.0.113.7:443: connect: connection refused',
      'network-endpoint-unreachable',
    ],
    [
      'Go SDK v2, operation error',
      'operation error S3: ListObjectsV2, https response error StatusCode: 0, RequestID: , HostID: , request send failed, Get "https://s3.us-west-004.backblazeb2.com/meter-exports?list-type=2": dial tcp: lookup s3.us-west-004.backblazeb2.com: no such host',
      'network-endpoint-unreachable',
    ],
    [
      'Java SDK v1, Unable to execute HTTP request',
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to meter-exports.s3.fr-par.scw.cloud:443 [meter-exports.s3.fr-par.scw.cloud/203.0.113.9] failed: connect timed out',
      'network-timeout',
    ],
  ])('valid: %s', (_what, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.findings[0]?.entry.id).toBe(entry);
    expect(d.findings[0]?.confidence).toBeLessThanOrEqual(0.6);
    expect(d.findings[0]?.awsContext).toBe(false);
    expect(d.verdict.kind).toBe('possible');
  });

  it.each([
    [
      "IBM's fork of botocore (its own SDK) to IBM Cloud Object Storage",
      'ibm_botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://s3.us-south.cloud-object-storage.appdomain.cloud/meter-exports"',
    ],
    [
      "Azure's JS SDK, a reset from Blob Storage",
      'RestError: read ECONNRESET\n    at NodeHttpClient.sendRequest (/app/node_modules/@azure/core-rest-pipeline/dist/commonjs/nodeHttpClient.js:142:19)\n  url: https://meterexports.blob.core.windows.net/exports?restype=container',
    ],
    [
      "Ruby's Net::HTTP alone (no AWS client) timing out on another cloud's host",
      'Net::OpenTimeout: Failed to open TCP connection to meterexports.blob.core.windows.net:443 (execution expired)\n  /usr/lib/ruby/3.2.0/net/http.rb:1271:in `initialize`',
    ],
    [
      'node-fetch timing out on a Google endpoint',
      'FetchError: request to https://storage.googleapis.com/upload/storage/v1/b/meter-exports/o failed, reason: connect ETIMEDOUT 142.250.74.48:443',
    ],
  ])('invalid: %s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.verdict.kind).toBe('unknown');
  });
});

/**
 * An AWS SDK that finds no credentials (or half a key pair) fails before it sends anything, so the store
 * it was pointed at never answered: the failure is the client's, as its own texts say it. botocore's
 * NoCredentialsError and PartialCredentialsError (exceptions.py), the AWS CLI's "Unable to locate
 * credentials. You can configure credentials by running "aws configure".", the Go SDK v1's chain
 * (`NoCredentialProviders: no valid providers in chain`, as CLIs built on it print it after their
 * `ERROR "<command>": ` head), the JS SDK v2's "Missing credentials in config". Another cloud's fork of
 * an AWS SDK words its own. Hosts and buckets are made up.
 */
describe("an AWS SDK's credential chain that found nothing is the client's failure, whichever store it was pointed at", () => {
  it.each([
    [
      'the AWS CLI against Wasabi',
      '$ aws s3 ls s3://meter-exports --endpoint-url https://s3.eu-central-2.wasabisys.com\nUnable to locate credentials. You can configure credentials by running "aws configure".',
      'credentials-not-found',
    ],
    [
      'botocore against DigitalOcean Spaces',
      'botocore.exceptions.NoCredentialsError: Unable to locate credentials\n  endpoint_url="https://fra1.digitaloceanspaces.com"',
      'credentials-not-found',
    ],
    [
      'botocore, half a key pair, against Cloudflare R2',
      'botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\nendpoint: https://meter-exports.r2.cloudflarestorage.com',
      'credentials-partial',
    ],
    [
      "a Go SDK v1 CLI's ERROR head against Backblaze B2",
      'ERROR "cp usage.csv s3://meter-exports/2026/": NoCredentialProviders: no valid providers in chain. Deprecated. For verbose messaging see aws.Config.CredentialsChainVerboseErrors\nendpoint https://s3.us-west-004.backblazeb2.com',
      'credentials-not-found',
    ],
  ])('valid: %s', (_what, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)).toEqual([entry]);
    expect(d.unmatched).toEqual([]);
  });

  it.each([
    [
      "IBM's fork of botocore (its own SDK) to IBM Cloud Object Storage",
      'ibm_botocore.exceptions.NoCredentialsError: Unable to locate credentials\nendpoint https://s3.us-south.cloud-object-storage.appdomain.cloud',
    ],
    [
      "the store's own refusal of a key (Alibaba's oss2 SDK)",
      "oss2.exceptions.ServerError: {'status': 403, 'details': {'Code': 'InvalidAccessKeyId', 'Message': 'The OSS Access Key Id you provided does not exist in our records.'}}",
    ],
  ])('invalid: %s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.verdict.kind).toBe('unknown');
  });
});
