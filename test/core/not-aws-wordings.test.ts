import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_THRESHOLD, diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Texts that are not AWS metering errors, and how MeterDoc must take them:
 * 1. other clouds and S3-compatible stores, whose errors share S3's codes and wordings: an unknown
 *    error (never an AWS entry), with no AWS context, so a channel leaves it alone;
 * 2. failures printed by non-AWS runtimes and platforms: errors (an explicit ask lists them as unknown
 *    and reaches the AI), never claimed by a catalog entry;
 * 3. sentences that talk about an AWS error while naming it: silent in a channel.
 * Each text is built from the layout its source prints (named in the case); buckets, ids and hosts are made up.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

/** An error the catalog does not claim, and not AWS's: listed as unknown, and a channel does not take it up unprompted. */
function expectUnknownOutsideAws(text: string): void {
  const d = diagnosisOf(text);
  expect(d.isError).toBe(true);
  expect(d.findings).toEqual([]);
  expect(d.unmatched.length).toBeGreaterThan(0);
  expect(d.unmatched.every((u) => u.awsContext === false)).toBe(true);
  expect(d.verdict.kind).toBe('unknown');
}

/** [source and layout, pasted text] */
const OTHER_CLOUDS: ReadonlyArray<[string, string]> = [
  [
    'boto3 pointed at Cloudflare R2 (botocore ClientError, endpoint_url in the paste)',
    `botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your secret access key and signing method.
endpoint_url=https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com`,
  ],
  [
    'AWS CLI v2 pointed at Wasabi (--endpoint-url)',
    `$ aws s3 ls s3://meter-exports --endpoint-url=https://s3.eu-central-1.wasabisys.com
An error occurred (RequestTimeTooSkewed) when calling the ListObjectsV2 operation: The difference between the request time and the current time is too large.`,
  ],
  [
    'AWS CLI pointed at DigitalOcean Spaces, InvalidAccessKeyId',
    `aws --endpoint-url https://nyc3.digitaloceanspaces.com s3 ls
An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: Unknown`,
  ],
  [
    'JS SDK v3 error dump against Backblaze B2 (Smithy ServiceException with $metadata)',
    `SignatureDoesNotMatch: Signature validation failed
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
  '$fault': 'client',
  '$metadata': { httpStatusCode: 403, requestId: undefined, extendedRequestId: undefined, attempts: 1 },
  Code: 'SignatureDoesNotMatch'
endpoint: https://s3.us-west-004.backblazeb2.com`,
  ],
  [
    'boto3 pointed at Google Cloud Storage (the XML API, HMAC interoperability)',
    `Traceback (most recent call last):
  File "/srv/export.py", line 40, in upload
    s3.put_object(Bucket="meter-exports", Key=key, Body=data)
botocore.exceptions.ClientError: An error occurred (RequestTimeTooSkewed) when calling the PutObject operation (reached max retries: 4): The difference between the request time and the current time is too large.
# endpoint_url=https://storage.googleapis.com`,
  ],
  [
    'Google Cloud Storage XML error body: <Details>, "Google secret key", an AWS4-HMAC-SHA256 StringToSign',
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>SignatureDoesNotMatch</Code><Message>Access denied.</Message><Details>The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.</Details><StringToSign>AWS4-HMAC-SHA256
20261207T101500Z
20261207/auto/s3/aws4_request
9f2c1e</StringToSign></Error>`,
  ],
  [
    'Google Cloud Storage XML error body with <Details>, no host',
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><Details>Request time 20261207T091500Z is more than 15 minutes from the server's current time.</Details></Error>`,
  ],
  [
    'gsutil: AccessDeniedException naming a Google service account',
    'AccessDeniedException: 403 meter-worker@acme-prod.iam.gserviceaccount.com does not have storage.objects.list access to the Google Cloud Storage bucket.',
  ],
  [
    'Alibaba OSS error body (HostId under aliyuncs.com, EC error-centre code)',
    `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>AccessDenied</Code>
  <Message>You have no right to access this object because of bucket acl.</Message>
  <RequestId>6571A2B3C4D5E6F7A8B9C0D1</RequestId>
  <HostId>meter-exports.oss-cn-hangzhou.aliyuncs.com</HostId>
  <EC>0003-00000001</EC>
</Error>`,
  ],
  [
    'Alibaba OSS error body with only its EC field',
    '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestId>6571A2B3C4D5E6F7A8B9C0D1</RequestId><EC>0002-00000504</EC></Error>',
  ],
  [
    'Alibaba OSS Java SDK OSSException',
    `com.aliyun.oss.OSSException: The request signature we calculated does not match the signature you provided. Check your key and signing method.
[ErrorCode]: SignatureDoesNotMatch
[RequestId]: 6571A2B3C4D5E6F7A8B9C0D1
[HostId]: meter-exports.oss-cn-hangzhou.aliyuncs.com`,
  ],
  [
    'Tencent COS Go SDK ErrorResponse (method, URL, status, code, RequestId, TraceId)',
    'PUT https://meter-exports-1250000000.cos.ap-guangzhou.myqcloud.com/2026-12-07.csv: 403 SignatureDoesNotMatch(Message: The calculated signature does not match the provided one., RequestId: NjU3MWEyYjNfZjY4NzIxMDlfMWE4Ml8x, TraceId: OGVmYzZiMmQ)',
  ],
  [
    'Tencent COS error body with its TraceId, no host',
    '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><Resource>meter-exports-1250000000/2026-12-07.csv</Resource><RequestId>NjU3MWEyYjNfZjY4NzIxMDlfMWE4Ml8x</RequestId><TraceId>OGVmYzZiMmRiMjk5ZGFmOTRhOTU=</TraceId></Error>',
  ],
  [
    'Tencent COS Java SDK CosServiceException',
    'com.qcloud.cos.exception.CosServiceException: Access Denied. (Status Code: 403; Error Code: AccessDenied; Request ID: NjU3MWEyYjNfZjY4NzIxMDlfMWE4Ml8x), Cos Error Code: AccessDenied, Cos Error Message: Access Denied.',
  ],
  [
    'OCI CLI ServiceError (opc-request-id)',
    `ServiceError:
{
    "code": "NotAuthenticated",
    "message": "The required information to complete authentication was not provided or was incorrect.",
    "opc-request-id": "iad-1:abc123",
    "status": 401,
    "target_service": "object_storage"
}`,
  ],
  [
    'IBM COS Java SDK (a fork of the AWS SDK v1, its own package)',
    'com.ibm.cloud.objectstorage.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 4f2c1e0a-1234-5678-9abc-def012345678; S3 Extended Request ID: null)',
  ],
  [
    'Ceph RADOS gateway error body (its tx…-…-zone request id and zone HostId)',
    '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><BucketName>meter-exports</BucketName><RequestId>tx000000000000000a1b2c3-00657100aa-1234-default</RequestId><HostId>1234-default-default</HostId></Error>',
  ],
  [
    'Yandex Object Storage through boto3-style output',
    `An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided.
endpoint https://storage.yandexcloud.net`,
  ],
  [
    'Scaleway Object Storage',
    `An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied.
https://s3.fr-par.scw.cloud`,
  ],
  [
    'Linode/Akamai Object Storage',
    `An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: Unknown
https://us-east-1.linodeobjects.com`,
  ],
  [
    'Backblaze B2 SlowDown with the request line',
    `PUT https://s3.us-west-004.backblazeb2.com/meter-exports/x.csv
<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`,
  ],
  [
    'Huawei OBS response headers (x-obs-request-id, x-obs-id-2) over an S3-style body',
    `< HTTP/1.1 403 Forbidden
< x-obs-request-id: 0000019012345678ABCDEF0123456789
< x-obs-id-2: 32AAAQAAEAABAAAQAAEAABAAAQAAEAABCS
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>0000019012345678ABCDEF0123456789</RequestId></Error>`,
  ],
  [
    'Alibaba OSS response header x-oss-request-id over an S3-style body',
    `x-oss-request-id: 6571A2B3C4D5E6F7A8B9C0D1
<Error><Code>AccessDenied</Code><Message>AccessDenied</Message><RequestId>6571A2B3C4D5E6F7A8B9C0D1</RequestId></Error>`,
  ],
  [
    'boto3 pointed at R2, an S3 operation with a bare status code',
    `botocore.exceptions.ClientError: An error occurred (403) when calling the HeadObject operation: Forbidden
endpoint_url=https://0f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com`,
  ],
  [
    'Azure Storage error body (message ends with RequestId:<uuid> and Time:)',
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.
RequestId:7c1c1f3e-301e-0045-1d2a-0a1b2c000000
Time:2026-12-07T10:15:00.1234567Z</Message><AuthenticationErrorDetail>Request date header too old: 'Mon, 07 Dec 2026 09:15:00 GMT'</AuthenticationErrorDetail></Error>`,
  ],
  [
    'Azure .NET SDK RequestFailedException',
    `Azure.RequestFailedException: This request is not authorized to perform this operation using this permission.
RequestId:7c1c1f3e-301e-0045-1d2a-0a1b2c000000
Time:2026-12-07T10:15:00.1234567Z
Status: 403 (This request is not authorized to perform this operation using this permission.)
ErrorCode: AuthorizationPermissionMismatch`,
  ],
  [
    'GCE metadata server unreachable (Go, computeMetadata path on 169.254.169.254)',
    'Get "http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token": dial tcp 169.254.169.254:80: i/o timeout',
  ],
  [
    'Azure IMDS unreachable (managed identity token path on 169.254.169.254)',
    'Get "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net": dial tcp 169.254.169.254:80: connect: connection refused',
  ],
  [
    'Azure Identity ManagedIdentityCredential with its request line',
    `ManagedIdentityCredential authentication failed. Status code: 400
GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://storage.azure.com`,
  ],
  [
    'Entra ID AADSTS code',
    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '00000000-0000-0000-0000-000000000000'.",
  ],
  [
    'Azure CLI AuthorizationFailed',
    `ERROR: (AuthorizationFailed) The client 'ops@acme.example' with object id 'a1b2c3d4-0000-0000-0000-000000000000' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000000'.
Code: AuthorizationFailed`,
  ],
  [
    'google-api-core PermissionDenied',
    "google.api_core.exceptions.PermissionDenied: 403 Permission 'pubsub.topics.publish' denied on resource 'projects/acme-prod/topics/usage' (or it may not exist).",
  ],
  [
    'google-auth DefaultCredentialsError',
    'google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found. To set up Application Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc for more information.',
  ],
  [
    'Google API Go client',
    'googleapi: Error 403: meter-worker@acme-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object., forbidden',
  ],
  [
    "Amazon's Selling Partner API (a retail API, not AWS): its errors list with AWS's InternalFailure code, no host",
    '{\n  "errors": [\n    {\n      "code": "InternalFailure",\n      "message": "We hit an unexpected problem while listing your orders.",\n      "details": ""\n    }\n  ]\n}',
  ],
  [
    'a Python Selling Partner API client printing the same errors list as a dict repr (QuotaExceeded)',
    "sp_api.base.exceptions.SellingApiRequestThrottledException: [{'code': 'QuotaExceeded', 'message': 'Quota for getOrders is used up.', 'details': ''}]",
  ],
  [
    'the Selling Partner API named by its host, an AccessDenied it shares with S3',
    'GET https://sellingpartnerapi-eu.amazon.com/orders/v0/orders failed\nAccessDenied: Access to the requested resource is denied.',
  ],
  [
    "Marketplace Web Service's XML error from its own host",
    '<?xml version="1.0"?>\n<ErrorResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access denied</Message></Error><RequestId>0a1b2c3d-0000-4000-8000-000000000000</RequestId></ErrorResponse>',
  ],
  [
    "a Go SDK v1 error folded onto one line by the CLI that printed it, from Backblaze B2's S3 endpoint",
    '$ s5cmd --endpoint-url https://s3.eu-central-003.backblazeb2.com cp usage.csv s3://usage-exports/\nERROR "cp usage.csv s3://usage-exports/usage.csv": InvalidAccessKeyId: The key \'0031f00d00000000000000002\' is not valid status code: 403, request id: 5e2c0b9a1d7f3e44, host id: aDk3bQ==',
  ],
  [
    "a SigV4 scope naming one of Backblaze B2's three-digit regions, which AWS never had (no host)",
    'AuthorizationHeaderMalformed: Authorization header is malformed; the authorization component "/20261207/us-west-004/s3/aws4_request" is malformed.',
  ],
];

describe("another cloud's or S3-compatible store's error is an unknown error, never an AWS entry", () => {
  it.each(OTHER_CLOUDS)('%s', (_source, text) => expectUnknownOutsideAws(text));
});

describe('another store named only in words: never an AWS entry, its code listed as unknown', () => {
  it.each([
    [
      'a product name before an S3 code',
      'Nightly export to Backblaze B2 failed: InvalidAccessKeyId: Malformed Access Key Id',
    ],
    [
      'storage the writer calls S3-compatible',
      'Uploading the report to our S3-compatible storage failed with SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
    ],
  ])('%s', (_source, text) => {
    const d = diagnosisOf(text);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
    expect(d.unmatched.every((u) => u.awsContext === false)).toBe(true);
  });

  it('a region in the usual AWS form keeps the signature entry (AWS numbers regions 1 to 9)', () => {
    const d = diagnosisOf(
      "AuthorizationHeaderMalformed: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    );
    expect(d.findings[0]?.entry.id).toBe('signature-wrong-region-scope');
  });
});

describe('the same codes from AWS itself keep their AWS entry', () => {
  it('Amazon S3 RequestTimeTooSkewed from an amazonaws.com host is clock skew, at high confidence', () => {
    const d = diagnosisOf(`PUT https://meter-exports.s3.us-east-1.amazonaws.com/2026-12-07.csv
<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20261207T091500Z</RequestTime><ServerTime>2026-12-07T10:02:11Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>3F1C0A9B7E2D4C11</RequestId><HostId>T26jT/YGRZjNc5QYC47+S0U/5LzPzgJpgaw4mWxWjwS6CWzO9U28bv9Uyh8MpWUkP77fPgCyzu8=</HostId></Error>`);
    expect(d.findings[0]?.entry.id).toBe('signature-clock-skew');
    expect(d.findings[0]!.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
  });

  it('boto3 calling Amazon S3 names the S3 endpoint: clock skew', () => {
    const d =
      diagnosisOf(`botocore.exceptions.ClientError: An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The difference between the request time and the current time is too large.
endpoint_url=https://s3.eu-west-1.amazonaws.com`);
    expect(d.findings[0]?.entry.id).toBe('signature-clock-skew');
  });

  it('a metering error beside another cloud’s URL stays the metering entry (no other provider meters Marketplace usage)', () => {
    const d = diagnosisOf(`Uploading report to https://storage.googleapis.com/acme-reports/usage.csv
botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded`);
    expect(d.findings[0]?.entry.id).toBe('metering-throttling');
  });

  it('an STS error from an AWS SDK stays AWS’s beside another cloud’s URL in the same log (no other store offers STS)', () => {
    const d =
      diagnosisOf(`2026-12-07 10:15:00,123 INFO uploading usage snapshot to https://storage.googleapis.com/acme-usage/2026-12-07.json
Traceback (most recent call last):
  File "/app/meter.py", line 30, in main
    sts.get_caller_identity()
botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`);
    expect(d.findings[0]?.entry.id).toBe('credentials-session-expired');
    expect(d.isError).toBe(true);
  });

  it('the same S3 body with Amazon S3’s own x-amz-request-id header stays the signature entry', () => {
    const d = diagnosisOf(`< HTTP/1.1 403 Forbidden
< x-amz-request-id: 3F1C0A9B7E2D4C11
<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>3F1C0A9B7E2D4C11</RequestId></Error>`);
    expect(d.findings[0]?.entry.id).toBe('signature-mismatch');
  });

  it('an AWS signature mismatch naming AWS4-HMAC-SHA256 and an AWS access key stays the signature entry', () => {
    const d = diagnosisOf(
      'botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
    expect(d.findings[0]?.entry.id).toBe('signature-mismatch');
  });

  it("MinIO's own wording through an AWS SDK layout, no host: the S3 failure it shares (the fix is the same clock)", () => {
    const d = diagnosisOf(
      "RequestTimeTooSkewed: The difference between the request time and the server's time is too large.\n\tstatus code: 403, request id: 17C0A1B2C3D4E5F6, host id: ",
    );
    expect(d.findings[0]?.entry.id).toBe('signature-clock-skew');
  });
});

/** [runtime or platform and its layout, printed text] */
const RUNTIME_FAILURES: ReadonlyArray<[string, string]> = [
  [
    'MinIO client mc, its <ERROR> printer',
    'mc: <ERROR> Unable to make bucket `local/meter-exports`. Bucket name contains invalid characters',
  ],
  [
    'libstdc++ verbose terminate handler',
    "terminate called after throwing an instance of 'std::runtime_error'\n  what():  usage buffer overflow\nAborted (core dumped)",
  ],
  [
    'a shell reporting a fatal signal',
    './run-meter.sh: line 3:  4121 Segmentation fault      (core dumped) ./meter-agent --flush',
  ],
  ['a bare fatal signal line', 'Segmentation fault (core dumped)'],
  [
    'glibc assert()',
    "meter-agent: src/batch.cc:212: void Batch::flush(): Assertion `pending_.empty()' failed.\nAborted (core dumped)",
  ],
  [
    'Python AssertionError at the end of a traceback',
    'Traceback (most recent call last):\n  File "/srv/meter/worker.py", line 88, in flush\n    assert len(batch) <= 25, "batch too large"\nAssertionError: batch too large',
  ],
  [
    'Celery worker: task raised unexpected (trace.py log layout)',
    "[2026-12-07 10:15:00,123: ERROR/ForkPoolWorker-2] Task meter.tasks.send_usage[5d1c0b4e-8a2f-4e0e-9a1b-0c2d3e4f5a6b] raised unexpected: ValueError('quantity must be positive')",
  ],
  [
    'Celery consumer failing to reach its broker',
    '[2026-12-07 10:15:00,123: ERROR/MainProcess] consumer: Cannot connect to redis://localhost:6379/0: Error 111 connecting to localhost:6379. Connection refused..',
  ],
  [
    'RQ worker: job exception and its traceback',
    `10:15:01 [Job 5d1c0b4e-8a2f-4e0e-9a1b-0c2d3e4f5a6b]: exception raised while executing (meter.jobs.send_usage)
Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/rq/worker.py", line 1428, in perform_job
    rv = job.perform()
ValueError: quantity must be positive`,
  ],
  [
    "Sidekiq's error handler (WARN: Class: message in its log layout)",
    `2026-12-07T10:15:00.124Z pid=7 tid=2lx WARN: {"context":"Job raised exception","job":{"class":"MeterUsageJob","args":[42],"jid":"4f1c0e2b9a8d7c6b5a4f3e2d"}}
2026-12-07T10:15:00.124Z pid=7 tid=2lx WARN: ActiveRecord::RecordNotFound: Couldn't find Subscription with 'id'=42`,
  ],
  [
    'Ruby uncaught exception, no namespace',
    "/srv/meter/lib/report.rb:42:in `flush': undefined method `quantity' for nil:NilClass (NoMethodError)\n\tfrom /srv/meter/bin/report:12:in `<main>'",
  ],
  [
    'Java uncaught exception of a non-AWS library',
    'Exception in thread "main" java.lang.IllegalStateException: usage buffer closed\n\tat com.acme.meter.Buffer.add(Buffer.java:41)',
  ],
  [
    'Kotlin',
    'Exception in thread "main" kotlin.UninitializedPropertyAccessException: lateinit property client has not been initialized',
  ],
  [
    'Jackson',
    'com.fasterxml.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type `java.util.ArrayList<com.acme.Record>` from Object value',
  ],
  [
    '.NET 5+ unhandled exception',
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at Acme.Meter.Program.Main(String[] args) in /src/Program.cs:line 18',
  ],
  [
    '.NET Framework unhandled exception',
    'Unhandled Exception: System.NullReferenceException: Object reference not set to an instance of an object.\n   at Acme.Meter.Program.Main(String[] args)',
  ],
  [
    'Erlang/OTP crash report',
    '=CRASH REPORT==== 7-Dec-2026::10:15:00.123456 ===\n  crasher:\n    initial call: meter_worker:init/1\n    pid: <0.215.0>\n    exception error: no match of right hand side value {error,timeout}',
  ],
  [
    'Erlang gen_server terminating (error report)',
    '=ERROR REPORT==== 7-Dec-2026::10:15:00.123456 ===\n** Generic server meter_worker terminating\n** Last message in was flush\n** Reason for termination ==\n** {badarg,[{erlang,binary_to_integer,[<<"x">>],[]}]}',
  ],
  [
    'Elixir GenServer terminating',
    '10:15:00.123 [error] GenServer Meter.Worker terminating\n** (RuntimeError) usage buffer closed\n    (meter 0.1.0) lib/meter/worker.ex:42: Meter.Worker.handle_info/2',
  ],
  [
    'PowerShell error record (Windows PowerShell view)',
    `Get-Content : Cannot find path 'C:\\meter\\usage.csv' because it does not exist.
At line:1 char:1
+ Get-Content C:\\meter\\usage.csv
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : ObjectNotFound: (C:\\meter\\usage.csv:String) [Get-Content], ItemNotFoundException
    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand`,
  ],
  [
    'PowerShell 7 concise view',
    'Invoke-RestMethod: Response status code does not indicate success: 401 (Unauthorized).',
  ],
  [
    "PowerShell 7 concise view of a script's error (the cmdlet alone, then Line |)",
    `Import-Csv:
Line |
   7 |  $rows = Import-Csv -Path $usageFile
     |          ~~~~~~~~~~~~~~~~~~~~~~~~~~~
     | Could not find file 'D:\\meter\\usage-2026-11.csv'.`,
  ],
  [
    ".NET Framework's ArgumentException pasted from its 'Parameter name:' line",
    `Parameter name: source
   at System.Linq.Enumerable.First[TSource](IEnumerable\`1 source)
   at Acme.Meter.UsageReader.Load(String folder)
   at Acme.Meter.Program.Main(String[] args)`,
  ],
  [
    "Ansible's command-line failure",
    '[WARNING]: Unable to parse /etc/ansible/inventory/meter.yml as an inventory source\nERROR! the playbook: site.yml could not be found',
  ],
  [
    'systemd unit failure in the journal',
    "Dec 07 10:15:00 meter-01 systemd[1]: meter-agent.service: Main process exited, code=exited, status=1/FAILURE\nDec 07 10:15:00 meter-01 systemd[1]: meter-agent.service: Failed with result 'exit-code'.",
  ],
  [
    'systemd failing to start a unit',
    'Dec 07 10:15:00 meter-01 systemd[1]: Failed to start meter-agent.service - Usage agent.',
  ],
  [
    'the kernel OOM killer',
    'Dec 07 10:15:00 meter-01 kernel: Out of memory: Killed process 4121 (meter-agent) total-vm:2048000kB, anon-rss:1024000kB',
  ],
  [
    'kubectl get events, a Warning row',
    'LAST SEEN   TYPE      REASON    OBJECT                   MESSAGE\n2m          Warning   BackOff   pod/meter-agent-7c9f-x2k   Back-off restarting failed container meter in pod meter-agent-7c9f-x2k_billing(0a1b2c3d)',
  ],
  [
    'kubectl describe, the Events table',
    'Events:\n  Type     Reason     Age                From     Message\n  ----     ------     ----               ----     -------\n  Warning  Unhealthy  2m (x12 over 5m)   kubelet  Liveness probe failed: HTTP probe failed with statuscode: 503',
  ],
  [
    'kubectl describe, a container terminated by the OOM killer',
    '    State:          Terminated\n      Reason:       OOMKilled\n      Exit Code:    137',
  ],
  ['kubectl get pods, a pod in CrashLoopBackOff', 'meter-agent-7c9f-x2k   0/1     CrashLoopBackOff   6 (2m ago)   10m'],
  [
    'gRPC for Python, _InactiveRpcError',
    'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.PERMISSION_DENIED\n\tdetails = "The caller does not have permission"\n>',
  ],
  [
    'gRPC for Java, StatusRuntimeException',
    'io.grpc.StatusRuntimeException: PERMISSION_DENIED: The caller does not have permission\n\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:275)',
  ],
  ['gRPC for Go, a status error', 'rpc error: code = DeadlineExceeded desc = context deadline exceeded'],
  [
    'the Vault CLI, its head over the API client error (`Code: 403. Errors:` and the error list)',
    'Error reading secret/data/metering/slack-webhook: Error making API request.\n\nURL: GET https://vault.internal.example:8200/v1/secret/data/metering/slack-webhook\nCode: 403. Errors:\n\n* permission denied',
  ],
  [
    'the Vault API client with a body it could not decode (`Code: 502. Raw Message:`)',
    'Error making API request.\n\nURL: PUT https://vault.internal.example:8200/v1/auth/approle/login\nCode: 502. Raw Message:\n\n<html><head><title>502 Bad Gateway</title></head></html>',
  ],
  [
    'a Python traceback cut after its last frame (hvac raising Forbidden), no exception line',
    `Traceback (most recent call last):
  File "/srv/meter/secrets.py", line 22, in load_webhook
    secret = client.secrets.kv.v2.read_secret_version(path="metering/slack-webhook")
  File "/usr/lib/python3/dist-packages/hvac/adapters.py", line 391, in request
    utils.raise_for_error(method, url, response.status_code, text, errors=errors)
  File "/usr/lib/python3/dist-packages/hvac/utils.py", line 41, in raise_for_error
    raise exceptions.Forbidden(message, errors=errors, method=method, url=url)`,
  ],
  [
    "the Alibaba OSS Go SDK's ServiceError after a tool's own words (AccessDenied is also an S3 code)",
    'upload failed: oss: service returned error: StatusCode=403, ErrorCode=AccessDenied, ErrorMessage="The bucket you access does not belong to you.", RequestId=6571A3C2E4B0D1F200334455',
  ],
  [
    "a .NET exception after a job's [FAILED]: status tag",
    "[FAILED]: System.IO.IOException: The process cannot access the file 'D:\\exports\\usage-2026-12-07.csv' because it is being used by another process.\n   at System.IO.FileStream.ValidateFileHandle(SafeFileHandle fileHandle)",
  ],
  [
    "a Go SDK v1 error of a code no entry knows (MinIO's), with the SDK's status line under it",
    'XMinioStorageFull: Storage backend has reached its minimum free drive threshold. Please delete a few objects to proceed.\n\tstatus code: 507, request id: 17E8C0B1A2D3F456, host id: ',
  ],
  [
    'the same Go SDK v1 error escaped into a zap JSON log line',
    '{"level":"error","ts":1733565000.12,"caller":"export/upload.go:88","msg":"upload failed","error":"XMinioStorageFull: Storage backend has reached its minimum free drive threshold.\\n\\tstatus code: 507, request id: 17E8C0B1A2D3F456, host id: "}',
  ],
  [
    "Node's V8 running out of heap (FATAL ERROR, then the native stack)",
    '<--- Last few GCs --->\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb7a940 node::Abort() [node]\n 2: 0xa8e823  [node]',
  ],
  [
    "the same heap exhaustion in a CI log, V8's older CALL_AND_RETRY_LAST location",
    '[build] FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory',
  ],
];

describe('failures printed by non-AWS runtimes and platforms are errors the catalog does not claim', () => {
  it.each(RUNTIME_FAILURES)('%s', (_source, text) => expectUnknownOutsideAws(text));

  it.each([
    [
      'printed',
      'XMinioStorageFull: Storage backend has reached its minimum free drive threshold.\n\tstatus code: 507, request id: 17E8C0B1A2D3F456, host id: ',
    ],
    [
      'escaped into a JSON log line',
      '{"level":"error","msg":"upload failed","error":"XMinioStorageFull: Storage backend has reached its minimum free drive threshold.\\n\\tstatus code: 507, request id: 17E8C0B1A2D3F456, host id: "}',
    ],
  ])('a Go SDK v1 error of an unknown code is named by its code (%s)', (_how, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.unmatched.map((u) => u.facts.code)).toContain('XMinioStorageFull');
    expect(d.unmatched.find((u) => u.facts.code === 'XMinioStorageFull')?.facts.httpStatus).toBe(507);
  });

  it('a cut traceback is one unknown error, listed with the traceback as its excerpt', () => {
    const d = diagnosisOf(`Traceback (most recent call last):
  File "/srv/meter/secrets.py", line 22, in load_webhook
    secret = client.secrets.kv.v2.read_secret_version(path="metering/slack-webhook")
  File "/usr/lib/python3/dist-packages/hvac/utils.py", line 41, in raise_for_error
    raise exceptions.Forbidden(message, errors=errors, method=method, url=url)`);
    expect(d.unmatched).toHaveLength(1);
    expect(d.unmatched[0]!.excerpt).toContain('Traceback');
  });

  it('a complete traceback is still one error, named by its exception line, not by the traceback head', () => {
    const d = diagnosisOf(`Traceback (most recent call last):
  File "/srv/meter/secrets.py", line 22, in load_webhook
    secret = client.secrets.kv.v2.read_secret_version(path="metering/slack-webhook")
                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
hvac.exceptions.Forbidden: permission denied, on get https://vault.internal.example:8200/v1/secret/data/metering/slack-webhook`);
    expect(d.unmatched).toHaveLength(1);
    expect(d.unmatched[0]!.facts.code).toBe('hvac.exceptions.Forbidden');
  });

  it('a Celery log line and the traceback it logged are one error, named by the exception', () => {
    const d =
      diagnosisOf(`[2026-12-07 10:15:00,125: CRITICAL/MainProcess] Frequent restarts detected: RestartFreqExceeded('5 in 1s',)
Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/celery/worker/consumer/consumer.py", line 285, in start
    self._restart_state.step()
RestartFreqExceeded: 5 in 1s`);
    expect(d.unmatched).toHaveLength(1);
    expect(d.unmatched[0]!.facts.code).toBe('RestartFreqExceeded');
  });
});

describe('near misses of those layouts are not errors', () => {
  it.each([
    [
      'a systemd unit that exited cleanly',
      'Dec 07 10:15:00 meter-01 systemd[1]: meter-agent.service: Main process exited, code=exited, status=0/SUCCESS',
    ],
    [
      'a systemd unit stopping normally',
      'Dec 07 10:15:00 meter-01 systemd[1]: meter-agent.service: Deactivated successfully.',
    ],
    [
      'a Normal Kubernetes event',
      '2m          Normal    Pulled    pod/meter-agent-7c9f-x2k   Successfully pulled image "registry.acme.example/meter:1.4"',
    ],
    ['a running pod', 'meter-agent-7c9f-x2k   1/1     Running   0          10m'],
    [
      'an HTTP response header printed with its value on the next line',
      'Set-Cookie:\n  session=4f1c; Path=/; HttpOnly',
    ],
    ['a sentence naming a cmdlet', 'I ran Get-S3Object: it listed nothing, so the prefix must be wrong'],
    [
      'a Celery task that succeeded',
      '[2026-12-07 10:15:00,123: INFO/ForkPoolWorker-2] Task meter.tasks.send_usage[5d1c0b4e-8a2f-4e0e-9a1b-0c2d3e4f5a6b] succeeded in 0.02s: None',
    ],
    ['a sentence about a crash', 'the agent hit a segmentation fault yesterday after the upgrade, still looking'],
    ['a sentence mentioning a warning', 'Warning: the backoff settings changed in 1.4, see the release notes'],
  ])('%s', (_what, text) => {
    expect(diagnosisOf(text).isError).toBe(false);
  });
});

describe('an AWS metering error carried by one of these layouts keeps its entry', () => {
  it.each([
    [
      'Celery task that raised botocore ClientError',
      "[2026-12-07 10:15:00,123: ERROR/ForkPoolWorker-2] Task meter.tasks.send_usage[5d1c0b4e-8a2f-4e0e-9a1b-0c2d3e4f5a6b] raised unexpected: ClientError('An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded')",
      'metering-throttling',
    ],
    [
      "Sidekiq's handler logging the Ruby SDK's class",
      '2026-12-07T10:15:00.124Z pid=7 tid=2lx WARN: Aws::MarketplaceMetering::Errors::ThrottlingException: Rate exceeded',
      'metering-throttling',
    ],
    [
      "PowerShell 7's concise view of an AWS Tools cmdlet in a script",
      `Send-MMBatchMeterUsage:
Line |
  14 |  Send-MMBatchMeterUsage -ProductCode $code -UsageRecord $records
     |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
     | The security token included in the request is expired`,
      'credentials-session-expired',
    ],
    [
      'a PowerShell error record of an AWS Tools cmdlet',
      `Send-MMBatchMeterUsage : The security token included in the request is expired
At line:1 char:1
    + CategoryInfo          : InvalidOperation: (Amazon.PowerShell.Cmdlets.MM.SendMMBatchMeterUsageCmdlet:SendMMBatchMeterUsageCmdlet) [Send-MMBatchMeterUsage], InvalidOperationException
    + FullyQualifiedErrorId : Amazon.MarketplaceMetering.AmazonMarketplaceMeteringException,Amazon.PowerShell.Cmdlets.MM.SendMMBatchMeterUsageCmdlet`,
      'credentials-session-expired',
    ],
  ])('%s', (_what, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings[0]?.entry.id).toBe(entry);
  });
});

/**
 * Sentences people write in a channel about an AWS error they saw, naming its code or retelling its
 * message in their own words. The error names and messages are the SDKs' and services' own.
 */
const TALK: readonly string[] = [
  'we get ExpiredToken every morning, any idea?',
  'after the upgrade the SDK says socket hang up',
  'Anyone else seeing ThrottlingException from BatchMeterUsage since yesterday?',
  'The metering job keeps failing with TimestampOutOfBoundsException, I think our clock is off',
  'hey team, still getting AccessDeniedException on MeterUsage after adding the policy :(',
  'does InvalidCustomerIdentifierException mean the customer unsubscribed?',
  'FYI the ExpiredTokenException went away after I restarted the pod',
  'we saw a bunch of RequestTimeTooSkewed errors last night, ntp was dead',
  'After the deploy the worker says the security token included in the request is expired',
  'so the CLI tells me Unable to locate credentials even though I ran aws configure',
  'Is SignatureDoesNotMatch always a wrong secret key or can it be the clock?',
  'Our on-call got paged for ThrottlingException twice this week.',
  'the lambda logs show connect ETIMEDOUT when it calls the metering endpoint, is there a VPC endpoint for it?',
  'Our node app started throwing socket hang up after bumping the SDK to 3.500',
  'Since Monday our job gets "The security token included in the request is expired" every few hours',
  'He said the pod gets AccessDenied when calling sts:AssumeRoleWithWebIdentity, can someone look?',
  'I keep hitting CustomerNotEntitledException in staging but not prod',
  'why do we get DuplicateRequestException when we retry MeterUsage with the same timestamp?',
  'Customer reports InvalidProductCodeException right after listing went live, any pointers?',
  'the worker threw a TimestampOutOfBoundsException again lol',
  'ExpiredToken again this morning 🙄',
  'no more ExpiredTokenException since we switched to IRSA 🎉',
  'our cron keeps hitting read ECONNRESET against the metering endpoint, is that on their side?',
  'my job returns Unable to locate credentials only when it runs under systemd',
  'they told us the request signature we calculated does not match the signature you provided happens with a wrong secret',
  'Why does the Go SDK say NoCredentialProviders: no valid providers in chain when IMDS is reachable?',
  'the java sdk throws SdkClientException: Unable to load credentials from any of the providers in the chain when we run it locally',
];

describe('talk about an AWS error stays silent in a channel', () => {
  it.each(TALK)('%s', (text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(false);
    for (const f of d.findings) expect(f.evidence).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
  });

  it('still names the entry when someone asks explicitly', () => {
    const d = diagnosisOf('after the upgrade the SDK says socket hang up');
    expect(d.findings[0]?.entry.area).toBe('network');
  });

  it.each([
    ['a log lead-in with a colon', 'Request failed: The security token included in the request is expired'],
    [
      'a line that starts like a log',
      'failed to refresh credentials the security token included in the request is expired',
    ],
    ['Node’s error line', 'Error: socket hang up'],
    [
      'the AWS CLI’s message, which quotes a command of its own',
      'Unable to locate credentials. You can configure credentials by running "aws configure".',
    ],
    [
      'a logged class and message after a component name',
      'MeterWorker SdkClientException: Unable to load credentials from any of the providers in the chain',
    ],
  ])('a paste with its own layout is still an error: %s', (_what, text) => {
    expect(diagnosisOf(text).isError).toBe(true);
  });
});
