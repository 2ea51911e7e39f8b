import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Errors of the APIs, clients, databases and loggers that run next to AWS calls, in the layouts their
 * sources print: Slack's Web API body and its SDKs (slack_sdk errors.py, @slack/web-api errors.ts,
 * @slack/logger's ConsoleLogger, the Java SDK's SlackApiException, Elixir clients), GitHub's REST body,
 * Octokit, PyGithub and the gh CLI, the OpenAI and Anthropic SDKs' status errors, the Docker CLI and
 * registries, kubectl and klog, PostgreSQL, MySQL, MongoDB, Redis, Kafka SASL, HTTP clients (requests,
 * Axios, Spring, reqwest/anyhow, Ktor), Elixir and Erlang, Kotlin and Scala, and the loggers (pino,
 * bunyan, winston, logfmt, zap, log4j/logback, Python logging, syslog). Each is an error the catalog
 * does not know: recognised, listed as unknown for the AI, and never claimed by an AWS entry.
 * Hosts, users, tokens and ids are made up.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

/** [what prints it, the pasted text] */
const unknownErrors: Array<[string, string]> = [
  // ---- Slack Web API and SDKs
  ['Slack Web API JSON body', '{"ok":false,"error":"invalid_auth"}'],
  [
    'Slack Web API body with warnings',
    '{"ok":false,"error":"not_authed","warning":"missing_charset","response_metadata":{"warnings":["missing_charset"]}}',
  ],
  [
    'Python slack_sdk SlackApiError',
    `slack_sdk.errors.SlackApiError: The request to the Slack API failed. (url: https://slack.com/api/chat.postMessage)
The server responded with: {'ok': False, 'error': 'invalid_auth'}`,
  ],
  [
    'Python slack_sdk SlackApiError in a traceback',
    `Traceback (most recent call last):
  File "/srv/bot/notify.py", line 22, in post
    client.chat_postMessage(channel="#billing", text=msg)
  File "/venv/lib/python3.12/site-packages/slack_sdk/web/base_client.py", line 229, in api_call
    return self._sync_send(api_url=api_url, req_args=req_args)
slack_sdk.errors.SlackApiError: The request to the Slack API failed. (url: https://slack.com/api/chat.postMessage)
The server responded with: {'ok': False, 'error': 'channel_not_found'}`,
  ],
  ['Python Bolt BoltError', 'slack_bolt.error.BoltError: token or authorize must be provided'],
  [
    'Node @slack/web-api platform error, uncaught',
    `Error: An API error occurred: invalid_auth
    at platformErrorFromResult (/app/node_modules/@slack/web-api/dist/errors.js:62:33)
    at WebClient.apiCall (/app/node_modules/@slack/web-api/dist/WebClient.js:181:56)`,
  ],
  [
    'Node @slack/web-api platform error with its data',
    `Error: An API error occurred: ratelimited
    at platformErrorFromResult (/app/node_modules/@slack/web-api/dist/errors.js:62:33) {
  code: 'slack_webapi_platform_error',
  data: { ok: false, error: 'ratelimited', response_metadata: {} }
}`,
  ],
  [
    'Node @slack/web-api error object logged alone',
    `{
  code: 'slack_webapi_platform_error',
  data: { ok: false, error: 'not_in_channel', response_metadata: { scopes: [ 'chat:write' ] } }
}`,
  ],
  ['Node @slack/web-api HTTP error', 'Error: An HTTP protocol error occurred: statusCode = 503'],
  ['Bolt ConsoleLogger at ERROR', '[ERROR]  bolt-app An API error occurred: channel_not_found'],
  ['Bolt ConsoleLogger with the error printed', '[ERROR]  bolt-app Error: An API error occurred: missing_scope'],
  [
    'Socket Mode ConsoleLogger at ERROR',
    '[ERROR]  socket-mode:SocketModeClient:0 Failed to retrieve a new WSS URL for reconnection (error: Error: An API error occurred: invalid_auth)',
  ],
  [
    'web-api ConsoleLogger at WARN with an HTTP error',
    '[WARN]  web-api:WebClient:0 http request failed An HTTP protocol error occurred: statusCode = 500',
  ],
  [
    'web-api rate limit at WARN',
    '[WARN]  bolt-app http request failed A rate-limit has been reached, you may retry this request in 30 seconds',
  ],
  [
    'Java Slack SDK SlackApiException',
    'com.slack.api.methods.SlackApiException: status: 200, error: invalid_auth, needed: null, provided: null, warning: null',
  ],
  [
    'Elixir client returning the Slack body in a MatchError',
    `** (MatchError) no match of right hand side value: {:error, %{"ok" => false, "error" => "invalid_auth"}}
    (meter 0.1.0) lib/meter/notify.ex:14: Meter.Notify.post/2`,
  ],
  [
    'Elixir RuntimeError',
    `** (RuntimeError) Slack API error: invalid_auth
    (meter 0.1.0) lib/meter/notify.ex:31: Meter.Notify.post!/2`,
  ],
  [
    'Ktor client exception carrying the Slack body',
    'Exception in thread "main" io.ktor.client.plugins.ClientRequestException: Client request(POST https://slack.com/api/chat.postMessage) invalid: 401 Unauthorized. Text: "{"ok":false,"error":"invalid_auth"}"',
  ],
  // ---- GitHub
  [
    'Octokit HttpError',
    `HttpError: Bad credentials
    at /app/node_modules/@octokit/request/dist-node/index.js:86:21`,
  ],
  [
    'Octokit RequestError inspected with its name tag',
    `RequestError [HttpError]: Not Found
    at /app/node_modules/@octokit/request/dist-node/index.js:108:21 {
  status: 404,
  response: {
    url: 'https://api.github.com/repos/acme/meter/releases/latest',`,
  ],
  [
    'GitHub REST error body',
    `{
  "message": "Bad credentials",
  "documentation_url": "https://docs.github.com/rest",
  "status": "401"
}`,
  ],
  [
    'PyGithub BadCredentialsException',
    'github.GithubException.BadCredentialsException: 401 {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}',
  ],
  ['gh CLI', 'gh: Bad credentials (HTTP 401)'],
  // ---- OpenAI / Anthropic
  [
    'OpenAI Python AuthenticationError',
    "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-****abcd.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}",
  ],
  [
    'OpenAI Python RateLimitError',
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
  ],
  ['OpenAI Python APIConnectionError', 'openai.APIConnectionError: Connection error.'],
  [
    'OpenAI Node rate limit',
    'Error: 429 Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.',
  ],
  [
    'OpenAI error body',
    `{
  "error": {
    "message": "Incorrect API key provided: sk-****.",
    "type": "invalid_request_error",
    "param": null,
    "code": "invalid_api_key"
  }
}`,
  ],
  [
    'Anthropic Python AuthenticationError',
    "anthropic.AuthenticationError: Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}}",
  ],
  [
    'Anthropic Python RateLimitError',
    "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'Number of request tokens has exceeded your per-minute rate limit'}}",
  ],
  [
    'Anthropic TypeScript AuthenticationError',
    'AuthenticationError: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011abc"}',
  ],
  ['Anthropic error body', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'],
  // ---- Docker and registries
  [
    'Docker login against Docker Hub',
    'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
  ],
  ['registry push without login', 'unauthorized: authentication required'],
  ['registry push denied', 'denied: requested access to the resource is denied'],
  [
    'Docker pull denied',
    "Error response from daemon: pull access denied for acme/meter, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  ],
  ['Docker login non-interactive', 'Error: Cannot perform an interactive login from a non TTY device'],
  // ---- Kubernetes
  ['kubectl unauthorized', 'error: You must be logged in to the server (Unauthorized)'],
  [
    'kubectl RBAC forbidden',
    'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:billing:meter" cannot list resource "pods" in API group "" in the namespace "billing"',
  ],
  ['kubectl not found', 'Error from server (NotFound): deployments.apps "meter" not found'],
  [
    'klog error line',
    "E1207 14:02:11.123456   4121 memcache.go:265] couldn't get current server API group list: the server has asked for the client to provide credentials",
  ],
  ['kubectl exec plugin', 'error: exec plugin: invalid apiVersion "client.authentication.k8s.io/v1alpha1"'],
  [
    'Python kubernetes client ApiException',
    `kubernetes.client.exceptions.ApiException: (403)
Reason: Forbidden
HTTP response headers: HTTPHeaderDict({'Audit-Id': '2f1c', 'Content-Type': 'application/json'})
HTTP response body: {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"secrets is forbidden","reason":"Forbidden","code":403}`,
  ],
  // ---- PostgreSQL
  [
    'psql',
    'psql: error: connection to server at "db.internal" (10.0.3.12), port 5432 failed: FATAL:  password authentication failed for user "meter"',
  ],
  [
    'psycopg2',
    'psycopg2.OperationalError: connection to server at "db.internal" (10.0.3.12), port 5432 failed: FATAL:  password authentication failed for user "meter"',
  ],
  [
    'node-postgres',
    `error: password authentication failed for user "meter"
    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:283:98)`,
  ],
  ['PostgreSQL message alone', 'FATAL:  password authentication failed for user "meter"'],
  [
    'PostgreSQL server log',
    '2026-12-07 14:02:11.123 UTC [4121] FATAL:  no pg_hba.conf entry for host "10.0.3.4", user "meter", database "billing", SSL off',
  ],
  ['PostgreSQL permission', 'ERROR:  permission denied for table usage_records'],
  [
    'JDBC PSQLException as a cause',
    'Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "meter"',
  ],
  ['Postgrex', '** (Postgrex.Error) FATAL 28P01 (invalid_password) password authentication failed for user "meter"'],
  // ---- MySQL
  ['mysql client', "ERROR 1045 (28000): Access denied for user 'meter'@'10.0.3.4' (using password: YES)"],
  [
    'mysql client, table privilege',
    "ERROR 1142 (42000): SELECT command denied to user 'meter'@'localhost' for table 'usage'",
  ],
  [
    'mysql2 for Node',
    `Error: Access denied for user 'meter'@'10.0.3.4' (using password: YES)
    at Packet.asError (/app/node_modules/mysql2/lib/packets/packet.js:728:17) {
  code: 'ER_ACCESS_DENIED_ERROR',
  errno: 1045,
  sqlState: '28000',
  sqlMessage: "Access denied for user 'meter'@'10.0.3.4' (using password: YES)"
}`,
  ],
  [
    'PyMySQL',
    "pymysql.err.OperationalError: (1045, \"Access denied for user 'meter'@'10.0.3.4' (using password: YES)\")",
  ],
  [
    'SQLAlchemy over PyMySQL',
    "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (1045, \"Access denied for user 'meter'@'localhost' (using password: YES)\")",
  ],
  ['JDBC', "java.sql.SQLException: Access denied for user 'meter'@'10.0.3.4' (using password: YES)"],
  ['MySQL Connector/J', 'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure'],
  // ---- MongoDB, Redis, Kafka
  ['MongoDB Node driver', 'MongoServerError: bad auth : Authentication failed.'],
  [
    'PyMongo',
    "pymongo.errors.OperationFailure: bad auth : Authentication failed., full error: {'ok': 0, 'errmsg': 'bad auth : Authentication failed.', 'code': 8000, 'codeName': 'AtlasError'}",
  ],
  ['redis-cli NOAUTH', '(error) NOAUTH Authentication required.'],
  ['redis-cli WRONGPASS', '(error) WRONGPASS invalid username-password pair or user is disabled.'],
  ['node-redis ReplyError', 'ReplyError: NOAUTH Authentication required.'],
  [
    'ioredis unhandled error event',
    '[ioredis] Unhandled error event: ReplyError: WRONGPASS invalid username-password pair or user is disabled.',
  ],
  ['redis-py', 'redis.exceptions.AuthenticationError: invalid username-password pair or user is disabled.'],
  ['Redis error printed by Node', 'Error: WRONGPASS invalid username-password pair or user is disabled.'],
  [
    'Kafka Java client',
    'org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
  ],
  ['KafkaJS', 'KafkaJSSASLAuthenticationError: SASL PLAIN authentication failed: Authentication failed'],
  // ---- HTTP clients
  [
    'Python requests raise_for_status',
    'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.example.org/v1/usage',
  ],
  ['Axios', 'AxiosError: Request failed with status code 401'],
  ['Axios through String(err)', 'Error: Request failed with status code 403'],
  [
    'Spring RestTemplate 401',
    'org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body]',
  ],
  [
    'Spring RestTemplate 500',
    'org.springframework.web.client.HttpServerErrorException$InternalServerError: 500 Internal Server Error: "{"error":"boom"}"',
  ],
  ['java.net.http', 'java.net.http.HttpTimeoutException: request timed out'],
  // ---- Elixir / Erlang, Rust, Kotlin, Scala
  [
    'Elixir exit',
    `** (exit) exited in: GenServer.call(Meter.Worker, :flush, 5000)
    ** (EXIT) time out`,
  ],
  ['Elixir error tuple', '{:error, :unauthorized}'],
  ['Elixir error tuple with a struct', '{:error, %Mint.TransportError{reason: :econnrefused}}'],
  [
    'Elixir Logger then the exception',
    `17:02:11.123 [error] GenServer Meter.Worker terminating
** (RuntimeError) upload failed`,
  ],
  [
    'anyhow chain',
    `Error: failed to post usage summary

Caused by:
    0: slack request failed
    1: HTTP status client error (401 Unauthorized) for url (https://slack.com/api/chat.postMessage)`,
  ],
  [
    'reqwest error returned from main',
    'Error: reqwest::Error { kind: Status(401), url: Url { scheme: "https", host: Some(Domain("api.example.org")), path: "/v1/usage" } }',
  ],
  ['std::io::Error returned from main', 'Error: Custom { kind: PermissionDenied, error: "token rejected" }'],
  [
    'Rust panic on unwrap',
    `thread 'main' panicked at src/main.rs:12:5:
called \`Result::unwrap()\` on an \`Err\` value: reqwest::Error { kind: Status(401) }`,
  ],
  [
    'Kotlin coroutine timeout',
    'Exception in thread "main" kotlinx.coroutines.TimeoutCancellationException: Timed out waiting for 5000 ms',
  ],
  ['Scala MatchError', 'scala.MatchError: Some(42) (of class scala.Some)'],
  // ---- loggers
  [
    'pino at level 50',
    '{"level":50,"time":1765116131000,"pid":7,"hostname":"meter-1","err":{"type":"Error","message":"An API error occurred: invalid_auth"},"msg":"slack post failed"}',
  ],
  [
    'bunyan at level 50',
    '{"name":"meter","hostname":"meter-1","pid":7,"level":50,"msg":"flush failed","time":"2026-12-07T14:02:11.000Z","v":0}',
  ],
  [
    'winston JSON',
    '{"level":"error","message":"slack post failed: invalid_auth","timestamp":"2026-12-07T14:02:11.000Z"}',
  ],
  [
    'ECS JSON log',
    '{"@timestamp":"2026-12-07T14:02:11.000Z","log.level":"error","message":"flush failed","error.message":"401 Unauthorized"}',
  ],
  ['logrus text', 'time="2026-12-07T14:02:11Z" level=error msg="slack post failed" error="invalid_auth"'],
  [
    'go-kit logfmt',
    'ts=2026-12-07T14:02:11Z level=error caller=notify.go:41 msg="post failed" err="unexpected status 401"',
  ],
  [
    'slog text handler',
    'time=2026-12-07T14:02:11.000Z level=ERROR msg="meter flush failed" error="unexpected status 401"',
  ],
  [
    'zap console, lowercase level',
    '2026-12-07T14:02:11.123Z\terror\tnotify/post.go:41\tpost failed\t{"error": "invalid_auth"}',
  ],
  ['log4j pattern', '2026-12-07 14:02:11,123 ERROR [main] c.a.m.Notify - post failed: 401 Unauthorized'],
  ['logback default pattern', '14:02:11.123 [main] ERROR c.a.m.Notify - post failed: 401 Unauthorized'],
  ['Python logging default format', '2026-12-07 14:02:11,123 - meter.notify - ERROR - post failed: invalid_auth'],
  ['syslog line', 'Dec  7 14:02:11 meter-1 meterd[4121]: error: slack post failed: invalid_auth'],
  [
    'syslog line with a Go panic',
    'Dec  7 14:02:11 meter-1 meterd[4121]: panic: runtime error: invalid memory address or nil pointer dereference',
  ],
  // ---- more clients and tools
  ['httpx', "httpx.HTTPStatusError: Client error '401 Unauthorized' for url 'https://api.example.org/v1/usage'"],
  [
    'aiohttp',
    "aiohttp.client_exceptions.ClientResponseError: 401, message='Unauthorized', url=URL('https://api.example.org/v1/usage')",
  ],
  [
    '.NET HttpClient',
    'System.Net.Http.HttpRequestException: Response status code does not indicate success: 401 (Unauthorized).',
  ],
  ['Faraday', 'Faraday::UnauthorizedError: the server responded with status 401'],
  [
    'Octokit for Ruby',
    'Octokit::Unauthorized: GET https://api.github.com/user: 401 - Bad credentials // See: https://docs.github.com/rest',
  ],
  ['go-github', 'GET https://api.github.com/repos/acme/meter: 401 Bad credentials []'],
  ['Terraform GitHub provider', 'Error: GET https://api.github.com/user: 401 Bad credentials []'],
  [
    'Helm',
    'Error: INSTALLATION FAILED: Kubernetes cluster unreachable: the server has asked for the client to provide credentials',
  ],
  [
    'npm 9',
    `npm ERR! code E401
npm ERR! 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fmeter - authentication token not provided`,
  ],
  ['npm 10', 'npm error code E401\nnpm error Unable to authenticate, your authentication token seems to be invalid.'],
  ['pip', 'ERROR: HTTP error 401 while getting https://pypi.example.org/simple/meter/'],
  [
    'git over HTTPS',
    "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/acme/meter.git/'",
  ],
  ['git over SSH', 'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.'],
  [
    'PHP uncaught Guzzle exception',
    'PHP Fatal error:  Uncaught GuzzleHttp\\Exception\\ClientException: Client error: `POST https://slack.com/api/chat.postMessage` resulted in a `401 Unauthorized` response',
  ],
  [
    'google-auth RefreshError',
    "google.auth.exceptions.RefreshError: ('invalid_grant: Bad Request', {'error': 'invalid_grant', 'error_description': 'Bad Request'})",
  ],
  [
    'Java URLConnection',
    'java.io.IOException: Server returned HTTP response code: 401 for URL: https://api.example.org/v1/usage',
  ],
  ['.NET Slack client', 'Unhandled exception. Slack.NetStandard.SlackApiException: invalid_auth'],
  [
    'Anthropic NotFoundError in a traceback',
    `Traceback (most recent call last):
  File "/srv/bot/ai.py", line 9, in <module>
    r = client.messages.create(model="claude-x", max_tokens=10, messages=m)
anthropic.NotFoundError: Error code: 404 - {'type': 'error', 'error': {'type': 'not_found_error', 'message': 'model: claude-x'}}`,
  ],
  ['lib/pq', 'pq: password authentication failed for user "meter"'],
  [
    'pgx',
    'failed to connect to `host=db.internal user=meter database=billing`: failed SASL auth (FATAL: password authentication failed for user "meter" (SQLSTATE 28P01))',
  ],
  ['go-sql-driver/mysql', "Error 1045 (28000): Access denied for user 'meter'@'10.0.3.4' (using password: YES)"],
  ['go-sql-driver/mysql logger', '[mysql] 2026/12/07 14:02:11 packets.go:37: unexpected EOF'],
  ['logrus terminal layout', 'ERRO[0003] push failed: unauthorized: incorrect username or password'],
  [
    'BuildKit',
    'Error: failed to solve: failed to fetch oauth token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Aacme%2Fmeter%3Apull: 401 Unauthorized',
  ],
  [
    'kubelet event',
    '  Warning  Failed     12s   kubelet  Failed to pull image "acme/meter:1.4": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/acme/meter:1.4": pull access denied, repository does not exist or may require authorization',
  ],
];

/**
 * Layouts of runtimes and other clouds that carry no exception class: glibc's and MSVC's failed
 * assertion, Microsoft Entra ID's AADSTS codes (token endpoint body, MSAL), the last line of a Python
 * traceback whose exception is not named ...Error, nginx's error log and protobuf's C++ log (as
 * Google's ESP prints them), and google-auth's metadata-server failure (`_metadata.py`, Go's metadata package).
 */
const runtimeAndOtherCloudLayouts: Array<[string, string]> = [
  // Ruby's NoMethodError message quoted on its own (error.rb's format before and since Ruby 3.4)
  [
    'Ruby NoMethodError message, before 3.4',
    "undefined method `expired?' for #<Aws::STS::Types::AssumeRoleResponse:0x000055d5c1a2b3c4>",
  ],
  ['Ruby NoMethodError message, 3.4', "undefined method 'refresh!' for an instance of Aws::STS::Types::Credentials"],
  // Pulumi's progress display: the resource's type token and name before its diagnostic
  [
    'Pulumi provider configuration diagnostic',
    "    pulumi:providers:aws default_6_70_0  error: pulumi:providers:aws resource 'default_6_70_0' has a problem: `aws:profle` is not a valid configuration key for the aws provider.",
  ],
  ['Pulumi resource diagnostic', '    aws:s3:BucketV2 usage-exports  error: 1 error occurred:'],
  [
    'glibc assert() with the program name',
    "meterd: /src/aws-sdk-cpp/src/aws-cpp-sdk-core/source/auth/AWSCredentialsProviderChain.cpp:58: void Init(): Assertion `m_providers.size() > 0' failed.\nAborted (core dumped)",
  ],
  ['glibc assert() without it', "exporter.cpp:214: int flush(Buffer&): Assertion `buf.size() <= kMax' failed."],
  ['MSVC assert()', 'Assertion failed: client != nullptr, file C:\\src\\meter\\upload.cpp, line 88'],
  [
    'Entra ID token endpoint error body',
    '{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app \'4f1c2d3e-0000-4a5b-9c8d-1e2f3a4b5c6d\' are expired. Trace ID: 0a1b2c3d-1111-2222-3333-444455556666 Correlation ID: 9f8e7d6c-5555-6666-7777-888899990000 Timestamp: 2026-12-07 10:02:11Z","error_codes":[7000222]}',
  ],
  [
    'Entra ID message as MSAL relays it',
    'AADSTS50034: The user account alice@contoso.example does not exist in the contoso.example directory. Trace ID: 1f2e3d4c-aaaa-bbbb-cccc-ddddeeeeffff Correlation ID: 0d9c8b7a-aaaa-bbbb-cccc-ddddeeeeffff Timestamp: 2026-12-07 10:02:11Z',
  ],
  [
    'Python traceback ending in an exception not named ...Error',
    `Traceback (most recent call last):
  File "/srv/venv/lib/python3.12/site-packages/celery/app/trace.py", line 453, in trace_task
    R = retval = fun(*args, **kwargs)
  File "/srv/app/tasks.py", line 31, in export_usage
    time.sleep(600)
SoftTimeLimitExceeded: SoftTimeLimitExceeded()`,
  ],
  [
    'Python traceback ending in a frame head, then the exception',
    `Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
TimeLimitExceeded: 300`,
  ],
  [
    'nginx error log',
    '2026/12/07 10:02:11 [error] 31#31: *4 open() "/usr/share/nginx/html/meter.json" failed (2: No such file or directory), client: 10.0.3.4, server: localhost',
  ],
  [
    'nginx-based proxy without the space after the time',
    '2026/12/07 10:02:11[error]9#9: Failed to fetch service config, status: 403, body: permission for service config denied',
  ],
  [
    'protobuf C++ log at error level',
    "[libprotobuf ERROR google/protobuf/wire_format_lite.cc:577] String field 'meter.Record.name' contains invalid UTF-8 data when parsing a protocol buffer.",
  ],
  [
    'google-auth metadata server retries, Python logging',
    'WARNING:google.auth.compute_engine._metadata:Compute Engine Metadata server unavailable on attempt 1 of 3. Reason: timed out',
  ],
  [
    'google-auth metadata fetch failure',
    'Failed to retrieve http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/?recursive=true from the Google Compute Engine metadata service. Status: 404 Response:',
  ],
  ['Go metadata package', 'metadata: GCE metadata "instance/service-accounts/default/token" not defined'],
];

describe('runtime and other-cloud layouts with no exception class are errors too', () => {
  it.each(runtimeAndOtherCloudLayouts)('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
  });

  it.each([
    'the AADSTS7000215 thing means the client secret expired, right?',
    'we hit an assertion failure in the C++ exporter yesterday, fixed in 1.4',
    'nginx logged a few [error] lines during the deploy but nothing since',
    'is the GCE metadata server reachable from Cloud Run at all?',
    "the rake task says undefined method `expired?' for the STS response, I'm on it",
    'pulumi preview shows an error on the aws provider config, is aws:profile the right key?',
    'SoftTimeLimitExceeded is Celery telling us the task ran too long',
  ])('talk about them stays chat: %s', (sentence) => {
    const d = diagnosisOf(sentence);
    expect(d.isError).toBe(false);
    expect(d.findings.filter((f) => (f.evidence ?? 0) >= 0.6)).toEqual([]);
  });
});

describe('errors of the tools beside AWS are errors the catalog does not claim', () => {
  it.each(unknownErrors)('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
  });
});

describe('with an AWS host around them they are still not AWS errors', () => {
  it.each([
    [
      'MySQL denial for an RDS endpoint is no AWS access denial',
      `ERROR 1045 (28000): Access denied for user 'admin'@'10.0.3.4' (using password: YES)
mysql -h billing.c9akciq32.us-east-1.rds.amazonaws.com -u admin -p`,
    ],
    [
      'PostgreSQL password failure against RDS',
      'psql: error: connection to server at "billing.c9akciq32.us-east-1.rds.amazonaws.com" (10.0.3.12), port 5432 failed: FATAL:  password authentication failed for user "meter"',
    ],
    [
      'Docker login to ECR without a token',
      'Error response from daemon: Get "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/": no basic auth credentials',
    ],
  ])('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)).toEqual([]);
    // AWS is named, so a channel may take the unknown error up for the AI.
    expect(d.unmatched.some((u) => u.awsContext)).toBe(true);
  });
});

describe('another API’s lowercase or MySQL error code is not an AWS error layout', () => {
  it.each([
    [
      'OpenAI error body',
      '{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
    ],
    [
      '@slack/web-api error object',
      "{\n  code: 'slack_webapi_platform_error',\n  data: { ok: false, error: 'not_in_channel' }\n}",
    ],
    [
      'mysql2 error object',
      "Error: Access denied for user 'meter'@'10.0.3.4' (using password: YES)\n    at Packet.asError (/app/node_modules/mysql2/lib/packets/packet.js:728:17) {\n  code: 'ER_ACCESS_DENIED_ERROR',\n  errno: 1045\n}",
    ],
  ])('%s: unknown, with no AWS context for a channel to act on', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
    expect(d.unmatched.some((u) => u.awsContext)).toBe(false);
  });
});

describe('talk about those errors stays chat', () => {
  it.each([
    'Did anyone else get invalid_auth from Slack this morning?',
    'the mysql "Access denied for user" thing is fixed, it was the password rotation',
    'kubectl said Unauthorized again, I re-ran update-kubeconfig and it works now',
    'Octokit keeps throwing Bad credentials when the token expires, we should rotate it weekly',
    "We saw a few NOAUTH errors from redis after the restart but they're gone now.",
    'FYI docker push gives "denied: requested access to the resource is denied" if you forget docker login',
    'postgres password authentication failed for the meter user yesterday, fixed now',
    'the openai key hit a 429 again, can we raise the quota?',
    "I keep seeing level=error in the logs but I'm not sure why",
    'Slack returns {"ok": false} when the token is wrong, right?',
    'Is ERROR 1045 the one where the password is wrong?',
    'what does (error) NOAUTH mean in redis?',
    'kubectl: it says Error from server but nothing else, weird',
    'Our pino logs use level 50 for errors',
    'the bot replied with An API error occurred a couple of times',
    'Does anyone know why docker says pull access denied?',
  ])('%s', (sentence) => {
    const d = diagnosisOf(sentence);
    expect(d.isError).toBe(false);
    expect(d.findings.filter((f) => (f.evidence ?? 0) >= 0.6)).toEqual([]);
  });
});

describe('the AWS error keeps its entry when one of these layouts carries it', () => {
  it.each([
    [
      'access-denied for metering in a logfmt line',
      'time="2026-12-07T14:02:11Z" level=error msg="meter failed" error="operation error Marketplace Metering: MeterUsage, https response error StatusCode: 400, RequestID: 4f1c, api error AccessDeniedException: User: arn:aws:iam::123456789012:user/meter is not authorized to perform: aws-marketplace:MeterUsage"',
      'metering-access-denied',
    ],
    [
      'no credentials in a syslog line',
      'Dec  7 14:02:11 meter-1 meterd[4121]: botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      'credentials-not-found',
    ],
    [
      'the AWS SDK for PHP uncaught, keeping its AWS name',
      'PHP Fatal error:  Uncaught Aws\\Exception\\CredentialsException: Cannot read credentials from /root/.aws/credentials',
      'credentials-not-found',
    ],
  ])('%s', (_what, text, entry) => {
    expect(diagnosisOf(text).findings[0]?.entry.id).toBe(entry);
  });
});

describe("PHP's undefined-constant notice names what is missing, not an error that happened", () => {
  it.each([
    // PHP 5 to 7.1 Notice / 7.2 to 7.4 Warning ("Use of undefined constant X - assumed 'X'"), PHP 8's
    // Error ("Undefined constant \"X\""): curl's constants are undefined when the curl extension is not
    // installed, so the SDK's reference to them fails before any request
    [
      'PHP 7 notice with its head',
      "PHP Notice:  Use of undefined constant CURLE_COULDNT_RESOLVE_HOST - assumed 'CURLE_COULDNT_RESOLVE_HOST' in /var/www/vendor/aws/aws-sdk-php/src/Aws/S3/S3Client.php on line 188",
    ],
    [
      'PHP 7.2 warning, head cut off',
      "Use of undefined constant CURLE_OPERATION_TIMEOUTED - assumed 'CURLE_OPERATION_TIMEOUTED'\nFile: /var/www/vendor/aws/aws-sdk-php/src/Aws/Common/Client/AbstractClient.php\nLine: 97",
    ],
    [
      'PHP 8 uncaught Error',
      'PHP Fatal error:  Uncaught Error: Undefined constant "CURLE_COULDNT_CONNECT" in /var/www/vendor/aws/aws-sdk-php/src/Aws/Common/Client/AbstractClient.php:97',
    ],
  ])('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.filter((f) => f.entry.area === 'network')).toEqual([]);
  });

  it('a curl number the SDK did report is still the network failure', () => {
    const d = diagnosisOf(
      'Aws\\S3\\Exception\\S3Exception: Error executing "PutObject" on "https://usage-exports.s3.amazonaws.com/usage.csv"; AWS HTTP error: cURL error 6: Could not resolve host: usage-exports.s3.amazonaws.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
    );
    expect(d.findings[0]?.entry.id).toBe('network-endpoint-unreachable');
  });
});

describe("Kafka Connect's REST error body and restic's closing line are errors the catalog does not know", () => {
  // Kafka Connect's ErrorMessage (connect-runtime rest/entities): {"error_code": <status>, "message": …}
  // restic's cmd/restic main: a failed command ends with "Fatal: <error>"
  const valid: Array<[string, string]> = [
    [
      'Kafka Connect REST: a rebalance in progress',
      '{"error_code":409,"message":"Cannot complete request because of a conflicting operation (e.g. worker rebalance)"}',
    ],
    [
      'Kafka Connect REST: unknown connector, pretty-printed by curl | jq',
      '{\n  "error_code": 404,\n  "message": "Connector s3-usage-sink not found"\n}',
    ],
    ['restic: the closing line of a failed backup', 'Fatal: unable to save snapshot: context canceled'],
    ['restic: check found damage', 'load indexes\ncheck all packs\nFatal: repository contains errors'],
  ];
  it.each(valid)('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
  });

  const invalid: Array<[string, string]> = [
    ['a person naming the word "Fatal" inside a sentence', 'The fix was fatal: nothing else ran after it'],
    ['a JSON success body with a 200 error_code field name', '{"error_code":0,"message":"ok"}'],
  ];
  it.each(invalid)('%s stays silent', (_what, text) => {
    expect(diagnosisOf(text).isError).toBe(false);
  });
});

describe("consola's fancy reporter (unjs) without colours: badge, two spaces, message, time at the right", () => {
  // consola reporters/fancy.ts formatType: the badge is ` ${type.toUpperCase()} ` on a coloured
  // background; the line is badge + " " + message, the date padded to the terminal's right edge
  const valid: Array<[string, string]> = [
    [
      'Nuxt dev server failing to load its config',
      ' ERROR  Cannot find module @nuxt/kit imported from /srv/site/nuxt.config.ts                 10:04:51 AM\n\n    at new NodeError (node:internal/errors:405:5)',
    ],
    [
      'a fatal badge with a 24-hour time',
      ' FATAL  Port 3000 is already in use                                          14:22:07',
    ],
    [
      'a badge with no time (narrow terminal)',
      'ERROR  [worker reload] ENOSPC: System limit for number of file watchers reached',
    ],
  ];
  it.each(valid)('%s', (_what, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
  });

  it('an upper-case word starting a sentence with one space is prose, not a badge', () => {
    expect(diagnosisOf('ERROR handling in the uploader could be better, I think').isError).toBe(false);
  });
});
