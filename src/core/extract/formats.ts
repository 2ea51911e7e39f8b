/**
 * Recognisers for the ways an AWS error reaches a person: each knows one SDK's or tool's wording
 * and reads the error code, operation and what else that wording carries from a single line.
 * All patterns are anchored on literal text and use no nested quantifiers, so each runs in time
 * linear in the (capped) line length.
 */

export interface LineSignal {
  /** Error code as named by the format (namespace and `:http://…` suffix removed). */
  code?: string;
  operation?: string;
  /** The SDK's service name (`Marketplace Metering`, `AWSSecurityTokenService`, `marketplacemetering`). */
  serviceName?: string;
  httpStatus?: number;
  requestId?: string;
  message?: string;
  retries?: number;
  /** Which recogniser fired; `format` anchors are strong evidence that this is an error. */
  format: string;
  /**
   * What the error calls itself when it is not an AWS error code: a Go panic, a Java or Python
   * exception class outside AWS. Names an error the catalog cannot know, for the AI and for the list of unknown errors.
   */
  name?: string;
  /**
   * The layout says a connection or stream to an address could not be opened, without a code or
   * wording that says how (PHP's `failed to open stream` with its reason cut off): a transport
   * failure on whatever address the line names.
   */
  transport?: boolean;
}

/** Strips `namespace#` prefixes and `:http://…` suffixes from wire error codes. */
export function sanitizeCode(raw: string): string {
  let code = raw.trim();
  const hash = code.lastIndexOf('#');
  if (hash >= 0) code = code.slice(hash + 1);
  const colon = code.indexOf(':');
  if (colon >= 0) code = code.slice(0, colon);
  return code;
}

// The "An error occurred" head is sometimes cut off by the tool that relays the message.
const BOTOCORE =
  /(?:An error occurred )?\(([A-Za-z0-9_.#:]{1,200})\) when calling the ([A-Za-z0-9]{1,100}) operation(?: \(reached max retries: (\d{1,4})\))?: ?(.*)$/;
const GO_V2_OPERATION = /operation error ([A-Za-z0-9 ]{1,60}): ([A-Za-z0-9]{1,100}),/g;
const GO_V2_RESPONSE =
  // S3 adds its extended request ID (HostID) before the code.
  /https response error StatusCode: (\d{3}), RequestID: ([A-Za-z0-9-]*), (?:HostID: [^,\s]*, )?(?:api error )?([A-Za-z][A-Za-z0-9_.]{1,100}): ?(.*)$/;
const GO_V1_STATUS = /^\s*status code: (\d{3}), request id: ([A-Za-z0-9-]+)/;
const JAVA_V1_TAIL =
  /\(Service: ([A-Za-z0-9 ]{1,80}); Status Code: (\d{3}); Error Code: ([A-Za-z0-9_.]{1,100}); Request ID: ([A-Za-z0-9-]*)/;
const JAVA_V1_OLD =
  /Status Code: (\d{3}), AWS Service: ([A-Za-z0-9]{1,80}), AWS Request ID: ([A-Za-z0-9-]*), AWS Error Code: ([A-Za-z0-9_.]{1,100})/;
const JAVA_V2_TAIL = /\(Service: ([A-Za-z0-9 ]{1,80}), Status Code: (\d{3}), Request ID: ([A-Za-z0-9-]*)/;
const JAVA_CLASS =
  /(?:software\.amazon\.awssdk\.services|com\.amazonaws\.services)\.([a-z0-9]{1,60})\.model\.([A-Za-z0-9]{1,100}): ?(.*)$/;
// AmazonClientException is the Java SDK v1's older name for the same client-side failure.
const JAVA_SDK_CLIENT =
  /(?:software\.amazon\.awssdk\.core\.exception|com\.amazonaws)\.(SdkClientException|AmazonClientException): ?(.*)$/;
const UNRESOLVED_HOST_MESSAGE = /^Unable to execute HTTP request: [a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}\s*$/;
const PHP = /Error executing "([A-Za-z0-9]{1,100})" on "([^"]{1,500})"; AWS HTTP error: (.*)$/;
/** Guzzle's summary of the response it got: ``resulted in a `403 Forbidden` response``. */
const GUZZLE_RESPONSE_STATUS = /\bresulted in a `([1-5]\d\d) /;
const PHP_CODE = /\b([A-Z][A-Za-z0-9]{2,100}) \((client|server)\): (.*)$/;
/**
 * Guzzle's summary of a query or REST-XML error body (`resulted in a `403 Forbidden` response: <ErrorResponse>
 * <Error><Type>Sender</Type><Code>…`) as a web page shows it: the renderer took the tags for HTML and dropped
 * them, so type, code and message run together ("SenderAccessDeniedUser: arn:…", "SenderThrottlingRate
 * exceeded"), sometimes after a first fragment of the body. The code is the run of capitalised words between
 * the type and the message's first word.
 */
const GUZZLE_UNTAGGED_XML =
  /\bresponse:\s*(?:\S{1,40}\s+)?(?:Sender|Receiver)((?:[A-Z][a-z0-9]+){1,12}?)([A-Z][a-z]{0,30}[: ].*)$/;
const JSON_TYPE = /"__type"\s*:\s*"([^"]{1,300})"/;
const JS_TYPE = /\b__type: '([^']{1,300})'/;
const JSON_CODE = /"(?:Code|code)"\s*:\s*"([A-Za-z][A-Za-z0-9_.]{1,100})"/;
const JS_V2_CODE = /\bcode: '([A-Za-z][A-Za-z0-9_.]{1,100})'/;
const XML_CODE = /<Code>([A-Za-z][A-Za-z0-9_.]{1,100})<\/Code>/;
const RECORD_STATUS = /["']?Status["']?\s*[:=]\s*["']?(CustomerNotSubscribed|DuplicateRecord)\b/;
/** `SomeException: message` at the head of a line: JS v3 stacks, Go v1, Python tracebacks. */
const NAME_COLON =
  /^\s*(?:Uncaught |Caused by: )?(?:[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.)?([A-Z][A-Za-z0-9]{2,100}(?:\$[A-Z][A-Za-z0-9]{1,100})?)(?: \[[A-Za-z0-9_]{2,100}\])?: (.*)$/;
const CLI_PREFIX = /^\s*aws: \[ERROR\]: ?/;
/** Terraform draws a frame down the left of its diagnostics (`│ Error: …`, `│ \tstatus code: …`). */
const TERRAFORM_FRAME = /^\s*│ ?/;
/** A paste wrapped in Markdown code quotes: the opening backticks are not part of the error. */
const CODE_QUOTE_OPEN = /^\s*`{1,3}(?=[A-Za-z_{<"[])/;
/** A whole line in double quotes around `Name: message` (a tool's error retyped as a quote): the quote is not part of the error. */
const QUOTED_LINE_OPEN = /^\s*"(?=[A-Z][A-Za-z0-9.]{1,100}: [^\n]*"\s*$)/;
/**
 * A syslog line's head (`Dec  7 14:02:11 host prog[123]: `, RFC 3164 as journald and rsyslog write it):
 * the program's own line follows, in whatever layout the program prints.
 */
const SYSLOG_PREFIX =
  /^(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} [A-Za-z0-9._-]{1,100} [A-Za-z0-9._/-]{1,100}(?:\[\d{1,10}\])?: /;
/** ioredis and other event emitters logging an `error` event nobody listens to: `[ioredis] Unhandled error event: `. */
const UNHANDLED_EVENT_PREFIX = /^\s*(?:\[[a-z][a-z0-9-]{1,30}\] )?Unhandled error event: /;
/** Go's `log` package prefix (`log.Fatal`, `log.Printf`): `2026/12/07 09:03:55 `, with or without microseconds. */
const GO_LOG_PREFIX = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? /;
/** Java's uncaught-exception head, in front of the exception's qualified name. */
const JAVA_THREAD = /^\s*Exception in thread "[^"]{0,200}" /;
/** A job's or test runner's status tag before the error it failed with (`[FAILED]: System.IO.IOException: …`). */
const FAILED_TAG = /^\s*\[(?:FAILED|FAIL|FAILURE)\]:? /i;
/**
 * A Python traceback's last two lines joined onto one (an issue title, a log that folds lines): the
 * source line of the frame that raised (`raise PartialCredentialsError(`, `raise NoCredentialsError()`)
 * before the exception line it printed. The source line is not part of the error; the qualified class
 * after it is, with or without its message.
 */
export const PYTHON_RAISE_SOURCE =
  /^\s*raise [A-Za-z_][A-Za-z0-9_.]{0,100}(?:\([^\n]{0,300}?)?\s+(?=(?:[a-z_][a-z0-9_]{0,60}\.){1,8}[A-Z][A-Za-z0-9]{2,100}(?::|\s*$))/;
/** A qualified exception class alone on its line (`java.lang.NullPointerException`, then stack frames). */
const QUALIFIED_ALONE = /^\s*(?:[a-z][a-z0-9_]*\.){1,8}([A-Z][A-Za-z0-9]{2,100}(?:Exception|Error))\s*$/;
/** Go and Rust crashes: `panic: ...`, `fatal error: ...`, `thread 'main' panicked at ...`. */
const PANIC = /^\s*(?:panic: |fatal error: |thread '[^']{1,100}' panicked at )(.+)$/;
/**
 * Node's warning for a promise rejected with nothing to catch it (Node 15+ crash instead), alone on its line when
 * the rejected value is an object printed on the lines below: `(node:1) UnhandledPromiseRejectionWarning:`.
 */
const UNHANDLED_REJECTION = /^\s*(?:\(node:\d{1,10}\) )?UnhandledPromiseRejectionWarning:\s*(.*)$/;
/** A Go runtime error relayed as a string by a framework (AWS Lambda's Go runtime). */
const RUNTIME_ERROR = /\bruntime error: ([a-z].*)$/;
/** An exception named after a log level: `2026-11-23T04:12:55Z ERROR worker FooException: ...`. */
const LOG_LEVEL_EXCEPTION =
  /\b(?:ERROR|FATAL|CRITICAL|SEVERE|ERRO|FATA)\b.{0,200}?[\s=:"'([]((?:[a-z][a-z0-9_]*\.){0,8}[A-Z][A-Za-z0-9]{2,100}(?:Exception|Error|Fault)): (.*)$/;
const MESSAGE_JSON = /"(?:message|Message|errorMessage)"\s*:\s*"((?:[^"\\]|\\.){1,2000})"/;
/**
 * An exception named with a capitalised namespace: .NET (`System.Text.Json.JsonException: …`, also after
 * ` ---> ` for an inner exception) or Ruby (`ActiveResource::ResourceNotFound: …`), possibly quoted.
 */
const QUALIFIED_CAPITAL =
  /^\s*(?:[`'"]|-{2,3}> |Unhandled [Ee]xception(?:\. |: ))?((?:[A-Z][A-Za-z0-9]*(?:\.|::)){1,8})([A-Z][A-Za-z0-9]{2,100}): (.*)$/;
/**
 * A Python exception whose module path holds a capitalised module (`github.GithubException.BadCredentialsException: …`).
 */
const MIXED_MODULE_EXCEPTION =
  /^\s*((?:[a-z_][a-z0-9_]*\.){1,8}(?:[A-Z][A-Za-z0-9_]*\.){1,3})([A-Z][A-Za-z0-9]{2,100}(?:Exception|Error)): (.*)$/;
/** Node's old inspect output of an error inside a logged object: `Error sending message { Error: …`. */
const INSPECTED_ERROR = /[{[] \[?((?:[A-Z][A-Za-z0-9]{0,100})?(?:Error|Exception)): (.*)$/;
/** A log line at error level: `ERROR: (Code) message` (Azure CLI), `ERROR:logger:message` (Python logging). */
/**
 * A bracketed level, two spaces and the logger's name, as @slack/logger's ConsoleLogger (Bolt, web-api,
 * socket-mode) prints it. Lambda's Python runtime (`[ERROR]\t<time>\t…`) is not this layout: its line heads
 * the traceback that follows.
 */
const BRACKET_LEVEL = /^\s*\[(?:ERROR|FATAL)\] {2}([a-z][A-Za-z0-9:._-]{0,100} \S.{2,})$/;
/**
 * A level word heading the line, then a colon or a dash (`ERROR: …`, `ERROR - …`), or the tilde Nextflow's
 * console layout puts after the level (`ERROR ~ …`).
 */
const LOG_LEVEL_LINE =
  /^\s*(?:\[?\d{4}-\d{2}-\d{2}[T ][0-9:.,]{5,15}Z?\]?\s+)?\[?(?:ERROR|FATAL|CRITICAL)\]?(?::|\s+-{1,2}\s|\s~\s)\s*(.{3,})$/;
/**
 * A tab-separated log line at error level (AWS Lambda's runtimes: `time\trequest id\tERROR\tmessage`; zap's
 * console encoder, lowercase after the time field: `time\terror\tcaller\tmessage`).
 */
/**
 * consola's fancy reporter (unjs: Nuxt, Nitro and many Node CLIs) without its colours: the level badge
 * (` ERROR `, ` FATAL `, ` FAIL `, padded with one space each side), a space, the message, and the time
 * right-aligned at the end of the line (`toLocaleTimeString`).
 */
const CONSOLA_BADGE = /^ ?(?:ERROR|FATAL|FAIL) {2}(\S.*?)(?: {2,}\d{1,2}:\d{2}:\d{2}(?: [AP]M)?)?\s*$/;
const TAB_LOG_LEVEL = /(?:^|\t)(?:ERROR|FATAL)\t\s*(\S.{2,})$|\t(?:error|fatal|dpanic|panic)\t\s*(\S.{2,})$/;
/**
 * gRPC's error layout, which container runtimes relay: `rpc error: code = Unknown desc = …`. grpc-go's
 * `codes.Code` prints a value outside the seventeen named codes as `Code(400)`, which servers that send an
 * HTTP status as the gRPC code (Loki's push path, Cortex, Mimir) make appear.
 */
const RPC_ERROR = /\brpc error: code = ([A-Z][A-Za-z]{2,40}|Code\(\d{1,5}\)) desc = (.*)$/;
/**
 * grpc-js's status when its call credentials fail to produce metadata (the OAuth refresh behind them failed):
 * `16 UNAUTHENTICATED: Failed to retrieve auth metadata with error: invalid_grant`, or the same text as the
 * `details:` property of the dumped status object.
 */
const GRPC_JS_AUTH_METADATA = /\bFailed to retrieve auth metadata with error: (\S.{0,2000})$/;
/** An HTTP error status at the head of a line: `HTTP 403: Forbidden. …`, `HTTP/1.1 503 Service Unavailable`. */
const HTTP_STATUS_LINE = /^\s*(?:> )?HTTP(?:\/\d(?:\.\d)?)? ([45]\d\d):? ([A-Z][A-Za-z]+(?: [A-Za-z]+){0,3})/;
/** The error's name inside a log-level message: `(AuthorizationFailed) …` or `…Exception: …`. */
const LOGGED_NAME = /^\(([A-Z][A-Za-z0-9]{2,100})\)|(?:^|:)([A-Z][A-Za-z0-9]{0,100}(?:Exception|Error)): /;
/**
 * Command-line tools' lowercase error prefixes (docker, git, kubectl): `denied: requested access …`, and
 * restic's capitalised `Fatal: …`, the line it ends every failed command with.
 */
const CLI_ERROR =
  /^\s*(?:> )?(?:[a-z][a-z0-9_.-]{0,30}: )?(error|fatal|Fatal|denied|unauthorized|forbidden): ([A-Za-z(].*)$/;
/**
 * Error heads of tools that relay a server's answer: kubectl (`Error from server (Forbidden): …`), the
 * Docker CLI (`Error response from daemon: …`), the GitHub CLI (`gh: Bad credentials (HTTP 401)`).
 */
const RELAYED_SERVER_ERROR =
  /^\s*(?:Error from server \(([A-Za-z]{2,40})\): |Error response from daemon: )(.*)$|^\s*[a-z][a-z0-9-]{0,30}: (.{1,300}) \(HTTP ([45]\d\d)\)\s*$/;
/** go-github's and similar Go clients' error: `GET https://api.github.com/user: 401 Bad credentials []`. */
const GO_CLIENT_STATUS = /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD) https?:\/\/\S{1,2000}: ([45]\d\d) (.*)$/;
/**
 * A tool's own "<what> error (<code>): <message>" line around an S3-style error code: s3cmd's `S3 error: 403
 * (AccessDenied): Access Denied`, object-store clients and wrappers that print `<Store> error (AccessDenied):
 * Access Denied`. The code is the server's; which server it was, the rest of the paste says.
 */
const PARENTHESISED_CODE_ERROR = /\b[Ee]rror:?(?: [45]\d\d)? \(([A-Z][A-Za-z0-9.]{2,100})\)(?:: (\S.*))?$/;
/**
 * The AWS Lambda runtimes' own failures, as the function's log or the invoke response's errorMessage
 * words them: the Python runtime interface client's `Runtime.ImportModuleError` ("Unable to import module
 * 'm': …"), `Runtime.HandlerNotFound` ("Handler 'h' missing on module 'm'"), `Runtime.UserCodeSyntaxError`
 * ("Syntax error in module 'm': …"), the service's `Runtime.ExitError` ("Runtime exited with error: signal:
 * killed", after the request's id in the function's log) and its timeout ("Task timed out after 3.00 seconds"),
 * with or without the `[ERROR]` level and the error type in front. Lambda errors, but no metering or credential failure: the catalog has no entry for them.
 */
const LAMBDA_RUNTIME_FAILURE =
  /^\s*(?:\[ERROR\]\s+|RequestId: [0-9a-f-]{36} Error: )?(?:(Runtime\.[A-Z][A-Za-z]{2,40}): )?(Unable to import module '[^']{1,300}': \S.*|Handler '[^']{1,300}' missing on module '[^']{1,300}'.*|Syntax error in module '[^']{1,300}': \S.*|Runtime exited (?:with error: |without providing a reason).*|Task timed out after \d{1,5}(?:\.\d{1,3})? seconds.*)$/;
const TRACEBACK_HEAD = 'Traceback (most recent call last):';
/** An exception's name and message after a flattened traceback's frames. */
const FLATTENED_EXCEPTION =
  /(?:^|\s)((?:[a-z_][a-z0-9_]*\.){0,8}[A-Z][A-Za-z0-9]{1,100}(?:Error|Exception|Exit|Interrupt)): ?([^`]*)/g;
/**
 * A web application's notice that the login session ran out, as its page or API says it ("Your session has
 * expired. Please log in again.", "Session expired. Please sign in again."): the whole line is the notice,
 * which a person telling about it would word in the first person. No AWS credential: the AWS tools say which
 * token or SSO session expired.
 */
const SESSION_EXPIRED_NOTICE =
  /^\s*(?:(?:Your|The) )?[Ss]ession (?:has )?(?:expired|timed out)[.!]?\s+Please (?:log ?in|sign ?in|login|re-?login|re-?authenticate|authenticate)(?: again)?[.!]?\s*$/;
/** npm's error lines (`npm ERR! code E401`, npm 10's `npm error code E401`). */
const NPM_ERROR = /^\s*npm (?:ERR!|error) (\S.*)$/;
/**
 * PHP's uncaught exception, namespaced with backslashes: `PHP Fatal error:  Uncaught GuzzleHttp\Exception\ClientException: …`.
 * The AWS SDK for PHP's own classes keep the AWS name (`Aws\Exception\CredentialsException`).
 */
const PHP_UNCAUGHT =
  /^\s*(?:PHP )?(?:Fatal error|Warning): +Uncaught ((?:[A-Z][A-Za-z0-9]*\\){0,8})([A-Z][A-Za-z0-9]{2,100}): (.*)$/;
/** Go's PostgreSQL drivers: lib/pq's `pq: …` and pgx's SQLSTATE tag `(SQLSTATE 28P01)`. */
const GO_POSTGRES = /^\s*pq: (\S.{2,})$|\(SQLSTATE ([0-9A-Z]{5})\)/;
/** go-sql-driver/mysql's logger: `[mysql] 2026/12/07 14:02:11 packets.go:37: unexpected EOF`. */
const GO_MYSQL_LOG = /^\s*\[mysql\] \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} [a-z_]{1,60}\.go:\d{1,6}: (\S.*)$/;
/** logrus' terminal layout at error level: `ERRO[0003] …`, `FATA[0000] …`. */
const LOGRUS_TTY = /^\s*(?:ERRO|FATA|PANI)\[\d{4,8}\] (\S.*)$/;
/** MySQL's error layout, from its client and server (`ERROR 1045 (28000): Access denied for user …`) and Go's driver (`Error 1045 (28000): …`). */
const MYSQL_ERROR = /^\s*(?:ERROR|Error) (\d{4,5})(?: \(([0-9A-Z]{5})\))?(?: at line \d{1,7})?: (.*)$/;
/** PostgreSQL's server log with its default prefix: `2026-12-07 14:02:11.123 UTC [4121] FATAL:  …`. */
const POSTGRES_LOG =
  /^\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? [A-Z]{2,5} \[\d{1,10}\](?:-\d{1,10})? (?:[^\s:]{1,100} )?(?:ERROR|FATAL|PANIC):\s+(\S.*)$/;
/** redis-cli's reply layout: `(error) NOAUTH Authentication required.` */
const REDIS_CLI_ERROR = /^\s*\(error\) ([A-Z]{2,20}) (.*)$/;
/** Elixir's uncaught exception head, `** (MatchError) …`, `** (exit) …`; Erlang's and Elixir's `{:error, …}` tuple alone. */
const ELIXIR_EXCEPTION = /^\s*\*\* \(([A-Z][A-Za-z0-9.]{1,100}|exit|EXIT|throw)\) (.*)$/;
const ERROR_TUPLE = /^\s*\{:?error, ?(\S.{0,500})\}\s*$/;
/**
 * Slack's Web API error body, as JSON, a Python dict or an Elixir map: `{"ok": false, "error": "invalid_auth"}`,
 * and @slack/web-api's error messages (errors.ts), whichever logger carries them.
 */
const SLACK_BODY =
  /["']ok["']\s*(?::|=>)\s*(?:false|False)\s*,\s*["']error["']\s*(?::|=>)\s*["']([a-z][a-z0-9_]{2,60})["']/;
const SLACK_WEB_API_ERROR =
  /\b(?:An API error occurred: ([a-z][a-z0-9_]{2,60})|An HTTP protocol error occurred: statusCode = (\d{3})|A request error occurred: (.{3,})|A rate-limit has been reached)/;
/**
 * Java's and Python's logging layouts at error level: log4j/logback (`2026-12-07 14:02:11,123 ERROR [main] c.a.Notify - …`,
 * `14:02:11.123 [main] ERROR c.a.Notify - …`), Python's `asctime - name - levelname - message`, and Apache
 * Airflow's task and scheduler log (`[%(asctime)s] {%(filename)s:%(lineno)d} %(levelname)s - %(message)s`, its
 * default log_format, with or without the brackets around the time); Ruby's Logger (`%.1s, [%s #%d] %5s -- %s: %s`),
 * Rust's env_logger (`[time LEVEL target] message`), .NET's console logger head (`fail: Category[EventId]`, its
 * message on the lines under it) and GNU Wget's server refusal (`time ERROR 403: Forbidden.`).
 */
const LEVELLED_LOG_LAYOUTS = [
  /^\s*\[?\d{4}-\d{2}-\d{2}[T ][0-9:.,]{5,15}(?:Z|[+-]\d{2}:?\d{2})?\]?\s+\{[^{}\s]{1,200}:\d{1,7}\}\s+(?:ERROR|CRITICAL|FATAL)\s+-\s+(\S.*)$/,
  /^\s*\d{4}-\d{2}-\d{2}[T ][0-9:.,]{5,15}Z?\s+(?:ERROR|FATAL)\s+(?:\[[^\]]{1,100}\]\s+)?(?:[^\s-][^\s]{0,199}\s+)?[-:] (\S.*)$/,
  /^\s*(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}[.,]\d{3}\s+\[[^\]]{1,100}\]\s+(?:ERROR|FATAL)\s+\S{1,200}\s+-\s+(\S.*)$/,
  /^\s*\d{4}-\d{2}-\d{2}[T ][0-9:.,]{5,15}\s+-\s+\S{1,100}\s+-\s+(?:ERROR|CRITICAL)\s+-\s+(\S.*)$/,
  /^\s*[EF], \[[^\]]{1,80}\] {1,5}(?:ERROR|FATAL) -- [^:\n]{0,100}: (\S.*)$/,
  /^\s*\[\d{4}-\d{2}-\d{2}T[0-9:.]{8,18}(?:Z|[+-]\d{2}:?\d{2})? {1,2}ERROR {1,2}[^\]\s]{1,200}\] (\S.*)$/,
  /^\s*(?:fail|crit): ([A-Za-z_][\w.`]{0,200}\[\d{1,10}\])\s*$/,
  /^\s*(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} )?ERROR ([45]\d\d: \S.*)$/,
];
/**
 * klog's error head (kubectl and Kubernetes components: `E1207 14:02:11.123456   4121 file.go:265] …`). A value
 * opened with `=<` continues on the lines below, whose own layout says what the error is.
 */
const KLOG_ERROR = /^\s*[EF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d{1,10} [^\s\]]{1,200}:\d{1,7}\] (\S.*)$/;
/** logfmt (logrus, go-kit, log15, slog's text handler) at error level, with a message or error field beside it. */
const LOGFMT_LEVEL =
  /(?:^|\s)(?:level|lvl|severity)="?(?:error|eror|err|fatal|crit|critical|panic|ERROR|FATAL)"?(?=\s|$)/;
const LOGFMT_MESSAGE = /(?:^|\s)(?:msg|message|err|error)=("(?:[^"\\]|\\.){0,2000}"|\S{1,2000})/;
/** GitHub's REST error body names its own documentation: `"documentation_url": "https://docs.github.com/…"`. */
const GITHUB_ERROR_BODY = /"documentation_url"\s*:\s*"https:\/\/docs\.github\.com\//;
/**
 * A failed C or C++ assertion: glibc's `prog: file.cpp:136: func(args): Assertion `expr' failed.` and the
 * `Assertion failed: expr, file f.cpp, line 12` of MSVC's and musl's runtimes.
 */
const ASSERTION_FAILED =
  /^\s*(?:[^\s:]{1,100}: )?\S{1,500}:\d{1,7}: (?:.{0,1000}?: )?Assertion [`'‘](.{1,500})['’] failed\.?\s*$|^\s*Assertion failed: (.{1,500}?)(?:, file |\s\(|$)/;
/** MinIO's client `mc` (its error printer, `mc: <ERROR> Unable to list folder. …`). */
const MC_ERROR = /^\s*mc: <ERROR> (\S.*)$/;
/**
 * HashiCorp Vault's API client (Go `api.Response.Error`, which the Vault CLI prints under its own
 * `Error reading …:` head): `Code: 403. Errors:` or `Code: 500. Raw Message:` after the request URL, on
 * its own line or, when a log or a wrapper folds the message, after `URL: PUT https://…` on one line.
 */
const VAULT_RESPONSE =
  /(?:^\s*|\bURL: (?:GET|PUT|POST|PATCH|DELETE|LIST|HEAD) \S{1,2000} )Code: ([1-5]\d\d)\. (?:Errors|Raw Message):(?:\s*$|\s+\*? ?\S)/;
/** The Alibaba Cloud OSS Go SDK's `ServiceError`: `oss: service returned error: StatusCode=403, ErrorCode=…, ErrorMessage="…"`. */
const OSS_GO_SERVICE_ERROR =
  /\boss: service returned error: StatusCode=(\d{3}), ErrorCode=([A-Za-z][A-Za-z0-9.]{1,100}), ErrorMessage="([^"]{0,2000})"/;
/**
 * A structured log's error field holding a Go SDK v1 error with its status line, escaped into the
 * string (`"error": "Code: message\n\tstatus code: 503, request id: …"`): the SDK's layout, whatever the code.
 */
/**
 * The same Go SDK v1 error joined onto one line (`InvalidAccessKeyId: … status code: 403, request id: …`), as
 * CLIs built on it print it when they fold the SDK's `\n\t` to a space (s5cmd's `ERROR "cp …": …`).
 */
const GO_V1_ONE_LINE =
  /\b(?!Error:|ERROR:)([A-Z][A-Za-z0-9]{2,100}): (\S.{0,2000}?)[ \t]+status code: (\d{3}), request id: ([A-Za-z0-9-]*)/;
const JSON_GO_V1_ERROR =
  /"(?:error|err|errorMessage|message|msg)"\s*:\s*"([A-Z][A-Za-z0-9]{2,100}): ((?:[^"\\]|\\[^n]){0,2000})\\n\\tstatus code: (\d{3}), request id: ([A-Za-z0-9-]*)/;
/**
 * A C++ program ended by an uncaught exception (libstdc++'s verbose terminate handler: `terminate called
 * after throwing an instance of 'std::runtime_error'`, then `  what():  …`), and a process killed by a
 * signal as the shell reports it (`Segmentation fault (core dumped)`, `./run.sh: line 3:  4121 Aborted`).
 */
const CPP_TERMINATE =
  /^\s*terminate called (?:after throwing an instance of '([^']{1,200})'|without an active exception)/;
/**
 * Node's fatal V8 error (`node::OnFatalError` prints `FATAL ERROR: <where> <what>`): the heap running out
 * (`Reached heap limit Allocation failed - JavaScript heap out of memory`, `CALL_AND_RETRY_LAST …`).
 */
const NODE_FATAL_ERROR =
  /\bFATAL ERROR: (?:\S.{0,200}? )?Allocation failed - (JavaScript heap out of memory|process out of memory)/;
const FATAL_SIGNAL =
  /^\s*(?:[^\s:]{1,200}: line \d{1,7}: +\d{1,10} )?(Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception)(?: \(core dumped\))?(?:\s*$| +\S)/;
/** Celery's worker log at error level: `[2026-12-07 10:15:00,123: ERROR/ForkPoolWorker-2] Task … raised unexpected: KeyError('…')`. */
const CELERY_LOG = /^\s*\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}: (?:ERROR|CRITICAL)\/[A-Za-z0-9_-]{1,60}\] (\S.*)$/;
const CELERY_RAISED = /\braised unexpected: ([A-Za-z_][A-Za-z0-9_.]{1,100})\(/;
/**
 * Sidekiq's log layout (`… pid=7 tid=2lx class=Job jid=… WARN: NoMethodError: …`): its error handler logs the
 * exception's class and message at WARN, a job's failure at ERROR.
 */
const SIDEKIQ_EXCEPTION =
  /\bpid=\d{1,10} tid=[a-z0-9]{1,20}\b.{0,300}?\b(?:WARN|ERROR|FATAL): ((?:[A-Z][A-Za-z0-9]*::){0,8}[A-Z][A-Za-z0-9]{2,100}): (.*)$/;
/**
 * Erlang/OTP's error logger (`=CRASH REPORT==== 7-Dec-2026::10:15:00 ===`, `=ERROR REPORT====`,
 * `=SUPERVISOR REPORT====`) and a gen_server's or gen_statem's last words (`** Generic server x terminating`).
 */
const ERLANG_REPORT =
  /^\s*=(CRASH|ERROR|SUPERVISOR) REPORT====|^\s*\*\* (?:Generic server|State machine|gen_event handler) (\S{1,200}) (?:terminating|crashed)/;
/**
 * A PowerShell error record: the cmdlet and message (`Get-Content : Cannot find path …`; PowerShell 7's
 * concise view drops the space before the colon), then `+ CategoryInfo : …, ItemNotFoundException` and
 * `+ FullyQualifiedErrorId : PathNotFound,…`. The cmdlet is an approved verb, a dash and a noun.
 */
const POWERSHELL_CMDLET_VERBS =
  'Add|Approve|Clear|Close|Compare|Complete|Connect|Convert|ConvertFrom|ConvertTo|Copy|Disable|Disconnect|Edit|Enable|Enter|Exit|Export|Find|Format|Get|Grant|Import|Initialize|Install|Invoke|Join|Measure|Merge|Move|New|Open|Out|Publish|Read|Receive|Register|Remove|Rename|Request|Reset|Resize|Resolve|Restart|Restore|Resume|Revoke|Save|Search|Select|Send|Set|Show|Split|Start|Stop|Submit|Suspend|Test|Unregister|Update|Use|Wait|Write';
const POWERSHELL_HEAD = new RegExp(String.raw`^\s*((?:${POWERSHELL_CMDLET_VERBS})-[A-Z][A-Za-z0-9]{1,80}) ?: (\S.*)$`);
/**
 * PowerShell 7's concise view of an error raised in a script: the cmdlet alone on its line (`Set-X:`),
 * then `Line |`, the numbered source line, the carets and `     | message` (the cmdlet is the error's name).
 */
const POWERSHELL_CONCISE_SCRIPT = new RegExp(
  // HTTP's Set-Cookie header, printed with its value on the next line, has the same shape.
  String.raw`^\s*((?:${POWERSHELL_CMDLET_VERBS})-(?!Cookie:)[A-Z][A-Za-z0-9]{1,80}):\s*$`,
);
/**
 * .NET Framework's ArgumentException (and ArgumentNullException) ends its message with a line of its
 * own, `Parameter name: path`, above the stack: a paste that starts there is that exception.
 */
const DOTNET_ARGUMENT_TAIL = /^\s*Parameter name: ([A-Za-z_][A-Za-z0-9_]{0,80})\s*$/;
/**
 * minio-java's `ErrorResponse.toString()` (Lombok-style), which its `ErrorResponseException` logs and
 * applications print: `ErrorResponse(code = NoSuchBucket, message = …, bucketName = …, requestId = …)`.
 * The S3 code it carries is read like an XML body's.
 */
const MINIO_JAVA_ERROR_RESPONSE =
  /\bErrorResponse\(code = ([A-Za-z][A-Za-z0-9.]{1,100}), message = (.{0,2000}?)(?:, (?:bucketName|objectName|resource|requestId|hostId) = |\)\s*$)/;
/**
 * Alibaba Cloud's error-center line the OSS SDKs and tools built on them print under an error: the EC
 * code and its troubleshooting link (`0002-00000503 https://api.aliyun.com/troubleshoot?q=0002-00000503`).
 */
const ALIYUN_TROUBLESHOOT = /(?:^|\s)(\d{4}-\d{8})?\s*https:\/\/api\.aliyun\.com\/troubleshoot\?q=(\d{4}-\d{8})\b/;
/**
 * Ansible's per-host task failure (`fatal: [web01]: FAILED! => {…}`, `fatal: [h]: UNREACHABLE! => {…}`,
 * a loop item's `failed: [web01] (item=x) => {…}`) and its inventory warning that a source could not
 * be parsed (`[WARNING]:  * Failed to parse /etc/ansible/hosts with yaml plugin: …`), after which the play
 * runs on no hosts. Other `[WARNING]:` lines are warnings only.
 */
const ANSIBLE_TASK_FAILURE =
  /^\s*(?:fatal|failed): \[[^\]\s]{1,200}\](?: \(item=.{0,300}?\))?(?:: (FAILED|UNREACHABLE)!)? => (\{.*)$/;
const ANSIBLE_PARSE_WARNING = /^\s*\[WARNING\]: +\* Failed to parse (\S.{0,500}?) with ([a-z_]{2,40}) plugin(?::|$)/;
/**
 * PHP 5's uncaught exception (`PHP Fatal error:  Uncaught exception 'Google_ServiceException' with message
 * '…' in /path/file.php:66`), before PHP 7 printed the class and message with a colon.
 */
const PHP5_UNCAUGHT =
  /^\s*(?:PHP )?Fatal error: +Uncaught exception '((?:[A-Za-z_][A-Za-z0-9_]*\\){0,8}[A-Za-z_][A-Za-z0-9_]{2,100})'(?: with message '(.*))?$/;
/** PHP's stream wrapper refused by the server: `failed to open stream: HTTP request failed! HTTP/1.1 403 Forbidden`. */
const PHP_STREAM_HTTP = /\bHTTP request failed! HTTP\/\d(?:\.\d)? ([45]\d\d)\b ?(.*)$/;
/**
 * PHP's stream layer failing to open a URL or file (`file_get_contents(<url>): failed to open stream:
 * <reason>`, PHP 8's `Failed to open stream`; Guzzle's StreamHandler wraps the same warning when PHP has
 * no curl extension). The address before it says what could not be opened (the instance metadata
 * credentials path is the credential endpoint's failure); the reason may be cut off.
 */
const PHP_STREAM_OPEN = /\): [Ff]ailed to open stream:[ \t]*(.*)$/;
/** Erlang's shell printing an uncaught exception: `** exception error: no match of right hand side value …`. */
const ERLANG_SHELL_EXCEPTION = /^\s*\*\* exception (error|exit|throw): (\S.*)$/;
/**
 * Swift's runtime trap (`Fatal error: Unexpectedly found nil …: file X.swift, line 42`; since Swift 5.4
 * `X.swift:42: Fatal error: …`; Xcode's `Thread 1: Fatal error: …`) and PHP's fatal error head without the
 * `PHP ` prefix (`Fatal error: Allowed memory size … exhausted`): the runtime stopped the program.
 */
const FATAL_ERROR_HEAD = /^\s*(?:PHP |[^\s:]{1,300}\.swift:\d{1,7}: |Thread \d{1,5}: )?Fatal error: +(\S.*)$/;
/** Docker's event stream: a container that died with a non-zero exit code, or was killed for memory. */
const DOCKER_DIED_EVENT =
  /\bcontainer (?:die [0-9a-f]{6,64} \((?:[^()]{0,500}?, )?exitCode=(?!0\b)(\d{1,3})\b|oom [0-9a-f]{6,64}\b)/;
/**
 * A program's own words before the error it caught, as `console.error('Error uploading to S3:', err)`,
 * `log.Printf("failed to send usage: %v", err)` and CLIs built on the SDKs print it: `Error uploading files
 * to S3: AccessDenied: Access Denied`, `✗ Error uploading to <store> InvalidAccessKeyId: …`. The error's
 * name follows the lead-in; a name that is not an exception's counts only when it is a code the catalog knows.
 */
const PREFIXED_NAME_COLON =
  /^\s*(?:[✗✖×❌]\s*)?(?:Error|ERROR|Failed|FAILED|Failure|Unable|Could not|Cannot|Can't)\b[^:\n]{0,150}?(?::\s+|\s)([A-Z][A-Za-z0-9]{2,100}): (\S.*)$/;
/**
 * A program's own failure line, in the shape Go's error wrapping and most command-line tools give it:
 * what it was doing, a colon, then the cause (`error reading config: open …: no such file or directory`,
 * Terraform 0.11's `Error refreshing state: …`, `failed to sync: context deadline exceeded`, `Unable to
 * open database file: …`), or what failed and why (`Login failed: …`, `Upload failed: …`). curl's error
 * number stays in front when its `curl: ` prefix was cut (`(7) Failed to connect to … port 8080: …`).
 * "Error handling", "error reporting" and the like are the names of a practice, not a failure.
 */
const FAILURE_LINE =
  /^\s*(?:\(\d{1,3}\) )?((?:[Ee]rror|ERROR) (?!handling|reporting|checking|tracking|monitoring)[a-z]{2,30}ing|(?:[Ff]ailed|FAILED) to [a-z]{2,30}|(?:[Uu]nable|UNABLE) to [a-z]{2,30}|[Cc]ould not [a-z]{2,30}|[Cc]annot [a-z]{2,30}|[A-Za-z][a-z]{2,20}(?: [a-z]{2,20}){0,2} failed)\b([^:\n]{0,120}): (\S.{0,2000})$/;
/**
 * rclone's log object prefix: `fs.Errorf(o, "Failed to copy: %v", err)` prints the object (a path) and a colon
 * before the message, so a failure line cut from its log head starts with the path.
 */
const OBJECT_BEFORE_FAILURE = /^\s*[^\s:]{1,255}: (?=Failed to [a-z])/;
/**
 * rclone's log line (fs/log.go `LogPrint`: Go's `log` date, then `fmt.Sprintf("%-6s: %s", level, text)`, so
 * `ERROR : `, `ALERT : `, `CRITICAL: `, `EMERGENCY: `), and its pacer's retry record (`fs.Debugf("pacer", "low
 * level retry %d/%d (error %v)")`, logged at debug level but naming the error each attempt got).
 */
const RCLONE_LOG_LINE =
  /^\s*(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? )?(?:ERROR |ALERT |CRITICAL|EMERGENCY): (\S.{2,})$/;
const RCLONE_PACER_RETRY = /\bpacer: low level retry \d{1,4}\/\d{1,4} \(error (\S.{0,2000})\)\s*$/;
/**
 * Logstash's log line (its log4j2 console pattern `[%d{ISO8601}][%-5p][%-25c]` then the pipeline and plugin ids
 * in brackets when set, a space and the message) at error or fatal level; the time is often cut off a paste.
 * The message is the plugin's words and a Ruby hash of details (`{:message=>"…", :exception=>…}`).
 */
const LOGSTASH_LOG_LINE =
  /^\s*(?:\[\d{4}-\d{2}-\d{2}T[0-9:.,]{8,15}\])?\[(?:ERROR|FATAL)\s{0,2}\]\[[a-z][\w.]{0,120}\s{0,40}\](?:\[[^\]\s]{1,200}\]){0,2} (\S.{2,})$/;
/**
 * botocore's client-side validation as the AWS CLI and frameworks print it, without the exception's name: the
 * ParamValidationError head (`Parameter validation failed:`) and the report lines of validate.py (`Missing
 * required parameter in input: "Key"`, `Unknown parameter in input: "X", must be one of: …`, `Invalid
 * type|value|length for parameter X, value: …`), and boto3's resource identifier check (resources/base.py:
 * `Required parameter name not set`, a ValueError).
 */
const BOTO_VALIDATION =
  /^\s*(?:(Parameter validation failed):\s*$|(Missing required|Unknown) parameter in [\w.[\]]{1,200}: "|Invalid (?:type|value|length) for (?:document )?parameter [\w.[\]]{1,200}, value: |Required parameter [\w.]{1,100} not set\s*$)/;
/**
 * The file line of a Go stack printed with an error: github.com/pkg/errors' `%+v` (the function, then its file
 * and line indented under it) and a panic's goroutine frames (`\t/src/main.go:42 +0x1d`). The error's message is
 * printed above the stack, in the program's own words; the frames say an error was printed.
 */
const GO_STACK_FILE_LINE = /^\s+(?:[\w.~@+-]{0,200}\/){1,40}[\w.-]{1,200}\.go:\d{1,6}(?: \+0x[0-9a-f]{1,16})?\s*$/;
/**
 * The AWS sign-in page refusing a SAML assertion posted to it (its error page, listed first in IAM's
 * "Troubleshooting SAML 2.0 federation": "Your request included an invalid SAML response. To logout, click
 * here."), as browsers, federation helpers and their HTML dumps show it.
 */
const AWS_SIGNIN_SAML_ERROR = /\bYour request included an invalid SAML response\b/;
/**
 * A verb a person uses to say what appeared ("Throws: **…** when I push", "Getting: `…`"): before a colon
 * it reads like an error's name, but programs name an error with a noun, never with such a verb.
 */
const REPORTING_VERB = /^(?:Throws|Threw|Returns|Returned|Shows|Showed|Says|Said|Gives|Gave|Gets|Getting|Receiving)$/;
/** How a person's sentence opens: an article, a determiner or a pronoun. */
const SENTENCE_OPENING = /^(?:the|a|an|this|that|these|those|it|it's|we|i|i'm|you|they|my|our|your|their)\s/i;
/** Ansible's command-line failure (`ERROR! No inventory was parsed, …`, `ERROR! the role 'x' was not found`). */
const ANSIBLE_ERROR = /^\s*ERROR! (\S.*)$/;
/**
 * Ansible's report of an exception a module or plugin raised (the callback's `_handle_exception`: "An
 * exception occurred during task execution. To see the full traceback, use -vvv. The error was: %s"),
 * often quoted from "The error was:" on. The Python exception after it is the error.
 */
const ANSIBLE_EXCEPTION =
  /^\s*(?:An exception occurred during task execution\. To see the full traceback, use -vvv\. )?The error was: (?:[a-z_][a-z0-9_]*\.){0,8}([A-Z][A-Za-z0-9]{2,100}(?:Exception|Error|Fault)): (\S.*)$/;
const POWERSHELL_RECORD =
  /^\s*\+ (?:CategoryInfo\s+: [A-Za-z]{2,60}: .{0,500}\], ([A-Za-z.]{3,200})|FullyQualifiedErrorId : ([^,\s]{2,200}))/;
/**
 * systemd's unit failures in the journal (`x.service: Main process exited, code=exited, status=1/FAILURE`,
 * `Failed with result 'exit-code'`, `Failed to start x.service`) and the kernel's OOM killer.
 */
const SYSTEMD_FAILURE =
  /\b(?:Main process exited, code=(?:exited|killed|dumped), status=(?!0\/)\S{1,40}|Failed with result '[a-z-]{2,40}'|Failed to start \S.{0,200}|Out of memory: Killed process \d{1,10})/;
/**
 * Kubernetes events at Warning type, in `kubectl get events` columns (`2m  Warning  BackOff  pod/x  Back-off …`)
 * and `kubectl describe`'s Events table, and a container's failed state (`Reason:  OOMKilled`, a pod listed as
 * `CrashLoopBackOff`).
 */
const K8S_WARNING_EVENT =
  /^\s*(?:(?:\d{1,6}[smhd](?:\d{1,3}[smh])?|<unknown>)\s{2,})?Warning\s{2,}([A-Z][A-Za-z]{2,60})\s{2,}(\S.*)$/;
const K8S_FAILED_STATE =
  /^\s*(?:Reason:\s+|\S{1,253}\s+\d{1,3}\/\d{1,3}\s+)(CrashLoopBackOff|OOMKilled|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|RunContainerError|Init:Error|Init:CrashLoopBackOff|ContainerCannotRun)\b/;
/** gRPC for Python's error (`grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:`) and its status line. */
const GRPC_PYTHON =
  /^\s*(?:[a-z_][a-z0-9_]*\.){1,8}(_[A-Z][A-Za-z0-9]{2,100}): <|^\s*status = (StatusCode\.[A-Z_]{2,40})\s*$/;
/** Azure Identity's credential classes failing (`ManagedIdentityCredential authentication failed. Status code: 400`). */
const AZURE_CREDENTIAL_FAILURE =
  /\b((?:DefaultAzure|ManagedIdentity|ClientSecret|ClientCertificate|Environment|WorkloadIdentity|AzureCli|ChainedToken)Credential):? (?:authentication (?:failed|unavailable)|failed to retrieve a token|is unavailable)/;
/** Microsoft Entra ID (Azure AD) error codes, as its token endpoint and MSAL print them: `AADSTS7000215: Invalid client secret …`. */
const ENTRA_ERROR = /\b(AADSTS\d{5,7}): (\S.{2,})$/;
/** nginx's error log (and proxies built on it, Google's ESP): `2026/12/07 10:00:00 [error] 10#10: *5 message`. */
const NGINX_ERROR_LOG =
  /^\s*(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} ?)?\[(?:error|crit|alert|emerg)\] ?\d{1,10}#\d{1,10}: (?:\*\d{1,12} )?(\S.*)$/;
/**
 * A bracketed level heading the line, then one space and the message: Maven's console (`[ERROR] Failed to
 * execute goal …`, `[FATAL] …`), and Fluent Bit's log (`[2026/12/07 10:00:00] [error] [upstream] …`, flb_log's
 * `[%Y/%m/%d %H:%M:%S] [%5s] ` head, the component in brackets after it). A tab after the level is Lambda's
 * Python runtime, whose `[ERROR]` line heads the traceback under it.
 */
const BRACKETED_LEVEL_LINE =
  /^\s*(?:\[(?:ERROR|FATAL)\] (?! )(\S.{2,})|(?:\[\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\] )?\[error\] (\[[a-z_]{1,40}(?::[^\]\s]{1,100})?\] \S.*))$/;
/**
 * The error line of the Zeit/Vercel family of command-line tools (now, vercel, serve, micro and the CLIs
 * built on their output helpers): `chalk.red('> Error!')` and the message; a Markdown quote takes the
 * chevron off.
 */
const CHEVRON_ERROR_LINE = /^\s*(?:> )?Error! (\S.{2,})$/;
/**
 * The Serverless Framework's (v1, v2) error box head: `writeMessage(title, message)` prints ` ${title} ` and
 * dashes up to 56 characters, the title being the exception's name split before each capital (` Serverless
 * Error`, ` Type Error`, ` Error`); the message follows on its own lines, two spaces in. Its warning and
 * information boxes (`Serverless Warning`, `Serverless Information`) are not errors.
 */
const SERVERLESS_ERROR_BOX = /^\s*((?:[A-Z][a-z]{0,30} ){0,6}(?:Error|Exception)) -{2,60}\s*$/;
/** protobuf's C++ log line at error level (`[libprotobuf ERROR src/file.cc:182] message`), as gRPC and ESP print it. */
const PROTOBUF_LOG = /^\s*\[libprotobuf (?:ERROR|FATAL) [^\]\s]{1,300}\] (\S.*)$/;
/**
 * Google's credential lookup failing to reach the Compute Engine metadata server, as google-auth
 * (`_metadata.py`) and the Go metadata package say it; logged at info or warning level, it is still a failure.
 */
const GCE_METADATA_FAILURE =
  /\bCompute Engine Metadata server unavailable\b|\bfrom the Google Compute Engine metadata service\b|\bmetadata: GCE metadata "[^"]{1,200}" not defined\b/i;
/** A labelled error code on its own line: `Error type: AuthorizationFailed`, `ErrorCode: …`. */
const ERROR_LABEL = /^\s*(?:Error ?[Tt]ype|Error ?[Cc]ode|ERROR CODE)\s*:\s*([A-Z][A-Za-z0-9]{2,100})\s*$/;
/** A JSON error field holding a code: `"error": "InvalidRegistration"` (not a sentence). */
const JSON_ERROR = /"(?:error|errorType|errorCode)"\s*:\s*"([A-Z][A-Za-z0-9_]{2,100}(?:\.[A-Z][A-Za-z0-9_]{2,100})?)"/;
/**
 * A Lambda invocation's error result: `{"errorType": …, "errorMessage": …}`, or the runtime's
 * timeout result, which has only `"errorMessage": "… Task timed out after 30.03 seconds"`.
 */
const LAMBDA_ERROR_MESSAGE = /"errorMessage"\s*:\s*"([^"]{1,2000})/;
/** An error line carried in a structured log's message field: `"message": "TypeError: …"`. */
const MESSAGE_ERROR_LINE = /^((?:[A-Z][A-Za-z0-9]{0,100})?(?:Error|Exception)): (.*)$/;
const MESSAGE_XML = /<Message>([^<]{1,2000})<\/Message>/;
/**
 * A package path that names an exceptions module (`google.api_core.exceptions.`, `stripe.error.`):
 * Python's convention for classes that are errors whatever their own name (`PermissionDenied`).
 */
const ERRORS_MODULE = /(?:^|\.)(?:exceptions?|errors?|exc)\.$/;
/**
 * A Python traceback flattened onto one line (frames, then the exception): the exception is the
 * last qualified `name: message` after the frames.
 */
const FLAT_FRAME = /\bFile "[^"]{1,500}", line \d{1,7}, in /;
const QUALIFIED_NAME_COLON = /(?:^|\s)((?:[a-z_][a-z0-9_]*\.){1,8})([A-Z][A-Za-z0-9]{2,100}): /g;
/**
 * A Ruby exception as Rack and Sinatra show it (`Stripe::CardError - message:`), as Rails logs it
 * (`Stripe::CardError (message):`), or as Ruby prints an uncaught one, namespaced or not (`file.rb:12:in 'm': message (Stripe::CardError)`).
 */
const RUBY_DASH = /^\s*((?:[A-Z][A-Za-z0-9]*::){1,8})([A-Z][A-Za-z0-9]{2,100}) (?:- (.*)|\((.*)\):?)$/;
const RUBY_UNCAUGHT_CLASS = / \(((?:[A-Z][A-Za-z0-9]*::){0,8}[A-Z][A-Za-z0-9]{2,100})\)\s*$/;
const RUBY_UNCAUGHT_HEAD = /:in [`'][^`']{1,200}': /;
/**
 * Ruby's NoMethodError / NameError message on a line of its own, as people quote it without the
 * frame and class around it: "undefined method `x' for nil:NilClass" (before 3.4), "undefined method
 * 'x' for an instance of Foo" (3.4), "undefined local variable or method `x' for main".
 */
const RUBY_UNDEFINED_METHOD = /^\s*(undefined (?:local variable or )?method [`'][^`'\s]{1,200}' for \S.*)$/;
/**
 * PHP's notice for a constant that no loaded extension defines: "Use of undefined constant X - assumed 'X'"
 * (PHP 5 to 7.1 a Notice, 7.2 to 7.4 a Warning, with or without its `PHP Notice:  ` head) and PHP 8's
 * `Error: Undefined constant "X"`. The constant is what is missing (an extension not installed, such as
 * curl's CURLE_* numbers), not an error that happened.
 */
export const PHP_UNDEFINED_CONSTANT =
  /^\s*(?:(?:PHP )?(?:Notice|Warning|Fatal error|Uncaught Error|Error): +)?((?:Use of undefined constant [A-Za-z_][A-Za-z0-9_]{0,100} - assumed '|Undefined constant ["'])[A-Za-z_\\][A-Za-z0-9_\\]{0,100}.*)$/;
/**
 * Pulumi's CLI diagnostics in its progress display: the resource's type token and name, then
 * `error: …` (`pulumi:providers:aws default_6_66_3  error: …`, `aws:s3:Bucket my-bucket  error: …`).
 */
const PULUMI_RESOURCE_ERROR =
  /^\s*(?:[a-z][A-Za-z0-9-]{0,40}:){1,3}[A-Za-z][A-Za-z0-9/-]{0,80} \S{1,200} {1,4}error: (\S.*)$/;
/** Google's API client for Python: `<HttpError 403 when requesting https://… returned "…">`. */
const HTTP_ERROR_REPR = /<HttpError (\d{3}) when requesting \S{1,2000} returned "([^"]{0,2000})/;
/** Python requests' `raise_for_status()`: `403 Client Error: Forbidden for url: https://…`. */
const REQUESTS_STATUS = /\b([45]\d\d) (?:Client|Server) Error: ([A-Za-z][A-Za-z ]{1,60}) for url: /;
/** Google's Go API client (`googleapi: Error 403: …`) and Axios (`Request failed with status code 403`). */
const CLIENT_STATUS = /\b(?:googleapi: Error|Request failed with status code) ([45]\d\d)\b:? ?(.*)$/;
/**
 * An HTTP status word as an error's prefix, at the head of a line or after a caller's `…: `:
 * `Forbidden: Forbidden`, `403 Forbidden: …`, `Unauthorized: token expired`.
 */
const STATUS_WORD =
  /(?:^\s*|: )(?:[45]\d\d )?(Bad Request|BadRequest|Unauthorized|Unauthenticated|Payment Required|Forbidden|Permission denied|PermissionDenied|Not Found|Conflict|Gone|Unprocessable Entity|Too Many Requests|TooManyRequests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout): (\S.*)$/;
/**
 * A JSON error body's HTTP status: `"code": 403`, `"status": 404`, `"statusCode": 500`, and Kafka
 * Connect's REST ErrorMessage (`{"error_code": 500, "message": "…"}`).
 */
const JSON_STATUS =
  /"(?:code|status|statusCode|status_code|httpStatus|error_code)"\s*:\s*"?([45]\d\d)"?\s*[,}]?\s*$|"(?:code|status|statusCode|status_code|httpStatus|error_code)"\s*:\s*"?([45]\d\d)"?\s*[,}]/;
/** The canonical status names of Google APIs and gRPC in a JSON error body: `"status": "PERMISSION_DENIED"`. */
const JSON_CANONICAL_STATUS =
  /"status"\s*:\s*"(CANCELLED|INVALID_ARGUMENT|DEADLINE_EXCEEDED|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|ABORTED|OUT_OF_RANGE|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|DATA_LOSS|UNAUTHENTICATED)"/;
/** A JSON error list (`"errors": [{…}]`, GraphQL, JSON:API) or error object (`"error": {`), not an empty list. */
const JSON_ERROR_CONTAINER = /"errors"\s*:\s*\[\s*(?:[{"]|$)|"error"\s*:\s*\{/;
/**
 * An OAuth error body: `"error": "invalid_grant", "error_description": "…"`, or the bare `"error"` field
 * holding one of RFC 6749's token-endpoint codes (section 5.2) or RFC 6750's resource codes (section 3.1),
 * which servers send without a description and clients print pretty-printed, one field a line.
 */
/** A payment or API provider's error type in a labelled field: Stripe's `Type: invalid_request_error`. */
const ERROR_TYPE_LABEL =
  /^\s*(?:[Tt]ype|[Ee]rror ?[Tt]ype|error_type)\s*:\s*([a-z]{2,30}(?:_[a-z]{2,30}){0,4}_error)\s*$/;
/** A structured (JSON) log record at error level, whatever its message says (pino's and bunyan's 50 and 60 are error and fatal). */
const JSON_LOG_LEVEL =
  /"(?:level|levelname|log\.level|severity|lvl)"\s*:\s*"(?:ERROR|[Ee]rror|FATAL|[Ff]atal|CRITICAL|[Cc]ritical)"|"level"\s*:\s*(?:50|60)\s*[,}]/;
/**
 * Other clouds' own denial sentences, which carry no code on their line: Azure Resource Manager's
 * AuthorizationFailed ("does not have authorization to perform action 'Microsoft.X/…'") and
 * Google Cloud IAM's ("Permission 'x.y' denied on resource …", "Permission denied on resource project …"),
 * which names a permission as `service.resource.verb`: Cloud Storage's "<principal> does not have
 * storage.objects.get access to the Google Cloud Storage object", Compute Engine's "Required
 * 'compute.instances.get' permission for '<resource>'", and the Cloud console's "You need the
 * storage.buckets.list permission to …".
 */
const OTHER_CLOUD_DENIAL =
  /\bdoes not have authorization to perform action '[A-Z][A-Za-z]{1,40}\.[A-Za-z]{2,60}\/|\bPermission (?:'[a-z][A-Za-z0-9.]{2,100}' )?denied on resource\b|\bdoes not have [a-z][a-z0-9]{1,40}(?:\.[A-Za-z0-9]{2,60}){2,3} access to\b|\bRequired '[a-z][a-z0-9]{1,40}(?:\.[A-Za-z0-9]{2,60}){2,3}' permission for '|^\W{0,3}You need the [a-z][a-z0-9]{1,40}(?:\.[A-Za-z0-9]{2,60}){2,3} permission to /;
/** Stripe's "No such <object>: <id>", whose ids carry the object's prefix (cus_, ch_, sub_, price_). */
const PROVIDER_NO_SUCH = /\bNo such [a-z_]{2,30}: '?[a-z]{2,6}_[A-Za-z0-9]{6,}/;
/**
 * Alibaba Cloud's SDKs name their own client errors `SDK.<Name>` and print them as `[SDK.<Name>] <message>`
 * (Go: sdk/errors ClientError, with "caused by:" and the inner error on the lines after), and a server's
 * refusal as a `SDK.ServerError` line followed by `ErrorCode:`, `Recommend:`, `RequestId:` and `Message:`.
 */
const ALIBABA_SDK_ERROR = /^\s*\[(SDK\.[A-Z][A-Za-z]{2,60})\] (\S.*)$|^\s*(SDK\.ServerError)\s*$/;
const OAUTH_ERROR =
  /"error"\s*:\s*"([a-z][a-z_]{2,60})"\s*,\s*"error_description"|"error"\s*:\s*"(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|invalid_token|insufficient_scope)"/;
/** Python's OSError str: `[Errno <errno>] <strerror>` (`[WinError <n>] …` on Windows). */
const PYTHON_OS_ERROR = /(?:^|[\s:("'])\[(Errno|WinError) (-?\d{1,5})\] (\S.*)$/;
/**
 * libcurl's error numbers, as PHP prints them through Guzzle 6/7 (`cURL error 77: …`) and Guzzle 3
 * (`[curl] 77: … [url] …`), and as the curl tool does (`curl: (77) …`). Guzzle 6.0–6.2 leaves the text
 * empty when curl's error buffer is (`cURL error 77:  (see …)`): the number alone then says what failed.
 * The C++ SDK's CurlHttpClient logs `Curl returned error code N`, the number alone before it added
 * ` - <curl_easy_strerror>` (whose texts the catalog reads as wording, like its `curlCode: N, <strerror>`).
 */
const CURL_ERROR =
  /(?:\bcURL error (\d{1,3}): ?|\bcurl: \((\d{1,3})\) |\[curl\] (\d{1,3}): |\bCurl returned error code (\d{1,3})(?=`?\s*$))(.*)$/;
/**
 * A libcurl error number in a program's own words, the number ending the line: `cURL request failed: 35`,
 * `curl error 28`, `curl_easy_perform() returned 7`, `libcurl result code (56)`. Read only as a number
 * libcurl's list names (CURL_CODES).
 */
const CURL_NUMBER =
  /\b(?:lib)?curl(?:_easy_perform\(\))?\b[^\n]{0,80}?\b(?:error|errno|code|failed|failure|returned|result|status)\b[^\n\d]{0,40}?[:=(#]?\s*\(?(\d{1,3})\)?[.\s"'`]*$/i;
/**
 * libcurl's name for every error number it returns (docs/libcurl/libcurl-errors.md; numbers marked
 * obsolete there are left out). The catalog's network entries list the names that say how a connection
 * failed; any other name is still a named error. Error 6 is a host that did not resolve whatever text
 * follows it (a wrapper may cut the text short); an entry about the host's Region (entitlement outside
 * us-east-1) still outranks it on its own wording. Error 51 was the peer's failed verification before
 * curl 7.62 (now 60), and 60 was CURLE_SSL_CACERT: both are the same failure under one name.
 */
const CURL_CODES: Readonly<Record<string, string>> = {
  '1': 'CURLE_UNSUPPORTED_PROTOCOL',
  '2': 'CURLE_FAILED_INIT',
  '3': 'CURLE_URL_MALFORMAT',
  '4': 'CURLE_NOT_BUILT_IN',
  '5': 'CURLE_COULDNT_RESOLVE_PROXY',
  '6': 'CURLE_COULDNT_RESOLVE_HOST',
  '7': 'CURLE_COULDNT_CONNECT',
  '8': 'CURLE_WEIRD_SERVER_REPLY',
  '9': 'CURLE_REMOTE_ACCESS_DENIED',
  '16': 'CURLE_HTTP2',
  '18': 'CURLE_PARTIAL_FILE',
  '22': 'CURLE_HTTP_RETURNED_ERROR',
  '23': 'CURLE_WRITE_ERROR',
  '25': 'CURLE_UPLOAD_FAILED',
  '26': 'CURLE_READ_ERROR',
  '27': 'CURLE_OUT_OF_MEMORY',
  '28': 'CURLE_OPERATION_TIMEDOUT',
  '33': 'CURLE_RANGE_ERROR',
  '35': 'CURLE_SSL_CONNECT_ERROR',
  '36': 'CURLE_BAD_DOWNLOAD_RESUME',
  '37': 'CURLE_FILE_COULDNT_READ_FILE',
  '42': 'CURLE_ABORTED_BY_CALLBACK',
  '43': 'CURLE_BAD_FUNCTION_ARGUMENT',
  '45': 'CURLE_INTERFACE_FAILED',
  '47': 'CURLE_TOO_MANY_REDIRECTS',
  '48': 'CURLE_UNKNOWN_OPTION',
  '49': 'CURLE_SETOPT_OPTION_SYNTAX',
  '51': 'CURLE_PEER_FAILED_VERIFICATION',
  '52': 'CURLE_GOT_NOTHING',
  '53': 'CURLE_SSL_ENGINE_NOTFOUND',
  '54': 'CURLE_SSL_ENGINE_SETFAILED',
  '55': 'CURLE_SEND_ERROR',
  '56': 'CURLE_RECV_ERROR',
  '58': 'CURLE_SSL_CERTPROBLEM',
  '59': 'CURLE_SSL_CIPHER',
  '60': 'CURLE_PEER_FAILED_VERIFICATION',
  '61': 'CURLE_BAD_CONTENT_ENCODING',
  '63': 'CURLE_FILESIZE_EXCEEDED',
  '64': 'CURLE_USE_SSL_FAILED',
  '65': 'CURLE_SEND_FAIL_REWIND',
  '66': 'CURLE_SSL_ENGINE_INITFAILED',
  '67': 'CURLE_LOGIN_DENIED',
  '77': 'CURLE_SSL_CACERT_BADFILE',
  '78': 'CURLE_REMOTE_FILE_NOT_FOUND',
  '80': 'CURLE_SSL_SHUTDOWN_FAILED',
  '81': 'CURLE_AGAIN',
  '82': 'CURLE_SSL_CRL_BADFILE',
  '83': 'CURLE_SSL_ISSUER_ERROR',
  '88': 'CURLE_CHUNK_FAILED',
  '90': 'CURLE_SSL_PINNEDPUBKEYNOTMATCH',
  '91': 'CURLE_SSL_INVALIDCERTSTATUS',
  '92': 'CURLE_HTTP2_STREAM',
  '93': 'CURLE_RECURSIVE_API_CALL',
  '94': 'CURLE_AUTH_ERROR',
  '95': 'CURLE_HTTP3',
  '96': 'CURLE_QUIC_CONNECT_ERROR',
  '97': 'CURLE_PROXY',
  '98': 'CURLE_SSL_CLIENTCERT',
  '99': 'CURLE_UNRECOVERABLE_POLL',
  '100': 'CURLE_TOO_LARGE',
  '101': 'CURLE_ECH_REQUIRED',
};

/**
 * An AWS SDK's exception class standing as an error's heading, the way error trackers title an event
 * (`Aws::S3::Errors::SignatureDoesNotMatch in Job#perform`, or a culprit on the next line; Bugsnag's bold `**…**`)
 * and as `%T`, `type(e)` or an enum's Debug print show it. Each SDK names the error code in the class:
 * Ruby `Aws::<Svc>::Errors::<Code>` (and `Aws::Errors::<Name>`), .NET `Amazon.<Svc>.Model.<Code>Exception`,
 * Python `botocore.errorfactory.<Code>` and boto3's `<svc>.Client.exceptions.<Code>` (another package's
 * `exceptions` module is not AWS's: `redis.exceptions.ConnectionError`), Go v2 `*types.<Code>`, Rust
 * `<Operation>Error::<Code>`. The class must fill its line (a tracker's ` in <culprit>` or `: message` may
 * follow), so a sentence that mentions a class is not read as one.
 */
const CLASS_HEADING_TAIL = String.raw`\*{0,2}(?:(?: in | at | - )\S.{0,300}|: (.{0,2000}))?\s*$`;
const RUBY_CLASS = new RegExp(
  String.raw`^\s*\*{0,2}Aws::(?:([A-Z][A-Za-z0-9]{1,40})::)?Errors::([A-Z][A-Za-z0-9]{2,100})${CLASS_HEADING_TAIL}`,
);
const DOTNET_CLASS = new RegExp(
  String.raw`^\s*\*{0,2}Amazon\.([A-Z][A-Za-z0-9]{1,40})\.Model\.([A-Z][A-Za-z0-9]{2,100}Exception)${CLASS_HEADING_TAIL}`,
);
const PYTHON_CLASS = new RegExp(
  String.raw`^\s*\*{0,2}(?:botocore\.(?:errorfactory|exceptions)|(?:[A-Za-z_][A-Za-z0-9_]{0,60}\.)?[Cc]lient\.exceptions)\.([A-Z][A-Za-z0-9]{2,100})${CLASS_HEADING_TAIL}`,
);
const GO_V2_TYPE = new RegExp(String.raw`^\s*\*{0,2}\*types\.([A-Z][A-Za-z0-9]{2,100})${CLASS_HEADING_TAIL}`);
/**
 * PHP: the SDK v2's ExceptionFactory names the class after the code (`AWS.` and dots taken out,
 * `Exception` added when the code lacks it) in the service's namespace, `Aws\<Svc>\Exception\<Code>Exception`,
 * and falls back to the service's own `<Svc>Exception`, the only class v3 throws for a service error. As a
 * tracker or `get_class()` titles it, or as Symfony Console's box heads it (`  [<class> (<code>)]  `, the
 * message on the lines under it).
 */
const PHP_CLASS = new RegExp(
  String.raw`^\s*\*{0,2}\\?Aws\\(?:([A-Z][A-Za-z0-9]{1,40})\\)?Exception\\([A-Z][A-Za-z0-9]{2,100})${CLASS_HEADING_TAIL}`,
);
const PHP_CLASS_BOX =
  /^\s*\[\\?Aws\\(?:([A-Z][A-Za-z0-9]{1,40})\\)?Exception\\([A-Z][A-Za-z0-9]{2,100})(?: \(-?\d{1,5}\))?\]\s*$/;
/** Rust: `SdkError::ServiceError(MeterUsageError::ThrottlingException(…))`, or the variant alone. */
const RUST_VARIANT = /(?:^|\(|\s)([A-Z][A-Za-z0-9]{1,60})Error::([A-Z][A-Za-z0-9]{2,100})\b/g;
/**
 * botocore's SSLError by its message template, which the AWS CLI prints without the class name
 * (`SSL validation failed for <url> <what the TLS layer raised>`): the class is all it says, the
 * cause after the URL names the failure.
 */
const BOTOCORE_SSL_ERROR = /\bSSL validation failed for https?:\/\/\S{1,2000}(?: .{0,2000})?$/;
/**
 * The Rust SDK's SdkError printed with `{:?}` and nothing before it: the variant, then the struct of
 * the same name (`DispatchFailure(DispatchFailure { source: ConnectorError { … } })`).
 */
const RUST_SDK_ERROR = /(?:^|[\s(])(DispatchFailure|TimeoutError|ResponseError|ConstructionFailure)\(\1 \{/;
/** botocore's ClientError as trackers title it, cut after the code: `ClientError: An error occurred (AccessDenied)`. */
const BOTOCORE_HEAD = /\bAn error occurred \(([A-Za-z][A-Za-z0-9_.]{1,100})\)(?::? ?(.*))?$/;
/** The AWS SDK for PHP v2's exception message: `AWS Error Code: SignatureDoesNotMatch, Status Code: 403, …`. */
const PHP_V2 =
  /\bAWS Error Code: ([A-Z][A-Za-z0-9_.]{1,100})(?:, Status Code: (\d{3}))?(?:.*?AWS Error Message: (.*))?$/;
/** A JS SDK v3 error printed as an object, its name before the `$fault`/`$metadata` fields: `ThrottlingException { $fault: 'client', …`. */
const JS_V3_OBJECT = /^\s*(?:Uncaught )?([A-Z][A-Za-z0-9]{2,100}) \{\s*(?:\$fault|\$metadata|'\$fault')/;

const GO_V2_API_ERROR = /\bapi error ([A-Z][A-Za-z0-9_.]{1,100}): ?(.*)$/;

/** The error code an AWS SDK's exception class names, with the service its namespace names. */
function readAwsClassName(text: string): LineSignal | undefined {
  const ruby = RUBY_CLASS.exec(text);
  if (ruby) return { format: 'aws-class', code: ruby[2], serviceName: ruby[1], message: ruby[3] };
  const dotnet = DOTNET_CLASS.exec(text);
  if (dotnet) return { format: 'aws-class', code: dotnet[2], serviceName: dotnet[1], message: dotnet[3] };
  const python = PYTHON_CLASS.exec(text);
  if (python) return { format: 'aws-class', code: python[1], message: python[2] };
  const php = PHP_CLASS.exec(text) ?? PHP_CLASS_BOX.exec(text);
  if (php) return readPhpClass(php[1], php[2]!, php[3]);
  const go = GO_V2_TYPE.exec(text);
  if (go) return { format: 'aws-class', code: go[1], message: go[2] };
  // `SdkError::ServiceError` is the wrapper's own variant; `Unhandled` is a code the SDK's model does not know.
  for (const rust of text.matchAll(RUST_VARIANT)) {
    if (rust[1] === 'Sdk' || rust[2] === 'Unhandled') continue;
    return { format: 'aws-class', code: rust[2], operation: rust[1], message: '' };
  }
  const js = JS_V3_OBJECT.exec(text);
  if (js) return { format: 'aws-class', code: js[1], message: '' };
  return undefined;
}

/**
 * A PHP SDK class names a code only under a service's namespace and other than that service's own
 * class: `Aws\S3\Exception\S3Exception` (v3, and v2's fallback) says only which service answered, and
 * the classes of `Aws\Exception` and v2's `Aws\Common\Exception` (AwsException, CredentialsException,
 * InstanceProfileCredentialsException) are the SDK's own, named by their whole name.
 */
function readPhpClass(service: string | undefined, name: string, message: string | undefined): LineSignal {
  if (service === undefined || service === 'Common' || name === `${service}Exception`) {
    const namespace = service === undefined ? 'Aws\\Exception\\' : `Aws\\${service}\\Exception\\`;
    const serviceName = service === 'Common' ? undefined : service;
    return { format: 'aws-class', name: `${namespace}${name}`, serviceName, message };
  }
  return { format: 'aws-class', code: name, serviceName: service, message };
}

const toInt = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number.parseInt(s, 10));

/** Reads the strongest error signal on one line, or undefined when the line carries none. */
/**
 * A level word in a log line's head, in whatever layout the logger chose (`2026-… ERROR sync: …`,
 * `FATAL 2026-… backup: …`, `[error] publisher: …`, `<Error> …`, `level=error`): within the line's
 * first 80 characters, as its own token. Lower-case levels count only bracketed or as a field, where no
 * sentence puts them.
 */
const ERROR_LEVEL_HEAD =
  /^.{0,80}?(?:(?:^|[\s[(<|:])(?:ERROR|FATAL|CRITICAL|SEVERE|EMERGENCY)(?=[\s\]):>|]|$)|[[<](?:error|fatal|crit|critical|Error|Fatal)[\]>]|\b(?:level|lvl|severity)=["']?(?:error|fatal|crit|critical)\b)/;

/** Two words of a sentence in a row: a person writing, not a logger's head. */
const SENTENCE_WORDS = /\b[a-z]+ [a-z]+\b/;

/**
 * Whether the line is a log line at error level by its head (see ERROR_LEVEL_HEAD): what comes before
 * the level is a logger's (times, names, brackets), not a sentence ("We saw the ERROR about …").
 */
/**
 * An HTTP client's own line for a request that failed before any answer, naming the request and then
 * the cause: Go's net/http url.Error (`Get "https://…": <cause>`, unquoted before Go 1.14) and the PHP
 * SDK's "AWS HTTP error: <handler message>". Its cause's words say which failure it was.
 */
const CLIENT_REQUEST_FAILURE =
  /\b(?:Get|Put|Post|Head|Delete|Patch|Options) "?https?:\/\/[^\s"]{1,4000}"?: \S|\bAWS HTTP error: \S/;

/** Whether the line is an HTTP client's failed request in the layouts of CLIENT_REQUEST_FAILURE. */
export function failedRequestLine(line: string): boolean {
  return CLIENT_REQUEST_FAILURE.test(line);
}

export function atErrorLevel(line: string): boolean {
  const m = ERROR_LEVEL_HEAD.exec(line);
  return m !== null && !SENTENCE_WORDS.test(m[0]);
}

export function readLine(line: string): LineSignal | undefined {
  const text = line
    .replace(TERRAFORM_FRAME, '')
    .replace(CODE_QUOTE_OPEN, '')
    .replace(QUOTED_LINE_OPEN, '')
    .replace(CLI_PREFIX, '')
    .replace(SYSLOG_PREFIX, '')
    .replace(UNHANDLED_EVENT_PREFIX, '')
    .replace(GO_LOG_PREFIX, '')
    .replace(JAVA_THREAD, '')
    .replace(FAILED_TAG, '')
    .replace(PYTHON_RAISE_SOURCE, '');

  if (text.includes(') when calling the ')) {
    const m = BOTOCORE.exec(text);
    if (m)
      return { format: 'botocore', code: sanitizeCode(m[1]!), operation: m[2], retries: toInt(m[3]), message: m[4] };
  }

  if (text.includes('operation error ')) {
    // Go v2 nests: the outermost operation is the caller's; the innermost one failed.
    let operation: string | undefined;
    let serviceName: string | undefined;
    for (const m of text.matchAll(GO_V2_OPERATION)) {
      serviceName = m[1];
      operation = m[2];
    }
    const r = GO_V2_RESPONSE.exec(text);
    if (r) {
      return {
        format: 'go-v2',
        serviceName,
        operation,
        httpStatus: toInt(r[1]),
        requestId: r[2] || undefined,
        code: sanitizeCode(r[3]!),
        message: r[4],
      };
    }
    if (operation) {
      const tail = text.slice(text.lastIndexOf(',') + 1).trim();
      return { format: 'go-v2', serviceName, operation, message: tail };
    }
  }

  if (text.includes('Error Code: ')) {
    const m = JAVA_V1_TAIL.exec(text);
    if (m) {
      const head = text.slice(0, m.index).trim();
      const cls = JAVA_CLASS.exec(head);
      const message = cls ? cls[3] : head.replace(NAME_COLON, '$2');
      return {
        format: 'java-v1',
        serviceName: m[1],
        httpStatus: toInt(m[2]),
        code: sanitizeCode(m[3]!),
        requestId: m[4] || undefined,
        message,
      };
    }
  }
  if (text.includes('AWS Error Code: ')) {
    const m = JAVA_V1_OLD.exec(text);
    if (m)
      return {
        format: 'java-v1',
        httpStatus: toInt(m[1]),
        serviceName: m[2],
        requestId: m[3] || undefined,
        code: sanitizeCode(m[4]!),
      };
  }

  if (text.includes('.model.')) {
    const m = JAVA_CLASS.exec(text);
    if (m) {
      const tail = JAVA_V2_TAIL.exec(m[3]!);
      const message = tail ? m[3]!.slice(0, tail.index).trim() : m[3];
      return {
        format: 'java-v2',
        serviceName: tail?.[1] ?? m[1],
        code: m[2],
        httpStatus: toInt(tail?.[2]),
        requestId: tail?.[3] || undefined,
        message,
      };
    }
  }
  if (text.includes('SdkClientException') || text.includes('AmazonClientException')) {
    const m = JAVA_SDK_CLIENT.exec(text);
    // The Java SDK prints a host name it could not resolve as the whole message (the
    // UnknownHostException's own message): "Unable to execute HTTP request: host.amazonaws.com".
    if (m && UNRESOLVED_HOST_MESSAGE.test(m[2]!))
      return { format: 'java-client', code: 'UnknownHostException', message: m[2] };
    if (m) return { format: 'java-client', code: m[1], message: m[2] };
  }

  if (text.includes('oss: service returned error: ')) {
    const m = OSS_GO_SERVICE_ERROR.exec(text);
    if (m) return { format: 'oss-go', code: m[2], httpStatus: toInt(m[1]), message: m[3] };
  }
  if (text.includes('ErrorResponse(code = ')) {
    const m = MINIO_JAVA_ERROR_RESPONSE.exec(text);
    if (m) return { format: 'minio-java', code: m[1], message: m[2] };
  }
  if (text.includes('\\n\\tstatus code: ')) {
    const m = JSON_GO_V1_ERROR.exec(text);
    if (m)
      return { format: 'name-colon', code: m[1], message: m[2], httpStatus: toInt(m[3]), requestId: m[4] || undefined };
  }
  if (text.includes(' status code: ')) {
    const m = GO_V1_ONE_LINE.exec(text);
    if (m)
      return { format: 'name-colon', code: m[1], message: m[2], httpStatus: toInt(m[3]), requestId: m[4] || undefined };
  }
  if (text.includes('Error executing "')) {
    const m = PHP.exec(text);
    if (m) {
      const code = PHP_CODE.exec(m[3]!);
      const untagged = code ? undefined : GUZZLE_UNTAGGED_XML.exec(m[3]!);
      const curl = code || untagged ? undefined : readCurl(m[3]!);
      const named = code ? sanitizeCode(code[1]!) : (untagged?.[1] ?? curl?.code);
      // Guzzle cuts the response body it quotes at 120 characters, often before the `<Code>` or
      // `__type`: the operation and the status it answered with are still the AWS error's.
      const status = named === undefined ? GUZZLE_RESPONSE_STATUS.exec(m[3]!) : null;
      return {
        format: 'php',
        operation: m[1],
        code: named,
        ...(named === undefined ? { name: 'AWS HTTP error' } : {}),
        ...(status ? { httpStatus: toInt(status[1]) } : {}),
        message: code?.[3] ?? untagged?.[2] ?? m[3],
      };
    }
  }

  if (text.includes('An error occurred (')) {
    const m = BOTOCORE_HEAD.exec(text);
    if (m) return { format: 'botocore', code: sanitizeCode(m[1]!), message: m[2] };
  }
  if (text.includes('AWS Error Code: ')) {
    const m = PHP_V2.exec(text);
    if (m) return { format: 'php', code: m[1], httpStatus: toInt(m[2]), message: m[3] };
  }
  if (text.includes('api error ')) {
    // A Go v2 error's tail without its `operation error` head (a wrapper kept only the innermost part).
    const m = GO_V2_API_ERROR.exec(text);
    if (m) return { format: 'go-v2', code: m[1], message: m[2] };
  }
  const awsClass = readAwsClassName(text);
  if (awsClass) return awsClass;
  if (text.includes('__type')) {
    const m = JSON_TYPE.exec(text) ?? JS_TYPE.exec(text);
    if (m) return { format: 'json', code: sanitizeCode(m[1]!), message: (MESSAGE_JSON.exec(text) ?? [])[1] };
  }
  if (text.includes('<Code>')) {
    const m = XML_CODE.exec(text);
    if (m) return { format: 'xml', code: m[1], message: (MESSAGE_XML.exec(text) ?? [])[1] };
  }
  if (text.includes('Status')) {
    const m = RECORD_STATUS.exec(text);
    if (m) return { format: 'record-status', code: m[1] };
  }
  if (text.includes('ode')) {
    const m = JSON_CODE.exec(text) ?? JS_V2_CODE.exec(text);
    // AWS error codes are PascalCase (or a Node system code in capitals); a lowercase snake_case code
    // is another API's (OpenAI's invalid_api_key, @slack/web-api's slack_webapi_platform_error), and
    // ER_* names a MySQL server error (mysql and mysql2 for Node: ER_ACCESS_DENIED_ERROR).
    if (m && /^(?:[a-z][a-z0-9_]*|ER_[A-Z0-9_]{2,80})$/.test(m[1]!))
      return { format: 'log-error', name: m[1]!, message: (MESSAGE_JSON.exec(text) ?? [])[1] };
    if (m) return { format: 'json-code', code: m[1], message: (MESSAGE_JSON.exec(text) ?? [])[1] };
  }

  const status = GO_V1_STATUS.exec(text);
  if (status) return { format: 'go-v1-status', httpStatus: toInt(status[1]), requestId: status[2] };

  if (text.includes('pani') || text.includes('fatal error: ')) {
    const m = PANIC.exec(text);
    if (m) return { format: 'panic', name: 'panic', message: m[1] };
  }
  if (text.includes('UnhandledPromiseRejectionWarning:')) {
    const m = UNHANDLED_REJECTION.exec(text);
    if (m) return { format: 'uncaught', name: 'UnhandledPromiseRejection', message: m[1] };
  }
  if (text.includes('runtime error: ')) {
    const m = RUNTIME_ERROR.exec(text);
    if (m) return { format: 'panic', name: 'runtime error', message: m[1] };
  }
  if (text.includes('url') || text.includes('URL')) {
    const curl = readCurl(text);
    if (curl) return curl;
  }
  const flat = FLAT_FRAME.test(text) ? lastQualifiedException(text) : undefined;
  if (flat) return flat;
  const alone = QUALIFIED_ALONE.exec(text);
  if (alone) return { format: 'exception-alone', code: alone[1], message: '' };

  const mixed = MIXED_MODULE_EXCEPTION.exec(text);
  if (mixed) return { format: 'name-colon', code: `${mixed[1]}${mixed[2]}`, message: mixed[3] };

  const qualified = QUALIFIED_CAPITAL.exec(text);
  if (qualified) {
    const namespace = qualified[1]!;
    const name = qualified[2]!;
    // Dotted names are .NET's and must end like an exception; Ruby's `::` names need not.
    if (namespace.includes('::') || /(?:Exception|Error|Fault)$/.test(name)) {
      // Only the AWS SDKs' own namespaces carry an AWS error code in the last segment:
      // System.PlatformNotSupportedException is .NET's, not Marketplace Metering's.
      const aws = /^(?:Amazon\.|Aws::)/.test(namespace);
      return { format: 'name-colon', code: aws ? name : `${namespace}${name}`, message: qualified[3] };
    }
  }

  if (text.includes('::') || RUBY_UNCAUGHT_HEAD.test(text)) {
    const ruby = readRubyException(text);
    if (ruby) return ruby;
  }

  const named = NAME_COLON.exec(text);
  // A Python class in an exceptions module is an error whatever its own name: google.api_core.exceptions.PermissionDenied.
  if (named && !/(?:Exception|Error|Fault)$/.test(named[1]!)) {
    const module = /^\s*((?:[a-z_][a-z0-9_]*\.){1,8})[A-Z]/.exec(text)?.[1];
    if (module && ERRORS_MODULE.test(module))
      return { format: 'name-colon', code: `${module}${named[1]}`, message: named[2] };
  }
  if (named && /(?:Exception|Error|Fault)$/.test(named[1]!) && named[1] !== 'Error') {
    return { format: 'name-colon', code: named[1], message: named[2] };
  }
  if (named?.[1] === 'Error') return { format: 'error-colon', name: 'Error', message: named[2] };
  // `ERROR: …` is a log level, not an error's name: the log-line layout below reads it; an HTTP
  // status word (`Forbidden: …`) is a status, read there too.
  if (
    named &&
    !/^(?:ERROR|FATAL|CRITICAL)$/.test(named[1]!) &&
    !REPORTING_VERB.test(named[1]!) &&
    !STATUS_WORD.test(text)
  ) {
    // A field label ahead of another layout (`Body: {"error": …}`, `Type: card_error`) is not the
    // error's name: the layout after it says what the line is.
    const labelled = readOtherErrorLayout(text) ?? readOsError(text);
    if (labelled) return labelled;
    return { format: 'name-colon-weak', code: named[1], message: named[2] };
  }
  const logged = LOG_LEVEL_EXCEPTION.exec(text);
  if (logged)
    return { format: 'log-exception', code: logged[1]!.slice(logged[1]!.lastIndexOf('.') + 1), message: logged[2] };
  const ansibleRaised = ANSIBLE_EXCEPTION.exec(text);
  if (ansibleRaised) return { format: 'name-colon', code: ansibleRaised[1]!, message: ansibleRaised[2] };
  return readOtherErrorLayout(text) ?? readPrefixedError(text) ?? readFailureLine(text) ?? readOsError(text);
}

/**
 * Python's OSError printed as its str ("[Errno 110] Connection timed out"), behind whatever label a tool
 * put before it (`Problem: error: [Errno 110] …`): an error whose errno and text say what failed.
 */
function readOsError(text: string): LineSignal | undefined {
  const m = PYTHON_OS_ERROR.exec(text);
  return m ? { format: 'log-error', name: `[${m[1]} ${m[2]}]`, message: m[3] } : undefined;
}

/**
 * A program's failure line (see FAILURE_LINE). A person's question in that shape ("Unable to deploy: any
 * idea why?") asks about a failure rather than printing one.
 */
function readFailureLine(text: string): LineSignal | undefined {
  if (GO_STACK_FILE_LINE.test(text)) return { format: 'failure-line', name: 'Go stack trace', message: text.trim() };
  const object = OBJECT_BEFORE_FAILURE.exec(text);
  const m = FAILURE_LINE.exec(object ? text.slice(object[0].length) : text);
  if (!m || /\?\s*$/.test(text)) return undefined;
  const cause = m[3]!;
  // A verb with nothing after it and a sentence after the colon is a person's remark ("Cannot wait: the
  // new build ships Monday"); a program names what it did ("Unable to open database file: …") or gives a cause.
  if (m[2] === '' && SENTENCE_OPENING.test(cause)) return undefined;
  return { format: 'failure-line', name: m[1]!, message: cause };
}

/** The error a program's lead-in reports (see PREFIXED_NAME_COLON). */
function readPrefixedError(text: string): LineSignal | undefined {
  const m = PREFIXED_NAME_COLON.exec(text);
  if (!m) return undefined;
  const name = m[1]!;
  return /(?:Exception|Error|Fault)$/.test(name) && name !== 'Error'
    ? { format: 'name-colon', code: name, message: m[2] }
    : { format: 'name-colon-weak', code: name, message: m[2] };
}

/**
 * Error layouts that are no AWS SDK's: a log line at error level, a command-line tool's error
 * prefix, a labelled error code, a JSON error field, an error line inside a structured log's
 * message, an error inspected inside a logged object. They say "this is an error" and little
 * else; the caller decides what an unknown error of this kind is worth.
 */
function readOtherErrorLayout(text: string): LineSignal | undefined {
  const toolLayout = readToolErrorLayout(text);
  if (toolLayout) return toolLayout;
  const inspected = INSPECTED_ERROR.exec(text);
  if (inspected) {
    const name = inspected[1]!;
    return name === 'Error'
      ? { format: 'error-colon', name, message: inspected[2] }
      : { format: 'name-colon', code: name, message: inspected[2] };
  }
  const level = LOG_LEVEL_LINE.exec(text);
  if (level) {
    const message = level[1]!;
    const inner = LOGGED_NAME.exec(message);
    const code = inner?.[1] ?? inner?.[2];
    return code ? { format: 'log-error', code, message } : { format: 'log-error', name: 'ERROR', message };
  }
  const tabbed = TAB_LOG_LEVEL.exec(text);
  if (tabbed) return { format: 'log-error', name: 'ERROR', message: tabbed[1] ?? tabbed[2] };
  const badge = CONSOLA_BADGE.exec(text);
  if (badge) {
    const inner = LOGGED_NAME.exec(badge[1]!);
    const code = inner?.[1] ?? inner?.[2];
    return code
      ? { format: 'log-error', code, message: badge[1] }
      : { format: 'log-error', name: 'ERROR', message: badge[1] };
  }
  const rpc = RPC_ERROR.exec(text);
  if (rpc) return { format: 'log-error', name: 'rpc error', message: rpc[2] };
  const authMetadata = GRPC_JS_AUTH_METADATA.exec(text);
  if (authMetadata) return { format: 'log-error', name: 'UNAUTHENTICATED', message: authMetadata[1] };
  const httpError = HTTP_ERROR_REPR.exec(text) ?? REQUESTS_STATUS.exec(text) ?? CLIENT_STATUS.exec(text);
  if (httpError)
    return {
      format: 'log-error',
      name: `HTTP ${httpError[1]}`,
      httpStatus: Number(httpError[1]),
      message: httpError[2],
    };
  const http = HTTP_STATUS_LINE.exec(text);
  if (http) return { format: 'log-error', name: `HTTP ${http[1]}`, httpStatus: Number(http[1]), message: http[2] };
  const cli = CLI_ERROR.exec(text);
  if (cli) return { format: 'log-error', name: cli[1], message: cli[2] };
  const word = STATUS_WORD.exec(text);
  if (word) return { format: 'log-error', name: word[1]!, message: word[2] };
  const label = ERROR_LABEL.exec(text);
  if (label) return { format: 'log-error', code: label[1] };
  const jsonError = JSON_ERROR.exec(text);
  if (jsonError) return { format: 'log-error', code: jsonError[1] };
  const oauth = OAUTH_ERROR.exec(text);
  if (oauth) return { format: 'log-error', name: (oauth[1] ?? oauth[2])! };
  const errorType = ERROR_TYPE_LABEL.exec(text);
  if (errorType) return { format: 'log-error', name: errorType[1]! };
  const assertion = ASSERTION_FAILED.exec(text);
  if (assertion) return { format: 'panic', name: 'assertion failed', message: assertion[1] ?? assertion[2] };
  const entra = ENTRA_ERROR.exec(text);
  if (entra) return { format: 'log-error', name: entra[1]!, message: entra[2] };
  const nginx =
    NGINX_ERROR_LOG.exec(text) ?? PROTOBUF_LOG.exec(text) ?? RCLONE_LOG_LINE.exec(text) ?? LOGSTASH_LOG_LINE.exec(text);
  if (nginx) return { format: 'log-error', name: 'ERROR', message: nginx[1] };
  if (AWS_SIGNIN_SAML_ERROR.test(text))
    return { format: 'log-error', name: 'invalid SAML response', message: text.trim() };
  const validation = BOTO_VALIDATION.exec(text);
  if (validation)
    return {
      format: 'log-error',
      name: /^\s*Required parameter /.test(text) ? 'ValueError' : 'ParamValidationError',
      message: text.trim(),
    };
  const retried = RCLONE_PACER_RETRY.exec(text);
  if (retried) return { format: 'log-error', name: 'low level retry', message: retried[1] };
  const box = SERVERLESS_ERROR_BOX.exec(text);
  if (box) return { format: 'failure-line', name: box[1]! };
  const chevron = CHEVRON_ERROR_LINE.exec(text);
  if (chevron) return { format: 'failure-line', name: 'Error!', message: chevron[1] };
  const bracketed = BRACKETED_LEVEL_LINE.exec(text);
  if (bracketed) return { format: 'failure-line', name: 'ERROR', message: bracketed[1] ?? bracketed[2] };
  if (GCE_METADATA_FAILURE.test(text))
    return { format: 'log-error', name: 'GCE metadata server unavailable', message: text.trim() };
  const denial = OTHER_CLOUD_DENIAL.exec(text);
  if (denial) return { format: 'log-error', name: 'permission denied', message: text.trim() };
  const noSuch = PROVIDER_NO_SUCH.exec(text);
  if (noSuch) return { format: 'log-error', name: 'not found', message: text.trim() };
  const jsonBody = readJsonErrorBody(text);
  if (jsonBody) return jsonBody;
  const lambda = LAMBDA_ERROR_MESSAGE.exec(text);
  if (lambda) return { format: 'log-error', name: 'errorMessage', message: lambda[1] };
  const message = MESSAGE_JSON.exec(text)?.[1];
  const carried = message === undefined ? null : MESSAGE_ERROR_LINE.exec(message);
  if (carried) {
    const name = carried[1]!;
    return name === 'Error'
      ? { format: 'error-colon', name, message: carried[2] }
      : { format: 'log-error', code: name, message: carried[2] };
  }
  return undefined;
}

/**
 * The layouts of the clients, servers and loggers that run beside AWS calls: Slack's Web API and its
 * SDKs, Alibaba Cloud's SDKs, kubectl, Docker, the GitHub CLI and REST API, MySQL, PostgreSQL, redis-cli, Elixir, logfmt
 * and bracketed-level loggers, Ruby's quoted NoMethodError and Pulumi's resource diagnostics. Each names the error by its own terms, never an AWS code.
 */
function readToolErrorLayout(text: string): LineSignal | undefined {
  const parenthesised = PARENTHESISED_CODE_ERROR.exec(text);
  // Without a message, a one-word kind (hyper's `client error (Connect)`) is no server's error code.
  if (parenthesised && (parenthesised[2] !== undefined || /^[A-Z][a-z0-9]*[A-Z]/.test(parenthesised[1]!)))
    return { format: 'log-error', code: parenthesised[1], message: parenthesised[2] };
  const ruby = RUBY_UNDEFINED_METHOD.exec(text);
  if (ruby) return { format: 'log-error', name: 'NoMethodError', message: ruby[1] };
  const constant = PHP_UNDEFINED_CONSTANT.exec(text);
  if (constant) return { format: 'log-error', name: 'PHP undefined constant', message: constant[1] };
  const pulumi = PULUMI_RESOURCE_ERROR.exec(text);
  if (pulumi) return { format: 'log-error', name: 'Pulumi error', message: pulumi[1] };
  const slack = SLACK_BODY.exec(text);
  if (slack) return { format: 'log-error', name: `Slack ${slack[1]}`, message: text.trim() };
  const webApi = SLACK_WEB_API_ERROR.exec(text);
  if (webApi) {
    const what = webApi[1] ?? (webApi[2] ? `HTTP ${webApi[2]}` : webApi[3] ? 'request error' : 'rate limited');
    return { format: 'log-error', name: `Slack ${what}`, message: text.trim() };
  }
  const relayed = RELAYED_SERVER_ERROR.exec(text);
  if (relayed) {
    if (relayed[4])
      return { format: 'log-error', name: `HTTP ${relayed[4]}`, httpStatus: Number(relayed[4]), message: relayed[3] };
    return { format: 'log-error', name: relayed[1] ?? 'daemon error', message: relayed[2] };
  }
  const goStatus = GO_CLIENT_STATUS.exec(text);
  if (goStatus)
    return { format: 'log-error', name: `HTTP ${goStatus[1]}`, httpStatus: Number(goStatus[1]), message: goStatus[2] };
  const npm = NPM_ERROR.exec(text);
  if (npm) return { format: 'log-error', name: 'npm error', message: npm[1] };
  const alibaba = ALIBABA_SDK_ERROR.exec(text);
  if (alibaba) return { format: 'log-error', name: alibaba[1] ?? alibaba[3]!, message: alibaba[2] ?? text.trim() };
  const php = PHP_UNCAUGHT.exec(text);
  if (php) {
    const namespace = php[1]!;
    return {
      format: 'name-colon',
      code: namespace.startsWith('Aws\\') ? php[2] : `${namespace}${php[2]}`,
      message: php[3],
    };
  }
  const php5 = PHP5_UNCAUGHT.exec(text);
  if (php5) return { format: 'name-colon', code: php5[1]!, message: php5[2] };
  const stream = PHP_STREAM_HTTP.exec(text);
  if (stream)
    return { format: 'log-error', name: `HTTP ${stream[1]}`, httpStatus: Number(stream[1]), message: stream[2] };
  if (text.includes('ailed to open stream:')) {
    const open = PHP_STREAM_OPEN.exec(text);
    if (open) return { format: 'log-error', name: 'PHP stream', message: open[1] || undefined, transport: true };
  }
  const erlang = ERLANG_SHELL_EXCEPTION.exec(text);
  if (erlang) return { format: 'log-error', name: `exception ${erlang[1]}`, message: erlang[2] };
  const fatal = FATAL_ERROR_HEAD.exec(text);
  if (fatal && !/^Uncaught /.test(fatal[1]!)) return { format: 'panic', name: 'Fatal error', message: fatal[1] };
  const goPostgres = GO_POSTGRES.exec(text);
  if (goPostgres) return { format: 'log-error', name: 'PostgreSQL error', message: goPostgres[1] ?? text.trim() };
  const goMysql = GO_MYSQL_LOG.exec(text);
  if (goMysql) return { format: 'log-error', name: 'MySQL driver error', message: goMysql[1] };
  const logrus = LOGRUS_TTY.exec(text);
  if (logrus) return { format: 'log-error', name: 'ERROR', message: logrus[1] };
  const mysql = MYSQL_ERROR.exec(text);
  if (mysql) return { format: 'log-error', name: `MySQL error ${mysql[1]}`, message: mysql[3] };
  const postgres = POSTGRES_LOG.exec(text);
  if (postgres) return { format: 'log-error', name: 'PostgreSQL error', message: postgres[1] };
  const redis = REDIS_CLI_ERROR.exec(text);
  if (redis) return { format: 'log-error', name: `Redis ${redis[1]}`, message: redis[2] };
  const elixir = ELIXIR_EXCEPTION.exec(text);
  if (elixir) return { format: 'log-error', name: elixir[1]!, message: elixir[2] };
  const tuple = ERROR_TUPLE.exec(text);
  if (tuple) return { format: 'log-error', name: 'error tuple', message: tuple[1] };
  for (const layout of LEVELLED_LOG_LAYOUTS) {
    const m = layout.exec(text);
    if (m) return { format: 'log-error', name: 'ERROR', message: m[1] };
  }
  const klog = KLOG_ERROR.exec(text);
  if (klog && !klog[1]!.trimEnd().endsWith('=<')) return { format: 'log-error', name: 'klog error', message: klog[1] };
  const bracket = BRACKET_LEVEL.exec(text);
  if (bracket) return { format: 'log-error', name: 'ERROR', message: bracket[1] };
  if (LOGFMT_LEVEL.test(text)) {
    const message = LOGFMT_MESSAGE.exec(text);
    if (message) return { format: 'log-error', name: 'ERROR', message: message[1]!.replace(/^"|"$/g, '') };
  }
  if (GITHUB_ERROR_BODY.test(text)) return { format: 'log-error', name: 'error response', message: text.trim() };
  return readRuntimeFailure(text);
}

/**
 * Failures the runtime or the platform reports rather than the program: MinIO's `mc`, a C++ terminate or
 * a fatal signal, Node's V8 heap exhaustion, Celery and Sidekiq workers, Erlang/OTP reports, PowerShell error records, systemd units,
 * Kubernetes Warning events and failed container states, gRPC for Python, Azure Identity credentials.
 */
function readRuntimeFailure(text: string): LineSignal | undefined {
  const mc = MC_ERROR.exec(text);
  if (mc) return { format: 'log-error', name: 'mc error', message: mc[1] };
  const vault = VAULT_RESPONSE.exec(text);
  if (vault)
    return { format: 'log-error', name: `HTTP ${vault[1]}`, httpStatus: Number(vault[1]), message: text.trim() };
  const terminate = CPP_TERMINATE.exec(text);
  if (terminate) return { format: 'panic', name: terminate[1] ?? 'std::terminate', message: text.trim() };
  const heap = NODE_FATAL_ERROR.exec(text);
  if (heap) return { format: 'panic', name: heap[1]!, message: text.trim() };
  const signal = FATAL_SIGNAL.exec(text);
  if (signal) return { format: 'panic', name: signal[1]!, message: text.trim() };
  const celery = CELERY_LOG.exec(text);
  if (celery) return { format: 'log-error', name: CELERY_RAISED.exec(celery[1]!)?.[1] ?? 'ERROR', message: celery[1] };
  const sidekiq = SIDEKIQ_EXCEPTION.exec(text);
  if (sidekiq) return { format: 'log-error', name: sidekiq[1]!, message: sidekiq[2] };
  const erlang = ERLANG_REPORT.exec(text);
  if (erlang)
    return {
      format: 'log-error',
      name: erlang[1] ? `${erlang[1]} REPORT` : 'process terminating',
      message: text.trim(),
    };
  const powershell = POWERSHELL_HEAD.exec(text);
  if (powershell) return { format: 'log-error', name: powershell[1]!, message: powershell[2] };
  const record = POWERSHELL_RECORD.exec(text);
  if (record) return { format: 'log-error', name: record[1] ?? record[2]!, message: text.trim() };
  const concise = POWERSHELL_CONCISE_SCRIPT.exec(text);
  if (concise) return { format: 'log-error', name: concise[1]!, message: text.trim() };
  const argument = DOTNET_ARGUMENT_TAIL.exec(text);
  if (argument) return { format: 'log-error', name: 'ArgumentException', message: text.trim() };
  const task = ANSIBLE_TASK_FAILURE.exec(text);
  if (task) return { format: 'log-error', name: `Ansible task ${task[1] ?? 'failed'}`, message: task[2] };
  const inventory = ANSIBLE_PARSE_WARNING.exec(text);
  if (inventory) return { format: 'log-error', name: 'Ansible inventory parse failure', message: text.trim() };
  const died = DOCKER_DIED_EVENT.exec(text);
  if (died)
    return {
      format: 'log-error',
      name: died[1] ? `container exited ${died[1]}` : 'container out of memory',
      message: text.trim(),
    };
  const aliyun = ALIYUN_TROUBLESHOOT.exec(text);
  if (aliyun) return { format: 'log-error', name: `Alibaba Cloud EC ${aliyun[2]}`, message: text.trim() };
  const ansible = ANSIBLE_ERROR.exec(text);
  if (ansible) return { format: 'log-error', name: 'Ansible error', message: ansible[1] };
  const unit = SYSTEMD_FAILURE.exec(text);
  if (unit) return { format: 'log-error', name: 'unit failed', message: text.trim() };
  const event = K8S_WARNING_EVENT.exec(text);
  if (event) return { format: 'log-error', name: event[1]!, message: event[2] };
  const state = K8S_FAILED_STATE.exec(text);
  if (state) return { format: 'log-error', name: state[1]!, message: text.trim() };
  const grpc = GRPC_PYTHON.exec(text);
  if (grpc) return { format: 'log-error', name: grpc[1] ?? grpc[2]!, message: text.trim() };
  const azure = AZURE_CREDENTIAL_FAILURE.exec(text);
  if (azure) return { format: 'log-error', name: azure[1]!, message: text.trim() };
  if (text.includes('SSL validation failed for ')) {
    const ssl = BOTOCORE_SSL_ERROR.exec(text);
    if (ssl) return { format: 'botocore', code: 'SSLError', message: ssl[0] };
  }
  const rust = RUST_SDK_ERROR.exec(text);
  if (rust) return { format: 'log-error', name: rust[1]!, message: text.trim() };
  const lambda = LAMBDA_RUNTIME_FAILURE.exec(text);
  if (lambda) return { format: 'log-error', name: lambda[1] ?? 'Lambda runtime failure', message: lambda[2] };
  const traceback = readFlattenedTraceback(text);
  if (traceback) return traceback;
  const session = SESSION_EXPIRED_NOTICE.exec(text);
  if (session) return { format: 'log-error', name: 'session expired', message: text.trim() };
  return undefined;
}

/**
 * A Python traceback whose lines were joined into one (a log shipper's single-line field, a Markdown code
 * span): `Traceback (most recent call last): File "…", line N, in f … KeyError: 'x'`. Its exception is the
 * last `Name: ` after the frames, as on the traceback's last line.
 */
function readFlattenedTraceback(text: string): LineSignal | undefined {
  const at = text.indexOf(TRACEBACK_HEAD);
  if (at < 0 || !/^\s*File "/.test(text.slice(at + TRACEBACK_HEAD.length))) return undefined;
  let last: RegExpExecArray | undefined;
  for (const m of text.slice(at).matchAll(FLATTENED_EXCEPTION)) last = m;
  if (!last) return { format: 'panic', name: 'Traceback', message: text.slice(at).trim() };
  return { format: 'panic', name: last[1]!, message: last[2] };
}

/** A libcurl error number with libcurl's name for it (a number libcurl does not define is named by its number). */
function readCurl(text: string): LineSignal | undefined {
  const m = CURL_ERROR.exec(text);
  if (!m) {
    // Only a number libcurl's list names: any other number after "curl" is a count or a version.
    const n = CURL_NUMBER.exec(text);
    const code = n ? CURL_CODES[n[1]!] : undefined;
    return code ? { format: 'curl', code, message: '' } : undefined;
  }
  const number = m[1] ?? m[2] ?? m[3] ?? m[4]!;
  const message = m[5];
  const code = CURL_CODES[number];
  return code ? { format: 'curl', code, message } : { format: 'log-error', name: `cURL error ${number}`, message };
}

/** The exception a one-line Python traceback ends with: the last qualified `name: message` after its frames. */
function lastQualifiedException(text: string): LineSignal | undefined {
  let found: LineSignal | undefined;
  for (const m of text.matchAll(QUALIFIED_NAME_COLON)) {
    const module = m[1]!;
    const name = m[2]!;
    if (!/(?:Exception|Error|Fault)$/.test(name) && !ERRORS_MODULE.test(module)) continue;
    const message = text.slice((m.index ?? 0) + m[0].length);
    // AWS's own Python packages keep the AWS name; any other package's class is known by its full name.
    const aws = /^(?:botocore|boto3|aiobotocore)\./.test(module);
    found = { format: 'name-colon', code: aws ? name : `${module}${name}`, message };
  }
  return found;
}

/** A Ruby exception in Rack's, Rails' or Ruby's own uncaught layout (see RUBY_DASH, RUBY_UNCAUGHT). */
function readRubyException(text: string): LineSignal | undefined {
  const dash = RUBY_DASH.exec(text);
  if (dash) {
    const namespace = dash[1]!;
    const name = dash[2]!;
    const code = namespace.startsWith('Aws::') ? name : `${namespace}${name}`;
    return { format: 'name-colon', code, message: dash[3] ?? dash[4] };
  }
  // The class is read from the end of the line, then the frame head before it: no backtracking over the message.
  const tail = RUBY_UNCAUGHT_CLASS.exec(text.slice(-320));
  if (!tail) return undefined;
  const before = text.slice(0, text.length - tail[0].length);
  const head = RUBY_UNCAUGHT_HEAD.exec(before);
  if (!head) return undefined;
  const qualified = tail[1]!;
  const code = qualified.startsWith('Aws::') ? qualified.slice(qualified.lastIndexOf('::') + 2) : qualified;
  return { format: 'name-colon', code, message: before.slice(head.index + head[0].length) };
}

/**
 * The lines of a JSON error body in the shapes web APIs use: `{"error": {"code": 403, "message": …,
 * "status": "PERMISSION_DENIED"}}` (Google), `{"errors": [{…}]}` (GraphQL, JSON:API, many REST APIs),
 * `{"message": …, "code": 404}`. Each line alone says an error body is there; lines of one body join one block.
 */
function readJsonErrorBody(text: string): LineSignal | undefined {
  const status = JSON_STATUS.exec(text);
  if (status) {
    const code = status[1] ?? status[2]!;
    return {
      format: 'log-error',
      name: `HTTP ${code}`,
      httpStatus: Number(code),
      message: MESSAGE_JSON.exec(text)?.[1],
    };
  }
  if (JSON_LOG_LEVEL.test(text)) return { format: 'log-error', name: 'ERROR', message: MESSAGE_JSON.exec(text)?.[1] };
  const canonical = JSON_CANONICAL_STATUS.exec(text);
  if (canonical) return { format: 'log-error', name: canonical[1]!, message: MESSAGE_JSON.exec(text)?.[1] };
  if (JSON_ERROR_CONTAINER.test(text))
    return { format: 'log-error', name: 'error response', message: MESSAGE_JSON.exec(text)?.[1] };
  return undefined;
}
