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
  /https response error StatusCode: (\d{3}), RequestID: ([A-Za-z0-9-]*), (?:api error )?([A-Za-z][A-Za-z0-9_.]{1,100}): ?(.*)$/;
const GO_V1_STATUS = /^\s*status code: (\d{3}), request id: ([A-Za-z0-9-]+)/;
const JAVA_V1_TAIL =
  /\(Service: ([A-Za-z0-9 ]{1,80}); Status Code: (\d{3}); Error Code: ([A-Za-z0-9_.]{1,100}); Request ID: ([A-Za-z0-9-]*)/;
const JAVA_V1_OLD =
  /Status Code: (\d{3}), AWS Service: ([A-Za-z0-9]{1,80}), AWS Request ID: ([A-Za-z0-9-]*), AWS Error Code: ([A-Za-z0-9_.]{1,100})/;
const JAVA_V2_TAIL = /\(Service: ([A-Za-z0-9 ]{1,80}), Status Code: (\d{3}), Request ID: ([A-Za-z0-9-]*)/;
const JAVA_CLASS =
  /(?:software\.amazon\.awssdk\.services|com\.amazonaws\.services)\.([a-z0-9]{1,60})\.model\.([A-Za-z0-9]{1,100}): ?(.*)$/;
const JAVA_SDK_CLIENT = /(?:software\.amazon\.awssdk\.core\.exception|com\.amazonaws)\.(SdkClientException): ?(.*)$/;
const UNRESOLVED_HOST_MESSAGE = /^Unable to execute HTTP request: [a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}\s*$/;
const PHP = /Error executing "([A-Za-z0-9]{1,100})" on "([^"]{1,500})"; AWS HTTP error: (.*)$/;
const PHP_CODE = /\b([A-Z][A-Za-z0-9]{2,100}) \((client|server)\): (.*)$/;
const JSON_TYPE = /"__type"\s*:\s*"([^"]{1,300})"/;
const JS_TYPE = /\b__type: '([^']{1,300})'/;
const JSON_CODE = /"(?:Code|code)"\s*:\s*"([A-Za-z][A-Za-z0-9_.]{1,100})"/;
const JS_V2_CODE = /\bcode: '([A-Za-z][A-Za-z0-9_.]{1,100})'/;
const XML_CODE = /<Code>([A-Za-z][A-Za-z0-9_.]{1,100})<\/Code>/;
const RECORD_STATUS = /["']?Status["']?\s*[:=]\s*["']?(CustomerNotSubscribed|DuplicateRecord)\b/;
/** `SomeException: message` at the head of a line: JS v3 stacks, Go v1, Python tracebacks. */
const NAME_COLON =
  /^\s*(?:Uncaught |Caused by: |[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.)?([A-Z][A-Za-z0-9]{2,100}): (.*)$/;
const CLI_PREFIX = /^\s*aws: \[ERROR\]: ?/;
/** Go's `log` package prefix (`log.Fatal`, `log.Printf`): `2026/12/07 09:03:55 `, with or without microseconds. */
const GO_LOG_PREFIX = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? /;
/** Java's uncaught-exception head, in front of the exception's qualified name. */
const JAVA_THREAD = /^\s*Exception in thread "[^"]{0,200}" /;
/** A qualified exception class alone on its line (`java.lang.NullPointerException`, then stack frames). */
const QUALIFIED_ALONE = /^\s*(?:[a-z][a-z0-9_]*\.){1,8}([A-Z][A-Za-z0-9]{2,100}(?:Exception|Error))\s*$/;
/** Go and Rust crashes: `panic: ...`, `fatal error: ...`, `thread 'main' panicked at ...`. */
const PANIC = /^\s*(?:panic: |fatal error: |thread '[^']{1,100}' panicked at )(.+)$/;
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
  /^\s*(?:[`'"]|-{2,3}> |Unhandled exception\. )?((?:[A-Z][A-Za-z0-9]*(?:\.|::)){1,8})([A-Z][A-Za-z0-9]{2,100}): (.*)$/;
/** Node's old inspect output of an error inside a logged object: `Error sending message { Error: …`. */
const INSPECTED_ERROR = /[{[] \[?((?:[A-Z][A-Za-z0-9]{0,100})?(?:Error|Exception)): (.*)$/;
/** A log line at error level: `ERROR: (Code) message` (Azure CLI), `ERROR:logger:message` (Python logging). */
const LOG_LEVEL_LINE =
  /^\s*(?:\[?\d{4}-\d{2}-\d{2}[T ][0-9:.,]{5,15}Z?\]?\s+)?\[?(?:ERROR|FATAL|CRITICAL)\]?(?::|\s+-{1,2}\s)\s*(.{3,})$/;
/** A tab-separated log line at error level (AWS Lambda's runtimes: `time\trequest id\tERROR\tmessage`). */
const TAB_LOG_LEVEL = /(?:^|\t)(?:ERROR|FATAL)\t\s*(\S.{2,})$/;
/** gRPC's error layout, which container runtimes relay: `rpc error: code = Unknown desc = …`. */
const RPC_ERROR = /\brpc error: code = ([A-Z][A-Za-z]{2,40}) desc = (.*)$/;
/** An HTTP error status at the head of a line: `HTTP 403: Forbidden. …`, `HTTP/1.1 503 Service Unavailable`. */
const HTTP_STATUS_LINE = /^\s*(?:> )?HTTP(?:\/\d(?:\.\d)?)? ([45]\d\d):? ([A-Z][A-Za-z]+(?: [A-Za-z]+){0,3})/;
/** The error's name inside a log-level message: `(AuthorizationFailed) …` or `…Exception: …`. */
const LOGGED_NAME = /^\(([A-Z][A-Za-z0-9]{2,100})\)|(?:^|:)([A-Z][A-Za-z0-9]{0,100}(?:Exception|Error)): /;
/** Command-line tools' lowercase error prefixes (docker, git, kubectl): `denied: requested access …`. */
const CLI_ERROR = /^\s*(?:> )?(error|fatal|denied|unauthorized|forbidden): ([A-Za-z(].*)$/;
/** A labelled error code on its own line: `Error type: AuthorizationFailed`, `ErrorCode: …`. */
const ERROR_LABEL = /^\s*(?:Error ?[Tt]ype|Error ?[Cc]ode|ERROR CODE)\s*:\s*([A-Z][A-Za-z0-9]{2,100})\s*$/;
/** A JSON error field holding a code: `"error": "InvalidRegistration"` (not a sentence). */
const JSON_ERROR = /"(?:error|errorType|errorCode)"\s*:\s*"([A-Z][A-Za-z0-9_]{2,100})"/;
/** An error line carried in a structured log's message field: `"message": "TypeError: …"`. */
const MESSAGE_ERROR_LINE = /^((?:[A-Z][A-Za-z0-9]{0,100})?(?:Error|Exception)): (.*)$/;
const MESSAGE_XML = /<Message>([^<]{1,2000})<\/Message>/;

const toInt = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number.parseInt(s, 10));

/** Reads the strongest error signal on one line, or undefined when the line carries none. */
export function readLine(line: string): LineSignal | undefined {
  const text = line.replace(CLI_PREFIX, '').replace(GO_LOG_PREFIX, '').replace(JAVA_THREAD, '');

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
  if (text.includes('SdkClientException')) {
    const m = JAVA_SDK_CLIENT.exec(text);
    // The Java SDK prints a host name it could not resolve as the whole message (the
    // UnknownHostException's own message): "Unable to execute HTTP request: host.amazonaws.com".
    if (m && UNRESOLVED_HOST_MESSAGE.test(m[2]!))
      return { format: 'java-client', code: 'UnknownHostException', message: m[2] };
    if (m) return { format: 'java-client', code: m[1], message: m[2] };
  }

  if (text.includes('Error executing "')) {
    const m = PHP.exec(text);
    if (m) {
      const code = PHP_CODE.exec(m[3]!);
      return {
        format: 'php',
        operation: m[1],
        code: code ? sanitizeCode(code[1]!) : undefined,
        message: code?.[3] ?? m[3],
      };
    }
  }

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
    if (m) return { format: 'json-code', code: m[1], message: (MESSAGE_JSON.exec(text) ?? [])[1] };
  }

  const status = GO_V1_STATUS.exec(text);
  if (status) return { format: 'go-v1-status', httpStatus: toInt(status[1]), requestId: status[2] };

  if (text.includes('pani') || text.includes('fatal error: ')) {
    const m = PANIC.exec(text);
    if (m) return { format: 'panic', name: 'panic', message: m[1] };
  }
  if (text.includes('runtime error: ')) {
    const m = RUNTIME_ERROR.exec(text);
    if (m) return { format: 'panic', name: 'runtime error', message: m[1] };
  }
  const alone = QUALIFIED_ALONE.exec(text);
  if (alone) return { format: 'exception-alone', code: alone[1], message: '' };

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

  const named = NAME_COLON.exec(text);
  if (named && /(?:Exception|Error|Fault)$/.test(named[1]!) && named[1] !== 'Error') {
    return { format: 'name-colon', code: named[1], message: named[2] };
  }
  if (named?.[1] === 'Error') return { format: 'error-colon', name: 'Error', message: named[2] };
  // `ERROR: …` is a log level, not an error's name: the log-line layout below reads it.
  if (named && !/^(?:ERROR|FATAL|CRITICAL)$/.test(named[1]!))
    return { format: 'name-colon-weak', code: named[1], message: named[2] };
  const logged = LOG_LEVEL_EXCEPTION.exec(text);
  if (logged)
    return { format: 'log-exception', code: logged[1]!.slice(logged[1]!.lastIndexOf('.') + 1), message: logged[2] };
  return readOtherErrorLayout(text);
}

/**
 * Error layouts that are no AWS SDK's: a log line at error level, a command-line tool's error
 * prefix, a labelled error code, a JSON error field, an error line inside a structured log's
 * message, an error inspected inside a logged object. They say "this is an error" and little
 * else; the caller decides what an unknown error of this kind is worth.
 */
function readOtherErrorLayout(text: string): LineSignal | undefined {
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
  if (tabbed) return { format: 'log-error', name: 'ERROR', message: tabbed[1] };
  const rpc = RPC_ERROR.exec(text);
  if (rpc) return { format: 'log-error', name: 'rpc error', message: rpc[2] };
  const http = HTTP_STATUS_LINE.exec(text);
  if (http) return { format: 'log-error', name: `HTTP ${http[1]}`, httpStatus: Number(http[1]), message: http[2] };
  const cli = CLI_ERROR.exec(text);
  if (cli) return { format: 'log-error', name: cli[1], message: cli[2] };
  const label = ERROR_LABEL.exec(text);
  if (label) return { format: 'log-error', code: label[1] };
  const jsonError = JSON_ERROR.exec(text);
  if (jsonError) return { format: 'log-error', code: jsonError[1] };
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
