import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_THRESHOLD, diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * How the client libraries and runtimes people use beside AWS print an error, each in the layout its
 * source gives it (named in the case). Every one is an error: listed as unknown in an explicit ask (the AI
 * takes it when configured), while a channel stays out of it when nothing of AWS is in the paste. The
 * values (buckets, ids, hosts) are made up; the layouts are the libraries'.
 */
const run = (text: string) => diagnose(text, realCatalog(), { now: NOW });

const VALID: ReadonlyArray<{ source: string; text: string }> = [
  {
    source: 'minio-java ErrorResponse.toString(), as ErrorResponseException prints it',
    text: 'error occurred\nErrorResponse(code = NoSuchBucket, message = The specified bucket does not exist, bucketName = photos, objectName = null, resource = /photos, requestId = 17A2B3C4D5E6F7A8, hostId = dd9025ba)\nrequest={method=GET, url=http://10.0.0.5:9000/photos, headers=Host: 10.0.0.5:9000',
  },
  {
    source: "minio-java against MinIO's own XMinio code",
    text: 'ErrorResponse(code = XMinioStorageFull, message = Storage backend has reached its minimum free disk threshold., bucketName = backups, objectName = db.tar, resource = /backups/db.tar, requestId = 16552C892D24DAC1, hostId = 90cce98d)',
  },
  {
    source: 'Aliyun OSS, the code and message an uploader prints, then the EC code and its troubleshooting link',
    text: 'upload failed:\nAccessDenied The bucket you access does not belong to you.\n\n0003-00000001 https://api.aliyun.com/troubleshoot?q=0003-00000001',
  },
  {
    source: "Aliyun OSS, a client's one-line code, message, EC and request id",
    text: 'code: InvalidAccessKeyId, message: The OSS Access Key Id you provided does not exist in our records., EC: 0002-00000902, requestId: 65A1B2C3D4E5F60718293A4B',
  },
  {
    source: 'Aliyun OSS Node SDK (ali-oss), an error object with its ecCode',
    text: "AccessDeniedError: The bucket you access does not belong to you.\n    at Client.requestError (/app/node_modules/ali-oss/lib/common/client/requestError.js:78:11)\n  status: 403,\n  code: 'AccessDenied',\n  requestId: '5C3D9175B6FC201293AD1234',\n  ecCode: '0003-00000001'",
  },
  {
    source: "Google API PHP client v1 (PHP 5): Uncaught exception 'Google_ServiceException' with message",
    text: "Fatal error: Uncaught exception 'Google_ServiceException' with message 'Error calling GET https://www.googleapis.com/calendar/v3/users/me/calendarList: (401) Login Required' in /var/www/google-api-php-client/src/io/Google_REST.php:66",
  },
  {
    source: 'Google API PHP client v2: Google\\Service\\Exception with the JSON error body',
    text: 'PHP Fatal error:  Uncaught Google\\Service\\Exception: {\n  "error": {\n    "code": 403,\n    "message": "The caller does not have permission",\n    "status": "PERMISSION_DENIED"\n  }\n}\n in /var/www/vendor/google/apiclient/src/Http/REST.php:134',
  },
  {
    source: "Google API Python client: googleapiclient.errors.HttpError's repr",
    text: 'googleapiclient.errors.HttpError: <HttpError 403 when requesting https://www.googleapis.com/drive/v3/files?alt=json returned "The user does not have sufficient permissions for this file.". Details: "[{\'reason\': \'insufficientFilePermissions\'}]">',
  },
  {
    source: 'Google API Java client: GoogleJsonResponseException with the pretty-printed body',
    text: 'com.google.api.client.googleapis.json.GoogleJsonResponseException: 403 Forbidden\nGET https://www.googleapis.com/drive/v3/files\n{\n  "code" : 403,\n  "message" : "Insufficient Permission"\n}',
  },
  {
    source: 'Azure SDK for .NET: RequestFailedException with Status and ErrorCode lines',
    text: 'Azure.RequestFailedException: This request is not authorized to perform this operation.\nRequestId:0d6b1f6e-801e-0071-3e4b-000000000000\nTime:2026-12-07T10:00:00.0000000Z\nStatus: 403 (This request is not authorized to perform this operation.)\nErrorCode: AuthorizationFailure',
  },
  {
    source: 'Azure SDK for Python: azure.core.exceptions.HttpResponseError with Code and Message',
    text: 'azure.core.exceptions.HttpResponseError: (AuthorizationFailure) This request is not authorized to perform this operation.\nCode: AuthorizationFailure\nMessage: This request is not authorized to perform this operation.',
  },
  {
    source: "grpc-go's status error with a code outside the named ones (codes.Code prints Code(429)), in a logfmt line",
    text: 'level=error ts=2026-12-07T10:00:00.123Z caller=push.go:91 msg="push failed" err="rpc error: code = Code(429) desc = ingestion rate limit exceeded for user tenant-a"',
  },
  {
    source:
      "grpc-js's status when call credentials fail (call-stream: 16 UNAUTHENTICATED: Failed to retrieve auth metadata with error: …)",
    text: 'Error: 16 UNAUTHENTICATED: Failed to retrieve auth metadata with error: Could not refresh access token: unauthorized_client\n    at callErrorFromStatus (/srv/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19)',
  },
  {
    source: "grpc-js's dumped status object, its details property holding the call-credentials failure",
    text: "{\n  code: 16,\n  details: 'Failed to retrieve auth metadata with error: invalid_client',\n  metadata: Metadata { internalRepr: Map(0) {}, options: {} }\n}",
  },
  {
    source: 'an OAuth 2.0 token endpoint refusal (RFC 6749 section 5.2) pretty-printed without an error_description',
    text: 'token refresh failed: HTTP 401, response:\n{\n  "error" : "invalid_client"\n}',
  },
  {
    source: "HashiCorp Vault's API error (api.Response.Error) folded onto one line: URL, Code and Errors list",
    text: 'Error writing data to kv/app: Error making API request. URL: PUT https://vault.example.internal:8200/v1/kv/app Code: 403. Errors: * 1 error occurred: * permission denied',
  },
  {
    source: "azure-core's default message for a status it did not map, then the OData code and message",
    text: "Operation returned an invalid status 'Forbidden'\nCode: AuthorizationFailure\nMessage: This request is not authorized to perform this operation.",
  },
  {
    source: 'Az PowerShell: an error record of an Az cmdlet',
    text: 'Get-AzStorageBlob : This request is not authorized to perform this operation.\nAt C:\\scripts\\sync.ps1:14 char:9\n+         Get-AzStorageBlob -Container $c -Context $ctx\n+         ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : CloseError: (:) [Get-AzStorageBlob], StorageException\n    + FullyQualifiedErrorId : StorageException,Microsoft.WindowsAzure.Commands.Storage.Blob.Cmdlet.GetAzureStorageBlobCommand',
  },
  {
    source: "PowerShell's Invoke-RestMethod: an error record holding another API's JSON error body",
    text: 'Invoke-RestMethod : {"error":{"code":"AuthenticationFailed","message":"Server failed to authenticate the request."}}\nAt line:3 char:1',
  },
  {
    source: "PHP 5's uncaught exception with message",
    text: "PHP Fatal error:  Uncaught exception 'Exception' with message 'Could not connect to billing backend' in /var/www/app/Billing.php:42\nStack trace:\n#0 /var/www/app/index.php(12): Billing->charge()\n#1 {main}\n  thrown in /var/www/app/Billing.php on line 42",
  },
  {
    source: "PHP's http stream wrapper refused by the server",
    text: 'PHP Warning:  file_get_contents(https://api.example.org/usage): Failed to open stream: HTTP request failed! HTTP/1.1 403 Forbidden\n in /var/www/html/usage.php on line 8',
  },
  {
    source: "PHP's fatal error head (memory exhausted)",
    text: 'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/report.php on line 88',
  },
  {
    source: "Erlang's shell: ** exception error:",
    text: '** exception error: no match of right hand side value {error,econnrefused}\n     in function  meter:send/1 (meter.erl, line 12)',
  },
  {
    source: "Swift's runtime trap before Swift 5.4 (file and line after the message)",
    text: 'Fatal error: Unexpectedly found nil while unwrapping an Optional value: file Meter/Uploader.swift, line 42',
  },
  {
    source: 'Swift 5.4+ runtime trap (file and line first)',
    text: 'Meter/Uploader.swift:42: Fatal error: Unexpectedly found nil while unwrapping an Optional value',
  },
  { source: "Xcode's debugger banner for a Swift trap", text: 'Thread 1: Fatal error: Index out of range' },
  {
    source: "Ansible's per-host task failure",
    text: 'fatal: [web01]: FAILED! => {"changed": false, "msg": "Failed to connect to the host via ssh: Permission denied (publickey)."}',
  },
  {
    source: "Ansible's failure of one loop item",
    text: 'failed: [web01] (item=meter-agent) => {"ansible_loop_var": "item", "changed": false, "item": "meter-agent", "msg": "No package matching \'meter-agent\' is available"}',
  },
  {
    source: "Ansible's warning that an inventory source could not be parsed",
    text: '[WARNING]:  * Failed to parse /etc/ansible/hosts with yaml plugin: We were unable to read either as JSON nor YAML',
  },
  {
    source: "Docker's event stream: a container that died with a non-zero exit code",
    text: '2026-12-07T10:00:00.000000000Z container die 3f2a9c1b7d0e4f55 (exitCode=137, image=meter:1.2, name=meter)',
  },
  {
    source: 'a JSON error list (GraphQL, JSON:API) with an upper-case code',
    text: '{"errors":[{"message":"Bad credentials","code":"UNAUTHENTICATED"}]}',
  },
  {
    source: "ali-oss names its errors after the server's code plus Error (requestError.js), logged by an app",
    text: '[2026-12-07T09:00:01.120Z] error SignatureDoesNotMatchError: The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  },
  {
    source: 'ali-oss, a body it could not parse ("unknow request error, status:")',
    text: 'UnknownError: unknow request error, status: 502\n    at Client.requestError (/srv/node_modules/ali-oss/lib/common/client/requestError.js:30:13)',
  },
  {
    source: 'a client wrapper printing "<provider> Object Storage error (Code): message" (Scaleway)',
    text: 'list_objects  media-prod -> Scaleway Object Storage error (AccessDenied): Access Denied',
  },
  {
    source: "the same layout naming another provider's object storage (OVHcloud)",
    text: 'OVHcloud Object Storage error (SignatureDoesNotMatch): The request signature we calculated does not match the signature you provided.',
  },
  {
    source: "Apache Airflow's task log layout ([asctime] {filename:lineno} LEVEL - message)",
    text: '[2026-12-07T09:15:02.118+0000] {taskinstance.py:2698} ERROR - Task failed with exception',
  },
  {
    source: "Apache Airflow's log layout without brackets around the time, a bare message",
    text: '2026-12-07 09:15:02,118 {scheduler_job_runner.py:861} ERROR - Executor reports task instance finished (failed)',
  },
  {
    source: 'a Python traceback joined into one line in a Markdown code span (KeyError)',
    text: "`Traceback (most recent call last): File \"/srv/app/report.py\", line 31, in build total = row['amount'] ~~~^^^^^^^^^^ KeyError: 'amount'`",
  },
  {
    source: "a web application's session-expired notice, the whole line",
    text: 'Your session has expired. Please log in again.',
  },
  {
    source: 'a session-expired notice in its shorter wording',
    text: 'Session expired. Please sign in again.',
  },
  {
    source: 'a Terraform provider diagnostic retyped inside double quotes (a third-party API 500)',
    text: '"Error: Error creating Widget resource: Internal Server Error - Internal error when processing the request (500)"',
  },
];

describe('another library’s error layout is an error, listed as unknown', () => {
  it.each(VALID)('$source', ({ text }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
  });

  it.each(VALID)('a channel stays out of it with nothing of AWS in the paste: $source', ({ text }) => {
    const result = run(text);
    const posted = [
      ...result.findings.filter((f) => (f.evidence ?? 0) >= DEFAULT_ERROR_THRESHOLD && f.awsContext !== false),
      ...result.unmatched.filter((u) => (u.evidence ?? 1) >= DEFAULT_ERROR_THRESHOLD && u.awsContext !== false),
    ];
    expect(posted).toEqual([]);
  });

  it('minio-java’s layout names the code it carries', () => {
    expect(run(VALID[0]!.text).unmatched[0]!.facts.code).toBe('NoSuchBucket');
  });
});

describe('the same layouts carrying an AWS error keep their entry', () => {
  it.each([
    {
      source: 'minio-java talking to Amazon S3 (its host in the request line)',
      text: 'ErrorResponse(code = SignatureDoesNotMatch, message = The request signature we calculated does not match the signature you provided. Check your key and signing method., bucketName = meter-usage, objectName = 2026/12/07.json, resource = /meter-usage/2026/12/07.json, requestId = 8F3C2B1A0E9D7C6B, hostId = Zm9vYmFy)\nrequest={method=PUT, url=https://meter-usage.s3.us-east-1.amazonaws.com/2026/12/07.json',
      entry: 'signature-mismatch',
    },
    {
      source: "Ansible's task failure relaying botocore's error",
      text: 'fatal: [localhost]: FAILED! => {"boto3_version": "1.34.0", "changed": false, "msg": "Failed to meter usage: An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: aws-marketplace:MeterUsage"}',
      entry: 'metering-access-denied',
    },
    {
      source: 'an AWS Tools for PowerShell error record',
      text: 'Get-S3Object : The AWS Access Key Id you provided does not exist in our records.\nAt line:1 char:1\n+ Get-S3Object -BucketName meter-usage\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (Amazon.PowerShe...tS3ObjectCmdlet:GetS3ObjectCmdlet) [Get-S3Object], InvalidOperationException\n    + FullyQualifiedErrorId : Amazon.S3.AmazonS3Exception,Amazon.PowerShell.Cmdlets.S3.GetS3ObjectCmdlet',
      entry: 'credentials-invalid-token',
    },
    {
      source: "botocore's validation report on a metering call, printed by the AWS CLI without the exception's name",
      text: 'Parameter validation failed:\nMissing required parameter in input: "UsageDimension"',
      entry: 'marketplace-request-validation',
    },
    {
      source: "Logstash's S3 input logging the Ruby SDK's refusal in its hash",
      text: '[2026-12-07T10:00:00,123][ERROR][logstash.inputs.s3       ][main][f00dcafe] Unable to list objects in bucket {:exception=>Aws::S3::Errors::InvalidAccessKeyId, :message=>"The AWS Access Key Id you provided does not exist in our records."}',
      entry: 'credentials-invalid-token',
    },
  ])('$source', ({ text, entry }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entry);
  });
});

describe('near-misses of those layouts are not errors', () => {
  it.each([
    { what: 'a session that expired, told in the first person', text: 'my session has expired again, please help' },
    {
      what: 'a quoted error with words after the closing quote',
      text: '"Error: something broke" is what the dashboard shows after login',
    },
    {
      what: 'a container that exited cleanly (Docker events)',
      text: '2026-12-07T10:00:00.000000000Z container die 3f2a9c1b7d0e4f55 (exitCode=0, image=meter:1.2, name=meter)',
    },
    { what: 'an Ansible host that succeeded', text: 'ok: [web01] => {"changed": false, "msg": "All items completed"}' },
    {
      what: 'an Ansible warning that is not a parse failure',
      text: "[WARNING]: provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'",
    },
    {
      what: '"Fatal error" as words of a sentence',
      text: 'Fatal error handling is the next thing on our list, see the design doc.',
    },
    {
      what: 'an Erlang error named in a sentence',
      text: 'the erlang shell said ** exception error: badarg but that was my typo',
    },
  ])('$what', ({ text }) => {
    expect(run(text).isError).toBe(false);
  });
});

/**
 * A program's own lead-in before the error it caught, the way `console.error('Error uploading to S3:', err)`
 * prints the JS SDK v3's error name and message, or a CLI's status glyph and words before it.
 */
describe('an error after a program’s lead-in is still the error', () => {
  it.each([
    {
      what: 'console.error with a lead-in, JS SDK v3 AccessDenied',
      text: 'Error uploading files to S3: AccessDenied: Access Denied',
      entry: 'access-denied-generic',
    },
    {
      what: 'a lead-in before a throttling error',
      text: 'Error sending usage: ThrottlingException: Rate exceeded',
      entry: 'aws-throttling',
    },
  ])('$what', ({ text, entry }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entry);
  });

  it('the same lead-in naming an S3-compatible store lists the shared code as that store’s unknown error', () => {
    const result = run(
      'Error uploading files to S3-compatible storage: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
    );
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched[0]).toMatchObject({ awsContext: false, facts: { code: 'SignatureDoesNotMatch' } });
  });

  it.each([
    'Error handling in Go: Exceptions are not a thing there, you return values.',
    'Failed again: Sorry: the deploy window moved to Thursday.',
  ])('a sentence that starts like a lead-in is not an error: %s', (text) => {
    expect(run(text).isError).toBe(false);
  });
});

/**
 * The AWS Lambda runtimes' own failures (the Python runtime interface client's Runtime.ImportModuleError,
 * HandlerNotFound and UserCodeSyntaxError messages, the service's Runtime.ExitError and timeout): errors of
 * the function, not of metering or credentials, so no entry answers them, but they are errors.
 */
describe('a Lambda runtime failure is an error no entry claims', () => {
  it.each([
    {
      source: 'Runtime.ImportModuleError, message alone after a lead-in',
      text: "the function fails with:\n `Unable to import module 'app.handler': No module named 'requests'`",
    },
    {
      source: 'Runtime.ImportModuleError with its level and type',
      text: "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named 'pydantic_core._pydantic_core'",
    },
    {
      source: 'Runtime.HandlerNotFound',
      text: "[ERROR] Runtime.HandlerNotFound: Handler 'handler' missing on module 'lambda_function'",
    },
    {
      source: 'Runtime.UserCodeSyntaxError',
      text: "Runtime.UserCodeSyntaxError: Syntax error in module 'lambda_function': invalid syntax (lambda_function.py, line 12)",
    },
    {
      source: 'Runtime.ExitError',
      text: 'RequestId: 3f1c0a52-4e1e-4c39-9d0b-0a1b2c3d4e5f Error: Runtime exited with error: signal: killed',
    },
    {
      source: 'the invocation timeout',
      text: '2026-12-07T09:20:11.042Z 3f1c0a52-4e1e-4c39-9d0b-0a1b2c3d4e5f Task timed out after 15.02 seconds',
    },
  ])('$source', ({ text }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.5)).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
  });
});

/**
 * Console layouts that head a line with the level: Maven's `[ERROR] ` (and `[FATAL] `), Fluent Bit's flb_log
 * head (`[%Y/%m/%d %H:%M:%S] [%5s] ` then the component in brackets: `[error] [output:loki:loki.0] no upstream
 * connections available`), logrus' terminal layout (`FATA[0000] …`, `PANI[0002] …`, whatever words follow), and
 * Nextflow's console (`ERROR ~ …`). Messages are the tools' own or made up in their style.
 */
describe("a level or error word heading a tool's console line is an error", () => {
  it.each([
    {
      source: 'Maven',
      text: '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project meter-worker: There are test failures.',
    },
    { source: 'Maven, a plugin’s own prefix', text: '[ERROR] DOCKER> Unable to build image [meter/worker:1.4]' },
    {
      source: 'Fluent Bit with its time',
      text: '[2026/12/07 10:00:00] [error] [output:http:http.0] no upstream connections available to 10.0.0.5:8080',
    },
    {
      source: 'Fluent Bit without its time',
      text: '[error] [engine] chunk cannot be retried: task_id=3, input=tail.0',
    },
    {
      source: "Logstash's log4j2 console pattern ([%d{ISO8601}][%-5p][%-25c] then the pipeline id) with a Ruby hash",
      text: '[2026-12-07T10:00:00,123][ERROR][logstash.outputs.elasticsearch][main] Could not index event to Elasticsearch. {:status=>400, :action=>["index", {:_id=>nil, :_index=>"meter-2026.12.07"}], :response=>{"index"=>{"status"=>400, "error"=>{"type"=>"mapper_parsing_exception"}}}}',
    },
    {
      source: 'Logstash with its time cut off, pipeline and plugin ids in brackets',
      text: '[ERROR][logstash.javapipeline    ][main][a1b2c3d4] A plugin had an unrecoverable error. Will restart this plugin. {:error=>"closed stream"}',
    },
    {
      source: "Logstash's agent at fatal level (no pipeline id)",
      text: '[2026-12-07T10:00:00,123][FATAL][logstash.runner          ] An unexpected error occurred! {:error=>#<ArgumentError: wrong number of arguments>}',
    },
    {
      source: 'logrus FATA, no error word in the message',
      text: 'FATA[0000] could not load kubeconfig: open /home/ci/.kube/config: no such file or directory',
    },
    { source: 'logrus PANI', text: 'PANI[0002] runtime configuration invalid: missing queue name' },
    { source: 'Nextflow', text: 'ERROR ~ No such variable: params.inputBucket' },
    {
      source: "a Zeit/Vercel CLI's error helper with a Node stack under it",
      text: '> Error! An unexpected error occurred in build: Error: Upload aborted (502)\n    at uploadFile (/snapshot/cli/dist/index.js:1904:11)\n    at process._tickCallback (internal/process/next_tick.js:68:7)',
    },
    { source: "a Zeit/Vercel CLI's error helper", text: '> Error! The project name must be 100 characters or fewer' },
    {
      source: "the Serverless Framework's error box (v1, v2 writeMessage)",
      text: ' \n  Serverless Error ---------------------------------------\n \n  Serverless plugin "serverless-offline" not found. Make sure it\'s installed and listed in the "plugins" section of your serverless config file.\n \n  Get Support --------------------------------------------\n     Docs:          docs.serverless.com',
    },
    {
      source: "the Serverless Framework's box for a JavaScript error",
      text: "  Type Error ---------------------------------------------\n \n  Cannot read properties of undefined (reading 'functions')",
    },
  ])('valid: $source', ({ text }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
  });

  it.each([
    { what: 'a Maven warning', text: '[WARNING] Some problems were encountered while building the effective model' },
    { what: 'a Fluent Bit warning', text: '[2026/12/07 10:00:00] [ warn] [engine] chunk is retried: task_id=3' },
    { what: 'a logrus warning', text: 'WARN[0001] no config file found, using defaults' },
    {
      what: 'a Logstash warning',
      text: "[2026-12-07T10:00:00,123][WARN ][logstash.config.source.multilocal] Ignoring the 'pipelines.yml' file because modules or command line options are specified",
    },
    { what: 'the level named inside a sentence', text: 'The [ERROR] tag in our build log only means a retry happened' },
    { what: 'the tilde layout inside a sentence', text: 'our pipeline printed ERROR ~ twice before it stopped' },
    {
      what: "the Serverless Framework's warning box",
      text: '  Serverless Warning --------------------------------------\n \n  A valid option to satisfy the declaration could not be found.',
    },
  ])('invalid: $what', ({ text }) => {
    expect(run(text).isError).toBe(false);
  });

  it("the Serverless Framework's box around an AWS error is that error alone", () => {
    const result = run(
      '  Serverless Error ---------------------------------------\n \n  The security token included in the request is expired\n \n  Get Support --------------------------------------------',
    );
    expect(result.findings.map((f) => f.entry.id)).toEqual(['credentials-session-expired']);
    expect(result.unmatched).toEqual([]);
  });

  it('a Maven line relaying an AWS error keeps the entry', () => {
    const result = run(
      '[ERROR] Failed to execute goal com.example:s3-deploy-plugin:1.2:upload (default) on project meter: Upload failed: The AWS Access Key Id you provided does not exist in our records.',
    );
    expect(result.findings[0]?.entry.id).toBe('credentials-invalid-token');
  });
});

/**
 * Google Cloud names a permission `service.resource.verb`: Compute Engine's "Required '<permission>'
 * permission for '<resource>'", Cloud Storage's "<principal> does not have <permission> access to the Google
 * Cloud Storage bucket.", and the Cloud console's "You need the <permission> permission to …". Another
 * cloud's denial: an error no AWS entry claims.
 */
describe("Google Cloud's denials that name the permission are errors of another cloud", () => {
  it.each([
    {
      source: 'Compute Engine',
      text: "Required 'compute.instances.get' permission for 'projects/meter-prod/zones/us-central1-a/instances/worker-1'",
    },
    {
      source: 'Cloud Storage JSON API',
      text: 'upload failed: ci-runner@meter-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage bucket.',
    },
    {
      source: 'the Cloud console',
      text: 'You need the storage.buckets.list permission to list buckets in this project.',
    },
  ])('valid: $source', ({ text }) => {
    const result = run(text);
    expect(result.findings).toEqual([]);
    expect(result.unmatched.length).toBe(1);
    expect(result.unmatched[0]!.awsContext).toBe(false);
  });

  it.each([
    {
      what: 'an AWS action in the same words',
      text: 'you need the s3:ListBucket permission to list the bucket, I think',
    },
    { what: 'a sentence without a permission name', text: 'You need the admin permission to see this page' },
  ])('invalid: $what', ({ text }) => {
    expect(run(text).unmatched).toEqual([]);
  });
});

/**
 * A program's own failure line, in the shape its source prints it: Go's error wrapping (`fmt.Errorf("…: %w")`,
 * `errors.Wrap`), a command-line tool's `Error <doing> <what>: <cause>`, `<what> failed: <cause>`, a logger's
 * error-level head, a Python traceback whose indentation a web page or a log console took off, and a command's
 * output under its shell prompt. None names an AWS code; each says an error happened.
 */
const FAILURE_LINES: ReadonlyArray<{ source: string; text: string }> = [
  {
    source: 'Terraform 0.11\'s command layer: c.Ui.Error(fmt.Sprintf("Error loading state: %s", err))',
    text: 'Error loading state: state snapshot was created by Terraform v0.12.31, which is newer than current v0.11.15; upgrade to Terraform v0.12.31 or greater to work with this state',
  },
  {
    source: 'Go: fmt.Errorf("failed to load config: %w", err) around an *fs.PathError',
    text: 'failed to load config: open /etc/meter-agent/config.yaml: no such file or directory',
  },
  {
    source:
      'libcurl\'s failf("Failed to connect to %s port %u after %ld ms: %s") with curl\'s (N) kept and its `curl: ` cut',
    text: "(7) Failed to connect to 10.20.30.40 port 8080 after 2 ms: Couldn't connect to server",
  },
  {
    source: 'a CLI reporting what failed and why ("<what> failed: <cause>")',
    text: 'Token refresh failed: HTTP 400 from https://sso.example.internal/oauth/token',
  },
  {
    source:
      'a Python traceback cut before its exception, its frames flush with the head (indentation lost on a web page)',
    text: 'Traceback (most recent call last):\nFile "/srv/app/sync.py", line 41, in main\nsession.push(batch)\nFile "/srv/app/vendor/queue.py", line 88, in push\nresponse = self._post(path, json=payload)',
  },
  {
    source:
      "the CloudWatch console's log-events rows copied as text (an empty column, the time with its offset, the message)",
    text: '--\n  | 2026-12-07T10:00:01.250+01:00 | Traceback (most recent call last):\n  | 2026-12-07T10:00:01.250+01:00 | File "/var/task/handler.py", line 20, in handler\n  | 2026-12-07T10:00:01.250+01:00 | push(records)\n  | 2026-12-07T10:00:01.250+01:00 | File "/var/task/shipper.py", line 7, in push\n  | 2026-12-07T10:00:01.250+01:00 | conn.getresponse()',
  },
  {
    source: "a command's output under bash's default prompt (user@host:dir$), in the tool's own words",
    text: 'deploy@build-01:~/meter$ ./bin/publish --channel stable\nUploading 3 artifacts\npublish failed (exit 2)',
  },
  {
    source: "a command's output under a `$ ` prompt, a sentence of its own that says it failed",
    text: '$ deployctl push\nUploading 3 artifacts\nUpload failed. Giving up after 3 attempts.',
  },
  {
    source: 'Ruby\'s Logger::Formatter ("%.1s, [%s #%d] %5s -- %s: %s")',
    text: 'E, [2026-12-07T10:00:00.123456 #4121] ERROR -- : sync aborted: unexpected end of file',
  },
  {
    source: ".NET's console logger (SimpleConsoleFormatter: `fail: Category[EventId]`, the message indented under it)",
    text: 'fail: Meter.Agent.SyncWorker[0]\n      Sync aborted after 3 attempts',
  },
  {
    source: 'GNU Wget\'s refusal by the server ("%s ERROR %d: %s.\\n" with the time)',
    text: '2026-12-07 10:00:00 ERROR 403: Forbidden.',
  },
  {
    source:
      "github.com/pkg/errors' %+v: the program's message, then each function with its file and line indented under it",
    text: 'no profiles found in config\ngithub.com/example/meterctl/cmd.loadProfiles\n\t/home/ci/src/meterctl/cmd/profiles.go:88\ngithub.com/example/meterctl/cmd.Execute\n\t/home/ci/src/meterctl/cmd/root.go:41\nmain.main\n\t./main.go:12',
  },
  {
    source: "a Go stack's frames with the tabs turned into spaces and a panic's offsets (+0x…)",
    text: 'github.com/example/meterctl/cmd.resolveTarget(...)\n        /go/pkg/mod/github.com/example/meterctl@v1.2.0/cmd/target.go:57 +0x1a5',
  },
  {
    source:
      "the AWS sign-in page's SAML error (IAM's SAML troubleshooting guide), in the HTML a federation helper dumps",
    text: '<div id="content">\n<h1>Sign in</h1>\nYour request included an invalid SAML response. To logout, click <a href="/logout">here</a>\n</div>',
  },
  {
    source: "the same page's text copied from the browser, with the guide's 'Error: ' head",
    text: 'Error: Your request included an invalid SAML response. To logout, click here.',
  },
  {
    source:
      "the AWS CLI printing botocore's ParamValidationError without its name (exceptions.py head, validate.py report line)",
    text: '\nParameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1',
  },
  {
    source: "botocore's validate.py report for an unknown parameter, printed by a framework as str(e)",
    text: 'Parameter validation failed:\nUnknown parameter in input: "Tag", must be one of: Bucket, Key, Body',
  },
  {
    source: "boto3's resource identifier check (resources/base.py ValueError) under a shell prompt with no space",
    text: '$deployctl publish --stage dev\nRequired parameter name not set',
  },
  {
    source:
      'rclone\'s log line (fs/log.go: Go\'s log date, then "%-6s: %s" with the level; fs.Errorf(o, …) puts the object first)',
    text: '2026/12/07 10:00:00 ERROR : backups/2026-12-06.tar.gz: Failed to copy: failed to open source object: object not found',
  },
  {
    source: 'rclone\'s fs.Errorf(o, "Failed to copy: %v", err) with the date and level cut off, the object path first',
    text: 'backups/2026-12-06.tar.gz: Failed to copy: Failed to upload: upload part 3 of 12 rejected (400 bad_request)',
  },
  {
    source: 'rclone\'s pacer retrying a call that failed (fs.Debugf("pacer", "low level retry %d/%d (error %v)"))',
    text: '2026/12/07 10:00:00 DEBUG : pacer: Rate limited, increasing sleep to 40ms\n2026/12/07 10:00:00 DEBUG : pacer: low level retry 2/10 (error bucket quota exceeded (403 forbidden))',
  },
  {
    source: 'rclone at its highest levels ("CRITICAL: " and "ALERT : ", the level padded to six characters)',
    text: '2026/12/07 10:00:00 CRITICAL: Failed to create file system for "remote:backups": didn\'t find section in config file',
  },
];

describe('a program’s own failure line is an error, listed as unknown', () => {
  it.each(FAILURE_LINES)('$source', ({ text }) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
    expect(result.unmatched.length + result.findings.length).toBeGreaterThan(0);
  });

  it('lists the failure line itself when nothing else in the paste names the error', () => {
    const result = run(FAILURE_LINES[0]!.text);
    expect(result.findings).toEqual([]);
    expect(result.unmatched[0]!.excerpt).toContain('Error loading state');
  });

  it('a failure line over an error the catalog knows adds no second, unknown error (Terraform 0.11 over the Go SDK)', () => {
    const result = run(
      'Error refreshing state: 1 error(s) occurred:\n\n* provider.aws: InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: 0c7e2a1b-5d3f-4e8a-9b6c-1d2e3f4a5b6c',
    );
    expect(result.findings[0]?.entry.id).toBe('credentials-invalid-token');
    expect(result.unmatched).toEqual([]);
  });

  it("a Go stack under an AWS error the catalog knows adds no second, unknown error (the SDK's error, then its frames)", () => {
    const result = run(
      'operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 5e0c2a1b-3d4f-4a5b-8c6d-7e8f9a0b1c2d, api error ExpiredToken: The security token included in the request is expired\ngithub.com/example/meterctl/cmd.whoami\n\t/home/ci/src/meterctl/cmd/whoami.go:30',
    );
    expect(result.findings[0]?.entry.id).toBe('credentials-session-expired');
    expect(result.unmatched).toEqual([]);
  });

  it.each([
    {
      what: 'a topic named after errors ("Error handling in Go: …")',
      text: 'Error reporting in the new SDK: much better than before.',
    },
    { what: 'a question in the failure shape', text: 'Unable to deploy: any idea why?' },
    {
      what: "a sentence quoting the sign-in page's SAML error",
      text: 'Since the IdP change we keep landing on "Your request included an invalid SAML response" whenever someone opens the tile',
    },
    {
      what: 'a person pointing at a Go source line inside a sentence',
      text: 'The check happens in cmd/profiles.go:88 if you want to read it',
    },
    {
      what: 'a sentence about a required parameter (no validation report layout)',
      text: 'Required parameter names are listed in the table below',
    },
    {
      what: 'rclone at info and notice level (its progress, not a failure)',
      text: '2026/12/07 10:00:00 INFO  : backups/2026-12-06.tar.gz: Copied (new)\n2026/12/07 10:00:00 NOTICE: Config file not found - using defaults',
    },
    { what: "a heading before a person's remark", text: 'Update: Failed to see why this matters: the old build works' },
    { what: 'a verb with a sentence after the colon', text: 'Cannot wait: the new dashboard ships on Monday' },
    {
      what: 'a person’s words after a command, past the blank line that ends its output',
      text: '$ make deploy\n\nthat failed for me yesterday too, but works now',
    },
  ])('is not read into a person’s sentence: $what', ({ text }) => {
    expect(run(text).isError).toBe(false);
  });
});
