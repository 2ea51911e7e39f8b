import type { Catalog, PhraseRef } from './catalog/catalog.js';
import type { CatalogEntry, Severity } from './catalog/schema.js';
import type { Facts } from './facts.js';
import {
  actionFromOperation,
  extractFacts,
  serviceFromAction,
  serviceFromCode,
  serviceFromHints,
  serviceFromName,
  serviceFromOperation,
} from './extract/facts-extract.js';
import { atErrorLevel, failedRequestLine, PYTHON_RAISE_SOURCE, readLine, type LineSignal } from './extract/formats.js';
import { LINE_MARKS } from './extract/line-marks.js';
import { EMPTY_REGION, type FamilyMatch, familyNamedBy } from './match/failure-family.js';
import {
  namesAwsClientTransport,
  namesOtherCloudClient,
  namesOtherCloudSdk,
  namesOtherCloudServer,
  namesS3ApiClient,
} from './other-clouds.js';
import { howWritten, LOG_LEAD, NARRATION, quotedInSentence, quotedWithinProse, titledChange } from './talk.js';
import { extractUsageBatch, type PastedUsageBatch } from './extract/usage-records.js';
import {
  confidenceOf,
  RIVAL_MECHANISM_CAP,
  errorEvidence,
  FORMAT_EVIDENCE,
  rankEntries,
  type BlockEvidence,
  type CauseDepth,
  type RankedEntry,
} from './match/rank.js';
import { MAX_LINE_CHARS, normalizePaste } from './text/normalize.js';
import { gateAlternation } from './text/required-literals.js';
import { checkWindow } from './time-window.js';
import {
  HIGH_CONFIDENCE,
  isGuess,
  relatedFor,
  relatedForGuess,
  type RelatedCatalogEntry,
  verdictOf,
  type Verdict,
} from './verdict.js';

export { HIGH_CONFIDENCE };

/**
 * The diagnosis pipeline: normalise the paste, find the error blocks in it, read their facts,
 * rank catalog entries for each block, and merge blocks that are the same error.
 * Pure: no I/O, no clock (the caller passes `now`).
 */

export type AnswerSource = 'catalog' | 'llm' | 'cache';

export interface Finding {
  entry: CatalogEntry;
  source: AnswerSource;
  /** How sure the diagnosis is that this entry is the right one. */
  confidence: number;
  /**
   * How sure it is that the paste holds this error at all, whichever entry explains it. Listeners
   * that answer unprompted decide on this (>= DEFAULT_ERROR_THRESHOLD), not on `confidence`: two
   * entries fitting equally well lowers the confidence, not the fact that an error was pasted.
   */
  evidence: number;
  facts: Facts;
  /** How many times this error appears in the paste. */
  occurrences: number;
  /** Other entries that also fit, best first (for "did you mean" and for grounding the AI). */
  alternatives: CatalogEntry[];
  /** The error's own text, cut to a few lines (what an answer that cannot name the entry shows). */
  excerpt?: string;
  /**
   * For a guess (confidence below POSSIBLE_MATCH_FLOOR): the entries to offer as "might be
   * related", this one first. Such a finding is never shown as the diagnosis.
   */
  related?: RelatedCatalogEntry[];
  /**
   * False for a network failure in a paste with nothing AWS in it (a local database refusing, a
   * DNS name of another company's service): it may be anyone's, so it is a possible match when
   * asked and not taken up unprompted. Absent otherwise.
   */
  awsContext?: false;
}

/** An error the paste clearly holds but the catalog does not know. */
export interface UnmatchedError {
  facts: Facts;
  occurrences: number;
  /** The error's own text, cut to a few lines. */
  excerpt: string;
  /** How sure the diagnosis is that this is an error (an SDK's error format is surer than any exception line). */
  evidence?: number;
  /**
   * The paste shows AWS or metering context (an ARN, an endpoint, an SDK). Listeners that answer
   * unprompted only take up an unknown error with this context: a stranger's exception is not their business.
   */
  awsContext?: boolean;
  /** The catalog entries closest to it, offered as "might be related" (the first few unknown errors of a paste). */
  related?: RelatedCatalogEntry[];
}

export interface Diagnosis {
  /** True when the paste holds an error worth answering unprompted. */
  isError: boolean;
  findings: Finding[];
  unmatched: UnmatchedError[];
  usageBatch?: PastedUsageBatch;
  /** Why nothing was diagnosed, when that is the case for a reason the user should know. */
  refusal?: 'empty' | 'binary';
  truncated?: { scannedChars: number; totalChars: number };
  /**
   * Whether the paste is known, a possible match, or an error MeterDoc does not know (with the
   * closest entries). Every surface says what this says.
   */
  verdict: Verdict;
}

export interface DiagnoseOptions {
  now?: Date;
  /** Blocks with less error evidence than this do not make `isError` true (they are still reported). */
  errorThreshold?: number;
}

/** Confidence from which a paste counts as an error the bot answers without being asked. */
export const DEFAULT_ERROR_THRESHOLD = 0.6;
/** Lines after an anchor line that still belong to its error (stack frames, `$metadata`, Go v1 status). */
const BLOCK_TAIL_LINES = 12;
/** Evidence that a generic exception line (a Java/Python class, a panic, a logged exception) is an error. */
const EXCEPTION_EVIDENCE = 0.65;
/** Formats that name an exception without being an AWS SDK's error layout. */
const GENERIC_FORMATS = new Set([
  'name-colon',
  'exception-alone',
  'panic',
  'uncaught',
  'log-exception',
  'error-colon',
  'log-error',
  'failure-line',
]);
/**
 * Other layouts' marks the first filter misses: status words, JSON error bodies, libcurl, pino/bunyan
 * numeric levels, Elixir heads and error tuples, logfmt levels, redis-cli replies, a CLI's `(HTTP 401)` tail, klog's error head,
 * lib/pq's and go-sql-driver's prefixes, npm's error lines, Go clients' `GET https://…: 401 …`, and the
 * runtimes' and platforms' own failure lines (a C++ terminate, a fatal signal, Node's heap exhaustion, Erlang reports, PowerShell
 * error records and PowerShell 7's concise view, .NET Framework's `Parameter name:` line, systemd units, Kubernetes Warning events and failed states, gRPC statuses, Sidekiq,
 * HashiCorp Vault's API client, the Lambda runtimes' own failures, a web application's session-expired notice, PHP's stream warnings,
 * a program's own `failed to …: cause` / `Login failed: …` line, .NET's console logger head, rclone's log line and pacer retry, Logstash's log line, botocore's and boto3's client-side validation, the AWS sign-in page's SAML refusal,
 * git's and restic's `fatal: ` / `Fatal: ` closing line).
 */
const OTHER_ERROR_HINT =
  /"(?:status|statusCode|status_code|httpStatus|code|error_code)"|cURL|curl: \(|Unauthorized: |Unauthenticated: |Forbidden: |Not Found: |NotFound: |Bad Request: |Conflict: |Gone: |Too Many Requests: |Service Unavailable: |Bad Gateway: |Gateway Timeout: |Payment Required: |Unprocessable Entity: |Permission denied: |PermissionDenied: |denied on resource|authorization to perform action|No such [a-z_]+: |"level":\s*[56]0|\*\* \(|\b(?:level|lvl|severity)=|\{:?error,|\(error\) |rate-limit has been reached|\(HTTP [45]\d\d\)|^\s*[EF]\d{4} \d\d:|^\s*pq: |^\s*\[mysql\] |^\s*npm ERR! |^\s*(?:GET|POST|PUT|PATCH|DELETE) https?:\/\/\S+: [45]\d\d |Assertion [`'‘]|Assertion failed: |\bAADSTS\d|\[(?:error|crit|alert|emerg)\] ?\d|Compute Engine [Mm]etadata|GCE metadata |^\s*terminate called |\bFATAL ERROR: .{0,200}Allocation failed - |\(core dumped\)|^\s*(?:\S+: line \d+: +\d+ )?(?:Segmentation fault|Aborted|Bus error|Illegal instruction)|^\s*=[A-Z]{3,10} REPORT====|^\s*\*\* (?:Generic server|State machine|gen_event handler) |^\s*[A-Z][a-z]{1,12}-[A-Z][A-Za-z0-9]{1,80} ?: |^\s*\+ (?:CategoryInfo|FullyQualifiedErrorId) |^\s*[A-Z][a-z]{1,12}-[A-Z][A-Za-z0-9]{1,80}:\s*$|^\s*Parameter name: \w+\s*$|Main process exited, |Failed with result '|Failed to start |Out of memory: Killed|Warning {2,}[A-Z]|CrashLoopBackOff|OOMKilled|ImagePullBackOff|ErrImagePull|Init:Error|CreateContainer|ContainerCannotRun|status = StatusCode\.|pid=\d+ tid=|Credential:? (?:authentication |failed to retrieve|is unavailable)|^\s*Code: [1-5]\d\d\. Raw Message:|\bCode: [1-5]\d\d\. Errors:|\[(?:Errno|WinError) -?\d|\bGet "http|\bGet http|\bPut "http|\bPut http|\bPost "http|\bPost http|\bHead "http|\bHead http|\bDelete "http|\bDelete http|\bPatch "http|\bPatch http|\bAWS HTTP error: |Failed to retrieve auth metadata with error: |"error"\s*:\s*"(?:invalid_(?:request|client|grant|scope|token)|unauthorized_client|unsupported_grant_type|insufficient_scope)"|SSL validation failed for https?:\/\/|\* Failed to parse |^\s*failed: \[|\bcontainer (?:die|oom) [0-9a-f]|api\.aliyun\.com\/troubleshoot|Unable to import module '|' missing on module '|Syntax error in module '|Runtime exited |Task timed out after |[Ss]ession (?:has )?(?:expired|timed out)[.!]?\s+Please |Use of undefined constant |\): [Ff]ailed to open stream:|^\s*(?:\(\d{1,3}\) )?(?:[Ff]ailed to|FAILED to|[Uu]nable to|UNABLE to|[Cc]ould not|[Cc]annot) | failed: |^\s*(?:fail|crit): |^\s*[^\s:]{1,255}: Failed to |^\s*(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})? )?(?:ERROR |ALERT |CRITICAL|EMERGENCY): |pacer: low level retry |Your request included an invalid SAML response|\.go:\d{1,6}(?: \+0x[0-9a-f]{1,16})?\s*$|^\s*(?:Parameter validation failed:|Missing required parameter in |Unknown parameter in |Invalid (?:type|value|length) for |Required parameter \S+ not set)|^\s*(?:\[\d{4}-\d\d-\d\dT[0-9:.,]{8,15}\])?\[(?:ERROR|FATAL)\s{0,2}\]\[[a-z]|^\s*(?:> )?[Ff]atal: /;
/**
 * Layouts in which the code is the one an AWS service answered with (botocore's ClientError, the Java
 * SDKs' service exceptions, an XML or JSON error body): the service named the failure itself.
 */
const SERVICE_ANSWER_FORMATS = new Set(['botocore', 'java-v1', 'java-v2', 'xml', 'json', 'json-code']);
/** A BatchMeterUsage response's per-record outcomes: each is its own finding, never a continuation. */
const RESULT_FORMATS = new Set(['record-status', 'unprocessed-records']);
/** Lines that are a property of a dumped error object (`code: 'CredentialsError'`, `__type`, `<Code>`). */
const OBJECT_PROPERTY_FORMATS = new Set(['json-code', 'json', 'xml']);
/**
 * A JSON error body in the shapes other web APIs use, an `"error": {…}` object or an `"errors": […]` list
 * (Google, Azure, GraphQL, JSON:API): AWS's JSON protocols answer with a flat `__type`/`message` object.
 */
const FOREIGN_JSON_ERROR = /"error"\s*:\s*\{|"errors"\s*:\s*\[/;

/**
 * A layout that carries a code like an AWS SDK's but is another client's: minio-java's `ErrorResponse(…)`
 * (any S3-compatible store), or a `"code"` inside another API's JSON error body. It says nothing of AWS.
 */
function foreignLayout(signal: LineSignal, body: string): boolean {
  return signal.format === 'minio-java' || (signal.format === 'json-code' && FOREIGN_JSON_ERROR.test(body));
}

/** Network failures with nothing AWS in the paste may be anyone's: they stay possible matches. */
const NO_AWS_CONTEXT_CAP = 0.6;
/** More distinct blocks than this in one paste are counted, not analysed one by one. */
const MAX_BLOCKS = 2_000;
/** Unknown errors and guesses of one paste that get their related entries (no surface shows more). */
const MAX_RELATED_ERRORS = 5;
/** Lines of an error's own text kept as its excerpt. */
const EXCERPT_LINES = 6;

function excerptOf(body: string): string {
  return body.split('\n').slice(0, EXCERPT_LINES).join('\n').slice(0, 1500);
}

interface Block {
  start: number;
  end: number;
  signal?: LineSignal;
  codeHit?: string;
  /** The distinct catalog phrases found in the block's lines. */
  phrases: Set<PhraseRef>;
  /** Where in the paste each phrase hit ends (offsets), to tell a wrapper's words from its cause's. */
  phraseEnds: Array<{ phrase: PhraseRef; end: number }>;
  /** Entries one of whose `match.hosts` the block names. */
  hostHits: Set<CatalogEntry>;
  /**
   * Indentation of the dumped error object's own properties (its first `code:`/`__type` line).
   * Property lines indented deeper belong to an object nested in it (`originalError`, `cause`).
   */
  propertyIndent?: number;
}

/**
 * Marks of AWS in a paste: hosts, ARNs, the SDKs' packages and namespaces (.NET `Amazon.Runtime`, Ruby
 * `Aws::`, `Seahorse::Client`). `AWS4-HMAC-SHA256` is not one: every S3-compatible store signs with it.
 */
const AWS_CONTEXT =
  /amazonaws\.com|\.api\.aws\b|arn:aws|(?<!ibm_)botocore|(?<!ibm_)boto3|aws-sdk|@aws-sdk|\$metadata|awssdk|com\.amazonaws|\baws\b|AWS(?!4-HMAC)|\bAmazon\.Runtime\b|\bAmazon[A-Z][A-Za-z0-9]{1,40}Client\b|\bAws::|\bSeahorse::Client\b|\baws_sdk_|\baws_smithy_|aws-smithy-/g;
/** The run of host-name characters around a match, to see whether "aws" is one label of a host name. */
const HOST_CHAR = /[A-Za-z0-9.-]/;
/** A host name: dot-separated labels ending in a common top-level domain or a country code. */
const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|dev|app|cloud|co|ai|xyz|info|biz|me|tv|gg|[a-z]{2})$/i;
/** AWS's own domains: its service endpoints, the dual-stack domain, the console and docs, the .aws TLD. */
const AWS_DOMAIN = /(?:^|\.)(?:amazonaws\.com(?:\.cn)?|api\.aws|amazon\.com|aws)$/i;

/**
 * Whether the paste carries a mark of AWS. "aws" that is one label, or part of one, of a host name on
 * another domain (`setup-aws.rbxcdn.com`, `aws-proxy.corp.example.net`) is that domain owner's word:
 * a host is AWS's only when it is under an AWS domain.
 */
function marksAws(text: string): boolean {
  for (const m of text.matchAll(AWS_CONTEXT)) {
    if (m[0].toLowerCase() !== 'aws') return true;
    let from = m.index;
    let to = from + m[0].length;
    while (from > 0 && HOST_CHAR.test(text[from - 1]!)) from--;
    while (to < text.length && HOST_CHAR.test(text[to]!)) to++;
    const token = text.slice(from, to).replace(/^[.-]+|[.-]+$/g, '');
    if (!HOST_NAME.test(token) || AWS_DOMAIN.test(token)) return true;
  }
  return false;
}
/**
 * Marks that the request went to AWS itself, not only through an AWS client: its endpoints, ARNs, and
 * the Marketplace operations no other provider has. An AWS SDK or CLI pointed at another store's
 * endpoint (`endpoint_url`) carries another provider's error.
 */
const AWS_SERVER =
  /amazonaws\.com|\.api\.aws\b|arn:aws|aws-marketplace|\b(?:Batch)?MeterUsage\b|\bRegisterUsage\b|\bResolveCustomer\b|\bGetEntitlements\b/;
const WORD_CHAR = /[A-Za-z0-9_]/;
/** An AWS service endpoint's host name in a paste. */
const AWS_ENDPOINT_HOST = /\.amazonaws\.com(?:\.cn)?\b|\.api\.aws\b/;
/** Text just before a name that PHP reports as an undefined constant (see PHP_UNDEFINED_CONSTANT). */
const NAMED_AS_UNDEFINED_CONSTANT = /(?:[Uu]ndefined constant ["']?|- assumed ')$/;
/**
 * A line of program source that a traceback quotes (`raise SSLError(...)`, `except (NewConnectionError,
 * socket.gaierror) as e:`, IPython's numbered context lines): an exception named there is code, not
 * an error that happened.
 */
const SOURCE_LINE = /^\s*(?:-*>\s*)?(?:\d+\s+)?(?:raise|except)\b/;
/** A quoted source line alone: not one joined to the exception line it raised (see PYTHON_RAISE_SOURCE). */
const sourceOnly = (line: string): boolean => SOURCE_LINE.test(line) && !PYTHON_RAISE_SOURCE.test(line);

/** A Python traceback's frame head: `  File "/srv/app/worker.py", line 12, in run`. */
const TRACEBACK_FRAME = /^\s+File "[^"]{1,500}", line \d{1,7}/;
/**
 * A frame head that lost its indentation: a web page or a log console (CloudWatch's) that trims every
 * line prints the frames flush with the `Traceback` head, each followed by its source line.
 */
const FLUSH_FRAME = /^File "[^"]{1,500}", line \d{1,7}/;

/**
 * Whether line `i` is the one a Python traceback ends with: unindented, right after a frame (its
 * head, or the source line quoted under it), indented or flush.
 */
function endsTraceback(lines: readonly string[], i: number): boolean {
  if (i < 1 || /^\s/.test(lines[i]!)) return false;
  const previous = lines[i - 1]!;
  if (TRACEBACK_FRAME.test(previous) || FLUSH_FRAME.test(previous)) return true;
  if (i < 2) return false;
  const frame = lines[i - 2]!;
  return (
    (/^\s{4,}\S/.test(previous) && TRACEBACK_FRAME.test(frame)) ||
    (previous.trim() !== '' && !FLUSH_FRAME.test(previous) && FLUSH_FRAME.test(frame))
  );
}

const GO_V1_STATUS_LINE = /^\s*status code: \d{3}, request id: /;
const TRACEBACK_HEAD = /^\s*Traceback \(most recent call last\):\s*$/;
/** How the line that ends a traceback starts: the exception's (dotted) class, then its message or nothing. */
const EXCEPTION_LINE_START = /^[A-Za-z_][A-Za-z0-9_.]*(?::|\s*$)/;
/** An exception's `Name: message` (a dotted class), as opposed to a source line a flush frame quotes. */
const EXCEPTION_HEAD = /^[A-Za-z_][A-Za-z0-9_.]{0,200}: /;
/**
 * A Python traceback cut before the exception line it ends with (a paste that stops at the last frame):
 * the traceback alone says an exception was raised. Undefined when an exception line after the frames
 * ends it (that line is the error) or no frame follows the head.
 */
function cutTraceback(lines: readonly string[], head: number): LineSignal | undefined {
  // A paste envelope (a Markdown list item, a quote) may indent the traceback's lines, or all but its
  // head: its frames are what sits deeper than the head, and a line back at the frames' own margin that
  // is no frame ends it (the exception line, or text after the traceback).
  const margin = indentOf(lines[head]!);
  let frameMargin = Number.POSITIVE_INFINITY;
  let frames = 0;
  // Frames that lost their indentation sit at the head's margin, each with one source line under it.
  let sourceDue = false;
  let i = head + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    if (indent <= margin) {
      const flush = line.slice(indent);
      if (FLUSH_FRAME.test(flush)) {
        frames++;
        sourceDue = true;
        continue;
      }
      // The exception itself may follow a frame with no source line (a frame in `<string>`).
      if (sourceDue && !EXCEPTION_HEAD.test(flush)) {
        sourceDue = false;
        continue;
      }
      break;
    }
    sourceDue = false;
    if (TRACEBACK_FRAME.test(line)) {
      frames++;
      frameMargin = Math.min(frameMargin, indent);
    } else if (indent <= frameMargin) break;
  }
  if (frames === 0 || (i < lines.length && EXCEPTION_LINE_START.test(lines[i]!.trimStart()))) return undefined;
  return { format: 'name-colon', name: 'Python traceback', message: '' };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** A bare `UnprocessedRecords` key is only an error when its list is not empty. */
function unprocessedIsNonEmpty(text: string, end: number): boolean {
  const after = text.slice(end, end + 40);
  return /^["']?\s*[:=]\s*\[\s*[^\]\s]/.test(after);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexAt(starts: number[], offset: number, hint: number): number {
  let i = hint;
  while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
  return i;
}

/**
 * A Region the error calls invalid or unknown but prints empty ("Invalid AWS Region:" ending its line,
 * botocore's "Provided region_name ''") was never set: the missing-Region entry answers, not the one
 * for a Region no endpoint exists for, whichever of their wordings matched.
 */
function emptyRegionIsMissing(best: RankedEntry | undefined, body: string, catalog: Catalog): RankedEntry | undefined {
  if (best?.entry.id !== 'endpoint-unresolvable' || !EMPTY_REGION.test(body)) return best;
  const missing = catalog.byId.get('region-missing');
  return missing ? { ...best, entry: missing } : best;
}

/**
 * Confidence of a generic entry named only by the family of the error's words (see failure-family.ts):
 * a possible match, below the high band, whatever the layout's evidence.
 */
const FAMILY_CONFIDENCE = 0.6;

/**
 * Unknown errors in an AWS context whose own words name a failure family are answered with that
 * family's generic entry, as a possible match. Only where the catalog answered nothing else: beside
 * an error an entry knows, the other lines of the paste are most often that error's own (its status
 * line, its XML body), which the entry already explains. When one unknown error names a specific
 * network failure (refused, reset, a certificate), a client's generic "could not connect" beside it
 * is the same failure's wrapper and adds no finding.
 */
function answerFamilies(
  findings: Map<string, Finding>,
  unmatched: Map<string, UnmatchedError>,
  families: ReadonlyMap<UnmatchedError, FamilyMatch>,
  catalog: Catalog,
): void {
  if (findings.size > 0 || families.size === 0) return;
  const named = [...unmatched].filter(([, error]) => families.has(error));
  const specific = named.some(([, error]) => !families.get(error)!.wrapper);
  for (const [key, error] of named) {
    const family = families.get(error)!;
    const entry = catalog.byId.get(family.entry);
    if (!entry) continue;
    unmatched.delete(key);
    if (family.wrapper && specific) continue;
    const existing = findings.get(entry.id);
    if (existing) {
      existing.occurrences += error.occurrences;
      existing.evidence = Math.max(existing.evidence, error.evidence ?? 0);
      mergeFacts(existing.facts, error.facts);
      continue;
    }
    findings.set(entry.id, {
      entry,
      source: 'catalog',
      confidence: FAMILY_CONFIDENCE,
      evidence: error.evidence ?? FORMAT_EVIDENCE,
      facts: error.facts,
      occurrences: error.occurrences,
      alternatives: [],
      excerpt: error.excerpt,
    });
  }
}

/** `read`, run on the first call only; later calls return its first result. */
function lazily<T>(read: () => T): () => T {
  let result: { value: T } | undefined;
  return () => {
    result ??= { value: read() };
    return result.value;
  };
}

const severityRank: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/**
 * A block that ties between two entries cannot choose on its own. When another error of the same
 * paste was found as the entry it tied with, and more surely, the block is one more line of that
 * error (a provider's log line before the chain's summary), not a second finding.
 */
function foldTiesIntoTheirRunnerUp(findings: Map<string, Finding>, tiedWith: ReadonlyMap<string, CatalogEntry>): void {
  for (const [key, other] of tiedWith) {
    const tied = findings.get(key);
    const into = findings.get(other.id);
    if (!tied || !into || into.confidence <= tied.confidence) continue;
    into.occurrences += tied.occurrences;
    into.evidence = Math.max(into.evidence ?? 0, tied.evidence ?? 0);
    mergeFacts(into.facts, tied.facts);
    findings.delete(key);
  }
}

function mergeFacts(into: Facts, from: Facts): void {
  for (const [key, value] of Object.entries(from) as Array<[keyof Facts, Facts[keyof Facts]]>) {
    if (value !== undefined && into[key] === undefined) (into as Record<string, unknown>)[key] = value;
  }
}

/** The PHP SDK's validation report names the operation it refused in its first line. */
const VALIDATION_REPORT_OPERATION = /validating the input provided for the ([A-Z][A-Za-z0-9]{2,60}) operation/;

/** The instance metadata path that serves one role's credentials (`/latest/meta-data/iam/security-credentials/<role>`). */
const ROLE_CREDENTIALS_PATH = /\/meta-data\/iam\/security-credentials\/[\w+=,.@-]+/;

function completeFacts(
  facts: Facts,
  signal: LineSignal | undefined,
  now: Date,
  context?: string,
  code: string | undefined = signal?.code,
): Facts {
  if (signal?.code) facts.code = signal.code;
  if (signal?.operation && !facts.operation) facts.operation = signal.operation;
  const reported = !facts.operation && context ? VALIDATION_REPORT_OPERATION.exec(context)?.[1] : undefined;
  if (reported) facts.operation = reported;
  if (signal?.httpStatus && !facts.httpStatus) facts.httpStatus = signal.httpStatus;
  if (signal?.requestId && !facts.requestId) facts.requestId = signal.requestId;
  if (signal?.retries !== undefined && facts.retries === undefined) facts.retries = signal.retries;
  if (signal?.message && !facts.message) facts.message = signal.message.slice(0, 500);
  // Instance metadata never answers a role's credentials with a denial: a denial served for that path
  // comes from a metadata proxy (kiam, kube2iam) that assumes the role for the pod, so STS refused its AssumeRole.
  if (!facts.operation && /^AccessDenied/.test(code ?? '') && context && ROLE_CREDENTIALS_PATH.test(context))
    facts.operation = 'AssumeRole';
  // The SDK's own name for the service and the failing operation outrank a host found in the
  // message (an OIDC issuer, a bucket URL), which outranks the action and the tooling around the error.
  const stated =
    (signal?.serviceName && serviceFromName(signal.serviceName)) ||
    (facts.operation && serviceFromOperation(facts.operation));
  if (stated) facts.service = stated;
  if (!facts.service) {
    const service =
      (facts.action && serviceFromAction(facts.action)) ||
      (context !== undefined && serviceFromHints(context)) ||
      (facts.code && serviceFromCode(facts.code));
    if (service) facts.service = service;
  }
  // An access denial that names the operation but not the action: the action is the operation's
  // own name under the service's IAM prefix, which is what the policy statement needs. Organizations'
  // AccessDeniedForDependencyException refuses another action the operation needs, not the operation.
  if (
    !facts.action &&
    facts.operation &&
    /AccessDenied(?!ForDependency)|Unauthorized|NotAuthorized/.test(facts.code ?? '') &&
    facts.service
  ) {
    const action = actionFromOperation(facts.service, facts.operation);
    if (action) facts.action = action;
  }
  if (facts.timestamp) {
    const op = facts.operation === 'MeterUsage' ? 'MeterUsage' : 'BatchMeterUsage';
    facts.timestampAgeHours = checkWindow(op, new Date(facts.timestamp), now).ageHours;
  }
  return facts;
}

/**
 * OTHER_ERROR_HINT split for the catalog's scan, which finds the line marks: tried at every position of
 * every line, its many alternatives cost more than the whole scan, so those that need a mark are tried
 * only on the lines that hold one, and the rest (anchored at the line's start, cheap) on every line.
 */
export const LINE_HINT_GATE = gateAlternation(OTHER_ERROR_HINT, LINE_MARKS);

/**
 * A terminal transcript's command line: `$ cmd …`, `user@host:~/dir$ cmd …` (bash's default prompt, `#` for
 * root) or PowerShell's `PS C:\dir> cmd …`. The lines under it, up to a blank line, are the command's output.
 */
const SHELL_PROMPT =
  /^\s{0,4}(?:\$|[\w.-]{1,40}@[\w.-]{1,64}(?::[^\s$#]{0,200})?[$#]|PS [A-Z]:\\[^>\n]{0,200}>) {1,4}[a-z.~/][\w./-]{0,60}(?:\s|$)/;
/** Output lines after a command still read as its output. */
const TRANSCRIPT_OUTPUT_LINES = 12;
/** Words with which a command's output says that it failed. */
const COMMAND_FAILURE =
  /\b(?:[Ff]ailed|FAILED|[Ff]ailure|FAILURE|[Ee]rror|ERROR|[Dd]enied|[Rr]efused|[Ff]atal|FATAL|[Uu]nauthori[sz]ed|[Ff]orbidden)\b/;

/** Finds the error blocks: lines that carry an error signal, a known code or a catalog phrase. */
function findBlocks(text: string, lines: string[], starts: number[], catalog: Catalog): Block[] {
  const anchors = new Map<number, Block>();
  const blockAt = (line: number): Block => {
    let block = anchors.get(line);
    if (!block) {
      block = { start: line, end: line, phrases: new Set(), phraseEnds: [], hostHits: new Set() };
      anchors.set(line, block);
    }
    return block;
  };

  /**
   * The Go SDK v1 prints its status line under `Code: message` whatever the code: a code the catalog
   * does not know, read there, is that SDK's error too (`XMinioServerNotInitialized: …` then `status code: 503, …`).
   */
  const goV1HeadAt = (line: number): Block | undefined => {
    const head = line >= 0 ? readLine(lines[line] ?? '') : undefined;
    if (head?.format !== 'name-colon-weak' || head.code === undefined) return undefined;
    const block = blockAt(line);
    block.signal = { ...head, format: 'name-colon' };
    return block;
  };

  // One pass finds every catalog phrase (a line break, and the indentation after it, read as the space it replaced, so a wrapped
  // message keeps its wording; offsets are the paste's own), credential-endpoint address and code.
  // An address on its own makes no error block; it tells which endpoint an error block's failure was on.
  const hostLines: Array<{ line: number; entry: CatalogEntry }> = [];
  /** Lines holding a line mark (see LINE_HINT_GATE). */
  const marked = new Uint8Array(lines.length);
  let hint = 0;
  // The paste's end ends its last line too: a phrase that ends where a line does (Go's bare ": EOF",
  // read with the line break as a space) is found whether or not a line break was pasted after it.
  catalog.scanIndex.scan(text.endsWith('\n') ? text : `${text}\n`, ({ end, value }) => {
    hint = lineIndexAt(starts, end - 1, hint);
    if (value.kind === 'phrase') {
      const block = blockAt(hint);
      block.phrases.add(value.phrase);
      block.phraseEnds.push({ phrase: value.phrase, end });
    } else if (value.kind === 'host') hostLines.push({ line: hint, entry: value.entry });
    else if (value.kind === 'code') codeAt(value.code, end, hint);
    else marked[hint] = 1;
  });

  /** A code word on `line` ending at `end`, when it stands on its own. */
  function codeAt(code: string, end: number, line: number): void {
    const begin = end - code.length;
    // A code inside a dotted name (System.PlatformNotSupportedException) belongs to another platform;
    // the Java AWS SDK's qualified names are read by the format recognisers instead.
    if (isWordChar(text[begin - 1]) || isWordChar(text[end]) || text[begin - 1] === '.') return;
    // Codes are matched case-sensitively: "throttling" in a sentence is not the code `Throttling`.
    if (text.slice(begin, end) !== code) return;
    if (code === 'UnprocessedRecords' && !unprocessedIsNonEmpty(text, end)) return;
    if (sourceOnly(lines[line] ?? '')) return;
    // The name of a constant PHP says is undefined (curl's CURLE_COULDNT_RESOLVE_HOST with no curl
    // extension installed) is what is missing, not an error that happened.
    if (NAMED_AS_UNDEFINED_CONSTANT.test(text.slice(Math.max(0, begin - 40), begin))) return;
    const block = blockAt(line);
    block.codeHit ??= code;
    // A non-empty UnprocessedRecords list is a response layout of its own, however it is printed: records not billed.
    if (code === 'UnprocessedRecords')
      block.signal ??= { format: 'unprocessed-records', code, operation: 'BatchMeterUsage' };
  }

  /** The line of the last shell command a terminal transcript shows, while its output runs on (-1 otherwise). */
  let commandAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') commandAt = -1;
    else if (SHELL_PROMPT.test(line)) commandAt = i;
    // A command's own output that says it failed, in whatever words the tool chose ("Login failed: 'x'",
    // "Second attempt also failed."): a program printed it, right under the command a person ran.
    const failedOutput =
      commandAt >= 0 &&
      i > commandAt &&
      i - commandAt <= TRANSCRIPT_OUTPUT_LINES &&
      !anchors.has(i) &&
      COMMAND_FAILURE.test(line);
    if (TRACEBACK_HEAD.test(line) && !anchors.has(i)) {
      const cut = cutTraceback(lines, i);
      if (cut) blockAt(i).signal = cut;
      continue;
    }
    // Cheap filter first: only lines that hold a catalog hit or look like an error are parsed.
    if (
      line.length < 8 ||
      (!anchors.has(i) &&
        !/rror|xception|__type|<Code>|Status|Fault|code: '|"[Cc]ode"|panic|ERROR|FATAL|CRITICAL|ERRO\[|FATA\[|PANI\[|You need the [a-z]|' permission for '| access to the Google|UnhandledPromiseRejection|\*types\.|denied: |unauthorized: |forbidden: |fatal: |::|HTTP/.test(
          line,
        ) &&
        !(marked[i] === 1 ? OTHER_ERROR_HINT.test(line) : LINE_HINT_GATE.ungated?.test(line)) &&
        !endsTraceback(lines, i) &&
        !failedOutput &&
        // Go v1's status line under a `Code: message` line nothing else marked: the code is one the catalog does not know.
        !(GO_V1_STATUS_LINE.test(line) && !anchors.has(i - 1))) ||
      sourceOnly(line)
    )
      continue;
    const signal = readLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
    if (!signal) {
      if (failedOutput) blockAt(i).signal = { format: 'failure-line', name: 'command failed', message: line.trim() };
      // A log line at error level in no layout read above, or an HTTP client's failed request (Go's
      // `Get "https://…": <cause>`), whose words name a failure family ("2026-… ERROR sync: PUT
      // https://…: Access Denied"): a program logged that failure.
      else if (atErrorLevel(line) || failedRequestLine(line)) {
        // Its name is the family's words, which say what failed (and where a sentence holds the error).
        const family = familyNamedBy(line);
        if (family) blockAt(i).signal = { format: 'log-error', name: family.words, message: line.trim() };
      }
      continue;
    }
    // The line a Python traceback ends with names the exception raised, whatever its class is called
    // (Celery's `RestartFreqExceeded: 5 in 1s`).
    if (signal.format === 'name-colon-weak' && endsTraceback(lines, i)) signal.format = 'name-colon';
    // .NET and Java add `Exception` to every code their class names (ExpiredToken -> ExpiredTokenException).
    if (signal.format === 'aws-class' && signal.code && !catalog.isKnownCode(signal.code)) {
      const bare = signal.code.replace(/Exception$/, '');
      if (bare !== signal.code && catalog.isKnownCode(bare)) signal.code = bare;
    }
    const known = signal.code !== undefined && catalog.isKnownCode(signal.code);
    // Weak `Name: text` lines only count when the name is a code the catalog knows.
    if (signal.format === 'name-colon-weak' && !known) continue;
    // A program's generic failure line says only that something failed: where a catalog wording or code on the
    // same line says what, the line is read as before, by those.
    if (signal.format === 'failure-line' && anchors.has(i)) continue;
    if (signal.format === 'go-v1-status') {
      const previous = anchors.get(i - 1) ?? goV1HeadAt(i - 1);
      if (previous)
        previous.signal = {
          ...previous.signal,
          ...signal,
          format: previous.signal?.format ?? signal.format,
          code: previous.signal?.code ?? previous.codeHit,
        };
      continue;
    }
    // klog's head says only "error": a catalog code the line names (`E1123 … controller.go:212] …
    // NoCredentialProviders: …`) heads a Go chain, read as if no layout were there.
    if (signal.name === 'klog error' && !signal.code && anchors.get(i)?.codeHit) continue;
    const block = blockAt(i);
    if (block.signal?.format !== 'unprocessed-records') block.signal = signal;
  }

  const ordered = mergeContinuations(
    [...anchors.values()].sort((a, b) => a.start - b.start),
    lines,
    catalog,
  );
  for (let k = 0; k < ordered.length; k++) {
    const next = ordered[k + 1]?.start ?? lines.length;
    ordered[k]!.end = Math.min(next - 1, ordered[k]!.end + BLOCK_TAIL_LINES);
  }
  let k = 0;
  for (const { line, entry } of hostLines) {
    while (k < ordered.length && ordered[k]!.end < line) k++;
    const block = ordered[k];
    if (block && (block.start <= line || requestLoggedFor(lines, line, block.start))) block.hostHits.add(entry);
  }
  return ordered;
}

/**
 * The C++ SDK logs the URL of each request (`CurlHttpClient … Making request to <url>`, WinHTTP and
 * the CRT client alike) before the error it ends in, which names no host: the last such line within
 * a block's length before an error is the request that error is about.
 */
const REQUEST_LOG_LINE = /\bMaking request to \S/;
function requestLoggedFor(lines: readonly string[], line: number, blockStart: number): boolean {
  if (blockStart - line > BLOCK_TAIL_LINES || !REQUEST_LOG_LINE.test(lines[line] ?? '')) return false;
  for (let i = line + 1; i < blockStart; i++) if (REQUEST_LOG_LINE.test(lines[i] ?? '')) return false;
  return true;
}

/** How many distinct phrases of each entry a block holds, how many of those name no service, and which entries own one. */
function phraseCounts(phrases: ReadonlySet<PhraseRef>): {
  phraseHits: Map<CatalogEntry, number>;
  sharedPhraseHits: Map<CatalogEntry, number>;
  ownedPhraseHits: Set<CatalogEntry>;
  wrapperPhraseHits: Map<CatalogEntry, number>;
} {
  const phraseHits = new Map<CatalogEntry, number>();
  const sharedPhraseHits = new Map<CatalogEntry, number>();
  const ownedPhraseHits = new Set<CatalogEntry>();
  const wrapperPhraseHits = new Map<CatalogEntry, number>();
  for (const { entry, namesService, owned, wrapper } of phrases) {
    phraseHits.set(entry, (phraseHits.get(entry) ?? 0) + 1);
    if (!namesService) sharedPhraseHits.set(entry, (sharedPhraseHits.get(entry) ?? 0) + 1);
    if (owned) ownedPhraseHits.add(entry);
    if (wrapper) wrapperPhraseHits.set(entry, (wrapperPhraseHits.get(entry) ?? 0) + 1);
  }
  return { phraseHits, sharedPhraseHits, ownedPhraseHits, wrapperPhraseHits };
}

function blockCode(block: Block): string | undefined {
  return block.signal?.code ?? block.codeHit;
}

/**
 * Joins the lines of one error printed over several lines into one block: the message line of an
 * XML or JSON body under its code line, `__type` and `$metadata` under a JS v3 error's first
 * line, a cause (`caused by:`, an indented line) under the error it explains. Separate errors in a
 * log keep their own blocks: a line repeating the same code in the same layout is another occurrence.
 */
function mergeContinuations(ordered: Block[], lines: string[], catalog: Catalog): Block[] {
  const out: Block[] = [];
  for (const block of ordered) {
    const head = out[out.length - 1];
    if (
      head &&
      (((block.start - head.end <= BLOCK_TAIL_LINES || onlyPrintoutBetween(lines, head.end, block.start)) &&
        (continues(head, block, lines[block.start] ?? '') ||
          AGGREGATE_ITEM.test(lines[block.start - 1] ?? '') ||
          inMultiErrorList(lines, head.start, block.start))) ||
        loggedWithTraceback(head, block, lines))
    ) {
      if (SUPPRESSED_LINE.test(lines[block.start] ?? '')) {
        head.end = block.start;
        continue;
      }
      const headCode = blockCode(head);
      const headKnown = headCode !== undefined && catalog.isKnownCode(headCode);
      // A dumped error object's own `code`/`__type` property names the error; the head line may show only its cause.
      // A property of an object nested in it (JS v2's `originalError`, a `cause`) is the cause, and never renames it.
      const property = block.signal?.code !== undefined && OBJECT_PROPERTY_FORMATS.has(block.signal.format);
      const nested = property && nestedProperty(head, lines[block.start] ?? '');
      if (property && !nested) head.propertyIndent ??= indentOf(lines[block.start] ?? '');
      const ownProperty = property && !nested;
      if (nested) {
        // The cause's code stays out of the head's signal; its phrases still count.
      } else if ((!headKnown || ownProperty) && block.signal?.code !== undefined) {
        head.signal = {
          ...head.signal,
          ...block.signal,
          operation: block.signal.operation ?? head.signal?.operation,
          message: head.signal?.message ?? block.signal.message,
        };
        head.codeHit = block.signal.code;
      } else if (head.signal && block.signal)
        // A program's failure line over the error it relays (Vault's `Error reading …:` over its API
        // error) is that error's printout: the relayed error's layout says what it is.
        head.signal =
          head.signal.format === 'failure-line'
            ? { ...head.signal, ...block.signal }
            : { ...block.signal, ...head.signal };
      // A known code the head names mid-line (Go's "...: NoCredentialProviders: no valid providers")
      // stays the error's code: a cause printed under it in an SDK's layout does not rename it.
      else if (!(headKnown && block.signal?.code !== undefined)) head.signal ??= block.signal;
      head.codeHit ??= block.codeHit;
      // A phrase counts once per error, on whichever of its lines it appears (a message wrapped over two lines).
      for (const phrase of block.phrases) head.phrases.add(phrase);
      head.phraseEnds.push(...block.phraseEnds);
      for (const entry of block.hostHits) head.hostHits.add(entry);
      head.end = block.start;
      continue;
    }
    if (block.signal?.code !== undefined && OBJECT_PROPERTY_FORMATS.has(block.signal.format))
      block.propertyIndent = indentOf(lines[block.start] ?? '');
    out.push(block);
  }
  return out;
}

/**
 * The .NET SDK's credential chain (FallbackCredentialsFactory) prints each provider's failure under
 * its summary, one "Exception N of M:" line before each: the links of one error, not errors of their own.
 */
const AGGREGATE_ITEM = /^\s*Exception \d+ of \d+:\s*$/;
/**
 * hashicorp/go-multierror's list (Terraform's AWS provider and S3 backend through aws-sdk-go-base,
 * Vault, Nomad): "N errors occurred:" (or "1 error occurred:"), then one "\t* <error>" line per error
 * (the bullet is read as a Markdown list marker and taken off) up to a blank line. An error in the list
 * under the error that printed it is a cause the wrapper collected, not an error of its own.
 */
const MULTIERROR_HEAD = /\b\d{1,4} errors? occurred:\s*$/;
function inMultiErrorList(lines: readonly string[], headStart: number, line: number): boolean {
  for (let i = line - 1; i >= headStart && line - i <= MAX_PRINTOUT_LINES; i--) {
    const above = lines[i] ?? '';
    if (MULTIERROR_HEAD.test(above)) return true;
    if (above.trim() === '') return false;
  }
  return false;
}

/**
 * A log line that names no error (`[…: CRITICAL/MainProcess] Frequent restarts detected: …`, `ERROR:root:…`)
 * followed by the traceback Python's `logger.exception` prints under it: the exception the traceback ends
 * with is the one the line logged, not a second error.
 */
function loggedWithTraceback(head: Block, next: Block, lines: string[]): boolean {
  if (head.signal === undefined || blockCode(head) !== undefined || blockCode(next) === undefined) return false;
  if (!/^\s*Traceback \(most recent call last\):\s*$/.test(lines[head.end + 1] ?? '')) return false;
  if (next.start - head.end > MAX_PRINTOUT_LINES || !endsTraceback(lines, next.start)) return false;
  for (let i = head.end + 2; i < next.start; i++) if (!/^\s+\S/.test(lines[i] ?? '')) return false;
  return true;
}

/** Longest run of stack frames and object-dump lines still read as one printout. */
const MAX_PRINTOUT_LINES = 80;
const PRINTOUT_LINE = /^\s*(?:at |\.\.\.|[{}[\]]|'?\$?[A-Za-z_]+'?: |$)/;

/** True when every line between two anchors is a stack frame or a line of a dumped object. */
function onlyPrintoutBetween(lines: string[], from: number, to: number): boolean {
  if (to - from > MAX_PRINTOUT_LINES) return false;
  for (let i = from + 1; i < to; i++) if (!PRINTOUT_LINE.test(lines[i] ?? '')) return false;
  return true;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** A property line of an object nested inside the dumped error (deeper than the error's own properties). */
function nestedProperty(head: Block, line: string): boolean {
  return head.propertyIndent !== undefined && indentOf(line) > head.propertyIndent;
}

/**
 * Java's "Suppressed:" lists exceptions closed over while the error propagated (the Java SDK v2
 * records each failed attempt there): part of the printout, but neither the error nor its cause.
 */
const SUPPRESSED_LINE = /^\s*Suppressed: /;

function continues(head: Block, next: Block, line: string): boolean {
  if (SUPPRESSED_LINE.test(line)) return true;
  const nextCode = blockCode(next);
  const headCode = blockCode(head);
  if (RESULT_FORMATS.has(next.signal?.format ?? '') || RESULT_FORMATS.has(head.signal?.format ?? '')) return false;
  if (nextCode === undefined) return true;
  // The nested error object of a dump (JS v2's `originalError`) is part of the same printout, whatever its code.
  if (OBJECT_PROPERTY_FORMATS.has(next.signal?.format ?? '') && nestedProperty(head, line)) return true;
  // Java's "Caused by:" and .NET's " ---> " open a cause, never another occurrence, even when the
  // cause is of the same class (the Java SDK v2 nests SdkClientException in SdkClientException).
  if (/^\s*(?:[Cc]aused by: |---> )/.test(line)) return true;
  if (headCode === nextCode) return next.signal?.format !== head.signal?.format;
  // A wrapper that names no code (Go v1's `WebIdentityErr: failed to retrieve credentials`) and the
  // cause printed under it are one error: the cause names it.
  // .NET prints each inner exception on a line of its own after " ---> ".
  if (headCode === undefined) return /^\s*(?:[Cc]aused by: |---> )/.test(line);
  // A cause under its error: Java's and Go v1's "caused by", .NET's "--->", or an indented line of the same printout.
  return /^\s*(?:[Cc]aused by:|---> |\t|\s{2,}\S)/.test(line) && !/^\s*at /.test(line);
}

/**
 * Where a printout passes from an error to the error it wraps: .NET's " ---> " before each inner
 * exception, Java's and Rust's (anyhow) "Caused by:", Go SDK v1's "caused by:" (retyped without its colon too;
 * inside a line when a log field or a dashboard panel joined the lines of `awserr.Error`), Go SDK v2's
 * STS call a credential provider made (`failed to retrieve credentials, operation error STS:
 * AssumeRoleWithWebIdentity, …`; instance metadata's `operation error ec2imds` is the provider's own link, not a
 * cause under it), Node's "[cause]:", and urllib3's ProtocolError tuple (`('Connection aborted.', OSError(64,
 * 'Host is down'))`, printed by requests, botocore and the AWS CLI v1), whose first item is only the wrapper's
 * words and whose second is the operating system's error that says what happened. JS SDK v2 replaces a
 * credential error's message with its own ("Missing credentials in config, if using AWS_CONFIG_FILE, set
 * AWS_SDK_LOAD_CONFIG=1", "Could not load credentials from <provider class>") and keeps the provider's error as
 * originalError; tools that print the chain join the messages with ": ", the provider's own failure last.
 * Go SDK v2's credentials cache wraps whatever its provider returned as "failed to refresh cached credentials,
 * <provider's error>" (aws/credential_cache.go), so the words after that comma are the provider's own failure.
 */
const CAUSE_SEPARATOR =
  / ---> |^\s*[Cc]aused by:? | caused by: |[,:] operation error STS: |\[cause\]:|(?<=\(['"]Connection aborted\.['"],) |: (?<=AWS_SDK_LOAD_CONFIG=1: |Could not load credentials from [A-Za-z][\w$]{0,80}: )|, (?<=failed to refresh cached credentials, )/gm;

/**
 * For each entry whose wording the block holds, the shallowest and deepest link of the printed
 * cause chain its phrases sit in (0 is the outermost error).
 */
function causeDepths(text: string, starts: number[], block: Block): Map<CatalogEntry, CauseDepth> {
  const depths = new Map<CatalogEntry, CauseDepth>();
  if (block.phraseEnds.length === 0) return depths;
  const from = starts[block.start] ?? 0;
  const to = block.end + 1 < starts.length ? starts[block.end + 1]! : text.length;
  const separators: number[] = [];
  for (const m of text.slice(from, to).matchAll(CAUSE_SEPARATOR)) separators.push(from + m.index!);
  for (const { phrase, end } of block.phraseEnds) {
    const depth = separators.filter((s) => s < end).length;
    const known = depths.get(phrase.entry);
    if (!known) depths.set(phrase.entry, { outermost: depth, innermost: depth });
    else {
      known.outermost = Math.min(known.outermost, depth);
      known.innermost = Math.max(known.innermost, depth);
    }
  }
  return depths;
}

/**
 * A credential chain's summary ("no valid providers in chain", wherever its lines were printed) in a
 * paste that also names the container or metadata credentials endpoint by its address (the SDK refused
 * or could not reach it): the summary says that nothing gave credentials, the address says which link
 * should have. Both entries explain the paste, so the summary is a possible match with the endpoint's
 * entry as its first alternative, never a high-confidence answer.
 */
function yieldCertaintyToNamedCredentialEndpoint(findings: Map<string, Finding>, named: Set<CatalogEntry>): void {
  for (const finding of findings.values()) {
    if (finding.entry.area !== 'credentials' || finding.entry.match.hosts.length > 0) continue;
    const rival = [...named].find((entry) => !findings.has(entry.id));
    if (!rival) continue;
    finding.confidence = Math.min(finding.confidence, RIVAL_MECHANISM_CAP);
    finding.alternatives = [rival, ...finding.alternatives.filter((e) => e !== rival)].slice(0, 3);
  }
}

interface BlockAnalysis {
  block: Block;
  body: string;
  facts: Facts;
  code?: string;
  evidence: BlockEvidence;
  ranked: RankedEntry[];
}

/** The line Python prints between two exceptions of one chain (implicit context or `raise ... from`). */
const CHAIN_SEPARATOR =
  /^\s*(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)\s*$/;
/** Lines of a Python traceback between the exceptions of a chain: the header, frames, source lines, carets. */
const TRACEBACK_LINE = /^(?:\s*Traceback \(most recent call last\):|\s+\S|\s*$)/;

/**
 * True when the block at `to` is the next exception of the chain whose previous exception starts at
 * `from`: a chain separator follows that exception's own lines closely, and only traceback lines
 * come between the separator and the next exception.
 */
function chainedBetween(lines: string[], from: number, to: number): boolean {
  let separator = -1;
  for (let i = from + 1; i < to && i <= from + BLOCK_TAIL_LINES; i++) {
    if (CHAIN_SEPARATOR.test(lines[i] ?? '')) {
      separator = i;
      break;
    }
  }
  if (separator < 0) return false;
  for (let i = separator + 1; i < to; i++) if (!TRACEBACK_LINE.test(lines[i] ?? '')) return false;
  return true;
}

/**
 * Groups the blocks into printed errors: a Python chain of exceptions ("During handling of the
 * above exception ..." / "The above exception was the direct cause ...") is one error, listed
 * outermost first (Python prints the exception that was finally raised last), and so is a Go
 * error with the causes it prints under it; every other block is an error of its own.
 */
function printedChains(blocks: Block[], lines: string[]): Block[][] {
  const groups: Block[][] = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    const current = groups[groups.length - 1];
    if (current && previous && chainedBetween(lines, previous.start, block.start)) current.unshift(block);
    else if (current && previous && goCauseBetween(lines, previous.start, block.start)) current.push(block);
    else groups.push([block]);
    previous = block;
  }
  return groups;
}

/**
 * A line of a Go SDK v1 error's cause chain: `caused by: Code: message`, the `Code: message` lines of
 * a batch of errors (the credential chain lists one per provider), the indented status line.
 */
const GO_CAUSE_LINE = /^\s*(?:caused by: |status code: \d|[A-Z][A-Za-z0-9]+: \S)/;

/**
 * True when the block at `to` is a cause Go prints under the error whose block starts at `from`:
 * a `caused by:` line follows that error, and every line from there to `to` is part of the chain.
 */
function goCauseBetween(lines: string[], from: number, to: number): boolean {
  let caused = false;
  for (let i = from + 1; i <= to; i++) {
    const line = lines[i] ?? '';
    if (/^\s*caused by: /.test(line)) caused = true;
    if (!caused || !GO_CAUSE_LINE.test(line)) return false;
  }
  return caused;
}

/**
 * The most specific cause of a chain decides the kind of failure: botocore's EndpointConnectionError
 * says only that it could not connect, the `[Errno 110] Connection timed out` it was raised from
 * says why. A deeper exception (chains are listed outermost first) whose best entry is of the same
 * area as the chosen one but another entry, on its own wording, answers instead (the same entry
 * further down changes nothing: the outer error stays the one the answer quotes). A cause of another area (a timeout
 * under a credential provider's error) stays a cause: the outer error names what failed.
 */
function deepestOfSameKind(analyses: BlockAnalysis[], chosen: BlockAnalysis): BlockAnalysis {
  const best = chosen.ranked[0];
  if (!best) return chosen;
  const at = analyses.indexOf(chosen);
  for (let i = analyses.length - 1; i > at; i--) {
    const cause = analyses[i]!.ranked[0];
    if (!cause || cause.entry === best.entry || cause.entry.area !== best.entry.area || cause.phrases === 0) continue;
    // A cause known only by a client's words for every failure of its kind (see `wrappers`) says less
    // than the error it is printed under, unless the status it shows says which failure it was.
    const { evidence } = analyses[i]!;
    const wrapped = evidence.facts.httpStatus === undefined ? (evidence.wrapperPhraseHits?.get(cause.entry) ?? 0) : 0;
    if (cause.allPhrases > wrapped) return analyses[i]!;
  }
  return chosen;
}

/** AWS SDK layouts that may name the SDK's wrapper of an error rather than its code. */
const SDK_WRAPPER_FORMATS: ReadonlySet<string> = new Set(['php', 'aws-class']);

/** Evidence left to an error named in backticks inside a sentence: enough for an explicit ask, not for a channel. */
const QUOTED_IN_PROSE_EVIDENCE = 0.45;
/** Highest confidence for an entry named only by an error quoted in a sentence. */
const QUOTED_IN_PROSE_CONFIDENCE = 0.7;
/** Longest inline-code span still read as a name or a short message quoted in a sentence, not a pasted error. */
const MAX_QUOTED_SPAN = 60;
/** Words a sentence keeps once its inline-code spans are taken out. */
const PROSE_WORDS = 5;

/**
 * A one-line block that is a sentence quoting error names or short messages in backticks
 * ("We noticed `FooError` with the message `…`"): talk about an error, not the error itself. The
 * sentence around the quotes holds only words and punctuation, no error layout of its own.
 */
function quotedInProse(body: string): boolean {
  const line = body.trim();
  if (line.includes('\n') || !line.includes('`')) return false;
  const spans = line.match(QUOTED_SPAN) ?? [];
  // A span a person shortened ("`DispatchFailure(... loading credentials ...)`") is a quote however
  // long it stays: no program prints an elision into its own error.
  const tooLong = (span: string): boolean => span.length - 2 > MAX_QUOTED_SPAN && !ELISION.test(span);
  if (spans.length === 0 || spans.some(tooLong)) return false;
  const outside = line.replace(QUOTED_SPAN, ' ');
  if (!/^[\p{L}\p{N}\s.,;!?'’@-]*$/u.test(outside)) return false;
  return outside.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= PROSE_WORDS;
}

/**
 * A quote in a sentence: inline code. Double quotes are not one: error messages quote their own words
 * (`… by running "aws configure".`).
 */
const QUOTED_SPAN = /`[^`]*`/g;
/** An elision a person made in a quote: three dots or an ellipsis between words or brackets. */
const ELISION = /(?:^`|[\s([])(?:\.\.\.|…)(?:[\s)\]]|`$)/;
/**
 * A one-line block that only a catalog phrase marks (no code, no error layout) whose wording
 * starts mid-sentence, after a person's own words that narrate it ("It says that the security
 * token … is expired", "When I deploy it claims that …"): a description of an error, not a paste
 * of one. A lead-in with any layout (a colon, a bracket, a timestamp) is a log or a paste's prefix.
 */
function describedInProse(read: Lead | undefined, body: string): boolean {
  if (read === undefined) return false;
  // The sentence the error's words are in: a paragraph's earlier sentences say nothing of how it is quoted.
  const lead = (read.text.includes('. ') ? read.text.slice(read.text.search(LAST_SENTENCE_START)) : read.text)
    // A catalog wording may start after its article ("the security token …"), inside a quote.
    .replace(/(?<=^|[\s"“'‘])(?:the|an?)$/i, '')
    .trim()
    .replace(/["“'‘]$/, '')
    .trim()
    // The error's own class name before its message ("the SDK throws SdkClientException: Unable to …",
    // "still getting Error: …") is part of the quote.
    .replace(
      /(?<=^|\s)(?:[A-Za-z_][A-Za-z0-9_]{0,60}\.){0,8}(?:[A-Z][A-Za-z0-9]{2,100})?(?:Exception|Error|Fault):?$/,
      '',
    )
    .trim();
  // Slack messages often start in lower case; a lead-in of words alone, with a narrating word, is a sentence either way.
  // Words may hold digits ("on an EC2 instance", "our S3 bucket"); a timestamp or a log's fields bring colons and brackets.
  if (!/^\p{L}[\p{L}\p{N}'’,#+\s]*$/u.test(lead) || LOG_LEAD.test(lead)) return false;
  if (lead.split(/\s+/).length < 2) return false;
  // A question about the error ("Why does boto3 raise …?", "Any idea why the Go SDK prints …") narrates it too.
  return NARRATION.test(lead) || QUESTION_LEAD.test(lead) || /\?\s*$/.test(body);
}

/** Where the last sentence of a lead-in starts: after a stop and spaces, at a capital with no stop after it. */
const LAST_SENTENCE_START = /(?<=[.!?]\s+)\p{Lu}[^.!?]*$|^/u;

/** Words of its own from which a sentence before an error, with a narrating word in it, is a story, not a lead-in. */
const STORY_LEAD_WORDS = 12;

/**
 * A one-line block whose error comes at the end of a long sentence of the writer's own, with clauses and
 * asides ("The lambda fails since the role attached to it (the lambda) cannot describe the volume and
 * throws an error: …"): the error is narrated inside that sentence. A paste's lead-in is a few words
 * ("the nightly job died with:"), and a program's own lead-in reads as a log (`Failed to …`, a time stamp).
 */
function narratedAtLength(lead: Lead | undefined): boolean {
  return lead !== undefined && sentenceWords(lead) >= STORY_LEAD_WORDS && NARRATION.test(lead.text);
}

/** Highest confidence for a finding whose error text sits inside a person's sentence: a possible match at most. */
const IN_PROSE_CONFIDENCE = 0.8;
/** Words of its own from which a sentence before an unquoted error, with a narrating word, is prose around it. */
const PROSE_LEAD_WORDS = 6;

/**
 * The error's text sits inside a person's prose, whether or not the line reads as talk: every word naming
 * it is quoted inside a sentence of some length (in its one line, or the one line of a block that names
 * it), or a narrating sentence of several words leads up to it on its line. A paste on its own line or
 * after a short lead-in ("getting this:", "the nightly job died with:") is not; a talk shape the rules
 * above miss still costs no high-confidence answer.
 */
function sitsInProse(block: Block, starts: number[], body: string, read: Lead | undefined): boolean {
  const bodyStart = starts[block.start] ?? 0;
  const spans = namingSpans(block, body, bodyStart);
  let at = 0;
  let holder: { line: string; from: number } | undefined;
  for (const raw of body.split('\n')) {
    const from = at;
    at += raw.length + 1;
    const inLine = spans.filter(([s, e]) => s >= from && e <= from + raw.length);
    if (inLine.length === 0) continue;
    if (inLine.length !== spans.length) return false;
    holder = { line: raw, from };
  }
  if (holder) {
    const { line, from } = holder;
    const shift = line.length - line.trimStart().length;
    if (
      quotedWithinProse(
        line.trim(),
        spans.map(([s, e]) => [s - from - shift, e - from - shift] as const),
      )
    )
      return true;
  }
  if (read === undefined || sentenceWords(read) < PROSE_LEAD_WORDS) return false;
  const lead = read.text;
  if (!(NARRATION.test(lead) || QUESTION_LEAD.test(lead))) return false;
  // Last, being the costliest: a lead-in that is itself an error layout is a log, not prose.
  return readLine(lead) === undefined;
}

/** A one-line block's lead-in (see leadBeforeError), read once for every talk check that looks at it. */
interface Lead {
  text: string;
  /** Its words of two letters or more when it reads as a sentence (see sentenceWords); worked out on first use. */
  words?: number;
}

function leadOf(block: Block, text: string, starts: number[], body: string): Lead | undefined {
  const lead = leadBeforeError(block, text, starts, body);
  return lead === undefined ? undefined : { text: lead };
}

/**
 * The words (of two letters or more) of a lead-in that reads as a person's sentence: it starts with a
 * letter, not with a log's word or time stamp, and has only a sentence's punctuation. 0 for any other lead-in.
 */
function sentenceWords(read: Lead): number {
  if (read.words === undefined) {
    const lead = read.text;
    read.words =
      !/^\p{L}/u.test(lead) || LOG_LEAD.test(lead) || LOG_STAMP_IN_LEAD.test(lead) || !sentenceLead(lead)
        ? 0
        : lead.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;
  }
  return read.words;
}

/**
 * A lead-in with only a sentence's punctuation: fields (`=`), brackets and braces, pipes are a log's layout,
 * and a colon only ends it ("… and throws an error: error:"); colons inside are a chain of wrapped errors
 * (Go v2's "operation error X: Op, get identity: get credentials: …").
 */
function sentenceLead(lead: string): boolean {
  if (!/^[\p{L}\p{N}\s,;:()'’.!?/-]*$/u.test(lead)) return false;
  // Most lead-ins have no colon; the closing labels' pattern is slow to fail on a long one.
  if (!lead.includes(':')) return true;
  return !lead.replace(/(?:\s*[\p{L}-]+:)+\s*$/u, '').includes(':');
}

/** A clock time or a date in a lead-in: a log's head. */
const LOG_STAMP_IN_LEAD = /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b/;

/**
 * The words of a one-line block before its error starts (its first catalog wording, its code, the name its
 * layout read, botocore's head), trimmed; undefined for a block of several lines or when the error starts inside
 * inline code. Inline code closed before the error is a word of the sentence (a command, a file name) and reads
 * as one.
 */
function leadBeforeError(block: Block, text: string, starts: number[], body: string): string | undefined {
  if (block.phraseEnds.length === 0 && block.codeHit === undefined && block.signal === undefined) return undefined;
  if (body.trim().includes('\n')) return undefined;
  const lineStart = starts[block.start] ?? 0;
  // A code named in the sentence (`connect ETIMEDOUT`, `ExpiredToken`), the name an error layout read and
  // botocore's head mark where the error's words start as well as a phrase.
  const named = [block.codeHit, block.signal?.code, block.signal?.name]
    .map((name) => (name ? body.indexOf(name) : -1))
    .concat(body.search(BOTOCORE_HEAD))
    .filter((at) => at >= 0)
    .map((at) => lineStart + at);
  const first = Math.min(...block.phraseEnds.map(({ phrase, end }) => end - phrase.length), ...named);
  const lead = text.slice(lineStart, Math.max(lineStart, first)).trim();
  if (!lead.includes('`')) return lead;
  // An odd backtick: the error's words start inside a code span, which the quote rules read.
  if ((lead.match(/`/g)?.length ?? 0) % 2 === 1) return undefined;
  return lead.replace(/`[^`]*`/g, 'code');
}

/** botocore's head, where its error's words start in a line. */
const BOTOCORE_HEAD = /\bAn error occurred \(/;
/** How a question about an error starts. */
const QUESTION_LEAD =
  /^(?:why|how|what|when|where|which|who|does|do|did|is|are|was|were|can|should|has|have|any idea|anyone|any clue)\b/i;

/**
 * A one-line block that only a catalog phrase marks (no code, no error layout) and that reads as a
 * person's question or first-person remark in their own words ("does the role not have the
 * required permissions?", "I think our user is not authorized to perform this"): talk about an
 * error, like a quoted one. A question that quotes the error's message ("I get `…`, why?") is a paste.
 */
function askedAbout(block: Block, body: string): boolean {
  if (block.signal !== undefined || block.codeHit !== undefined) return false;
  const line = body.trim();
  if (line.includes('\n') || /[`"“”]/.test(line)) return false;
  return /\?\s*$/.test(line) || /^(?:I|I'm|I’m|I've|I’ve|my|our)\s/i.test(line);
}

/**
 * Where the block's line names an error, as offsets in the line: its catalog wordings, its code and
 * the name its error layout read (each occurrence of the name).
 */
function namingSpans(block: Block, line: string, lineStart: number): Array<[number, number]> {
  // Built from one literal, so every call returns the same kind of array (a mapped empty list is another).
  const spans: Array<[number, number]> = [];
  for (const { phrase, end } of block.phraseEnds) spans.push([end - phrase.length - lineStart, end - lineStart]);
  for (const name of new Set([block.codeHit, block.signal?.code, block.signal?.name])) {
    if (!name) continue;
    for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + name.length))
      spans.push([at, at + name.length]);
  }
  return spans;
}

/**
 * How the one line holding every word that names the error sets it (see howWritten in talk.ts), when the
 * block's other lines have no error layout of their own (a question and its answer, a comment's next
 * paragraph): inside the writer's sentence, shown after a lead-in, or neither.
 */
function writtenAround(block: Block, starts: number[], body: string): 'sentence' | 'shown' | undefined {
  const bodyStart = starts[block.start] ?? 0;
  const spans = namingSpans(block, body, bodyStart);
  if (spans.length === 0) return undefined;
  let at = 0;
  let holder: { line: string; from: number } | undefined;
  const others: string[] = [];
  for (const raw of body.split('\n')) {
    const from = at;
    at += raw.length + 1;
    const inLine = spans.filter(([s, e]) => s >= from && e <= from + raw.length);
    if (inLine.length === 0) {
      if (raw.trim()) others.push(raw.trim());
      continue;
    }
    if (inLine.length !== spans.length) return undefined;
    holder = { line: raw, from };
  }
  if (!holder) return undefined;
  const { line, from } = holder;
  const shift = line.length - line.trimStart().length;
  const how = howWritten(
    line.trim(),
    spans.map(([s, e]) => [s - from - shift, e - from - shift] as const),
  );
  // Last, being the costliest (a log's error block has a dozen lines under its head): no other line is an error layout.
  return how !== undefined && others.every((other) => readLine(other) === undefined) ? how : undefined;
}

/**
 * Talk about an error rather than the error. First how the writer's own sentence holds it: written into
 * the sentence is talk, shown after a lead-in that only brings it in ("I keep getting `…`") is a paste.
 * Otherwise the shapes of talk: a sentence quoting it (short names in backticks, or every error word
 * inside a quote of a person's sentence), a question or remark in a person's own words, a message retold
 * mid-sentence, or the title of a change that fixes it.
 */
function spokenAbout(block: Block, starts: number[], body: string, lead: Lead | undefined): boolean {
  const how = writtenAround(block, starts, body);
  if (how !== undefined) return how === 'sentence';
  if (quotedInProse(body) || askedAbout(block, body) || describedInProse(lead, body)) return true;
  if (narratedAtLength(lead)) return true;
  const line = body.trim();
  if (!line.includes('\n')) {
    if (titledChange(line)) return true;
    const lineStart = (starts[block.start] ?? 0) + (body.length - body.trimStart().length);
    return quotedInSentence(line, namingSpans(block, line, lineStart));
  }
  return quotedInOneLine(block, body, starts[block.start] ?? 0);
}

/**
 * A block of several lines where one sentence quotes the error and the other lines are prose of their own
 * (a quoted question and its answer, a comment's next paragraph): every word naming the error sits in
 * that one line, no other line has an error layout, and that line quotes the error as a sentence does.
 */
function quotedInOneLine(block: Block, body: string, bodyStart: number): boolean {
  const spans = namingSpans(block, body, bodyStart);
  if (spans.length === 0) return false;
  let at = 0;
  let quoting: { text: string; from: number } | undefined;
  const others: string[] = [];
  for (const raw of body.split('\n')) {
    const from = at;
    at += raw.length + 1;
    const text = raw.trim();
    if (text.length === 0) continue;
    const inLine = spans.filter(([s, e]) => s >= from && e <= from + raw.length);
    if (inLine.length === 0) {
      others.push(text);
      continue;
    }
    if (inLine.length !== spans.length) return false;
    quoting = { text, from: from + (raw.length - raw.trimStart().length) };
  }
  if (!quoting) return false;
  const { from, text } = quoting;
  if (
    !quotedInSentence(
      text,
      spans.map(([s, e]) => [s - from, e - from] as [number, number]),
    )
  )
    return false;
  // Last, being the costliest (a log's error block has a dozen lines under its head): no other line is an error layout.
  return others.every((line) => readLine(line) === undefined);
}

function blockText(lines: string[], block: Block): string {
  const parts: string[] = [];
  for (let i = block.start; i <= block.end; i++) {
    const line = lines[i]!;
    parts.push(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
  }
  return parts.join('\n');
}

export function diagnose(paste: string, catalog: Catalog, options: DiagnoseOptions = {}): Diagnosis {
  const now = options.now ?? new Date();
  const threshold = options.errorThreshold ?? DEFAULT_ERROR_THRESHOLD;
  const normalized = normalizePaste(paste);
  const truncated = normalized.truncated
    ? { scannedChars: normalized.text.length, totalChars: normalized.originalLength }
    : undefined;
  const nothing: Verdict = { kind: 'none', related: [] };
  if (normalized.binary)
    return { isError: false, findings: [], unmatched: [], refusal: 'binary', truncated, verdict: nothing };
  const text = normalized.text;
  if (text.trim().length === 0)
    return { isError: false, findings: [], unmatched: [], refusal: 'empty', verdict: nothing };

  const lines = text.split('\n');
  const starts = lineStarts(text);
  const blocks = findBlocks(text, lines, starts, catalog);
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const awsMarks = marksAws(head);
  // Another cloud's endpoint or server with no AWS endpoint, or its SDK with nothing of AWS at all: an S3
  // code it shares is its own error, not AWS's, whichever client (boto3, the AWS CLI) sent the request.
  const otherCloud =
    !AWS_SERVER.test(head) && (namesOtherCloudServer(head) || (!awsMarks && namesOtherCloudClient(head)));
  const awsContext = awsMarks && !otherCloud;
  // What the paste's head says of its clients is the same for every block: each is read once, and
  // only when a block asks (each read scans up to 200 KB with a long alternation).
  const otherCloudSdk = lazily(() => namesOtherCloudSdk(head));
  /** An AWS client printed this paste, and no other cloud's SDK did. */
  const awsClientWithoutOtherSdk = lazily(() => (awsMarks || namesAwsClientTransport(head)) && !otherCloudSdk());
  /** The paste names an S3 API client or request, and no other cloud's SDK. */
  const s3ClientWithoutOtherSdk = lazily(() => namesS3ApiClient(head) && !otherCloudSdk());

  const findings = new Map<string, Finding>();
  /** Findings whose block tied between two entries, with the entry it tied with. */
  const tiedWith = new Map<string, CatalogEntry>();
  let errorFound = false;
  const unmatched = new Map<string, UnmatchedError>();
  /** Unknown errors read only from a program's generic failure line, and the surest of their evidence. */
  const summaries = new Set<UnmatchedError>();
  let summaryStrength = 0;
  /** Unknown errors in an AWS context whose own words name a failure family. */
  const families = new Map<UnmatchedError, FamilyMatch>();
  /** The entry an unknown error resembles most (another cloud's copy of an AWS code), offered first as related. */
  const closest = new Map<UnmatchedError, CatalogEntry>();
  /** Credentials entries whose endpoint (instance metadata, container credentials) a block names by address. */
  const namedCredentialEndpoints = new Set<CatalogEntry>();
  /** The facts of the whole paste, read once: a one-line paste is also its only block, read again below. */
  let pasteFacts: Facts | undefined;
  const factsOfPaste = (): Facts => {
    pasteFacts ??= extractFacts(text);
    return pasteFacts;
  };

  const analyse = (block: Block): BlockAnalysis => {
    const body = blockText(lines, block);
    // A copy: the block's facts are completed in place (every fact is a string or a number).
    const facts = body === text ? { ...factsOfPaste() } : extractFacts(body);
    const code = block.signal?.code ?? block.codeHit;
    const signal = block.signal ?? (code ? { format: 'bare-code', code } : undefined);
    completeFacts(facts, signal, now, body + (text.length <= 200_000 ? `\n${text}` : ''), code);
    // A code read by an SDK format, or a known code on a line an error format recognised ("Error: connect ECONNREFUSED").
    const codeFromFormat = block.signal !== undefined && code !== undefined;
    const evidence: BlockEvidence = {
      code,
      codeFromFormat,
      facts,
      ...phraseCounts(block.phrases),
      hostHits: block.hostHits,
      causeDepth: causeDepths(text, starts, block),
      transportFailure: block.signal?.transport,
    };
    return { block, body, facts, code, evidence, ranked: rankEntries(catalog, evidence) };
  };

  for (const group of printedChains(blocks.slice(0, MAX_BLOCKS), lines)) {
    // One printed chain of exceptions is one error: the outermost exception the catalog knows answers,
    // and the exceptions it was raised from (or that Go lists under it) only lend it their facts.
    const analyses = group.map(analyse);
    // An endpoint that answered 404 was reachable: it names no failure of its own (no role attached).
    for (const a of analyses)
      if (a.facts.httpStatus !== 404)
        for (const entry of a.block.hostHits) if (entry.area === 'credentials') namedCredentialEndpoints.add(entry);
    // A wrapper known only by its wording ("failed to retrieve credentials") yields to a cause the
    // catalog knows by its code: the cause says which credential or permission problem it was.
    const chosen = deepestOfSameKind(
      analyses,
      analyses.find((a) => a.ranked[0]?.codeMatched) ?? analyses.find((a) => a.ranked.length > 0) ?? analyses[0]!,
    );
    for (const cause of analyses) if (cause !== chosen) mergeFacts(chosen.facts, cause.facts);
    const { block, body, facts, code, evidence, ranked } = chosen;
    const best = emptyRegionIsMissing(ranked[0], body, catalog);
    if (best) {
      // Talk about an error is not the error: which entry it names may be right, but nothing was
      // pasted to be sure of, so it stays a possible match that only an explicit ask takes up.
      const lead = leadOf(block, text, starts, body);
      const quoted = spokenAbout(block, starts, body, lead);
      const strength = quoted
        ? Math.min(errorEvidence(best, evidence), QUOTED_IN_PROSE_EVIDENCE)
        : errorEvidence(best, evidence);
      if (strength >= threshold) errorFound = true;
      // An AWS client's error on an operation of an AWS service other stores do not offer (STS, Metering,
      // IAM…) went to AWS, whatever other provider's URL the same log shows: they only copy S3's API.
      const operationService = facts.operation ? serviceFromOperation(facts.operation) : undefined;
      const awsOnly = awsMarks && operationService !== undefined && operationService !== 's3';
      // A request that never got an answer (refused, timed out, reset, no such host, a bad certificate)
      // failed in the client, whichever store it was meant for: an AWS client's failure keeps its
      // network entry there, without AWS context. So does a failure the AWS SDK raised from its own
      // configuration before sending anything (its credential chain found nothing, no Region). Another
      // cloud's SDK, or any other client, words its own failures, which no AWS entry is about.
      const awsClientUnanswered = (): boolean =>
        (best.entry.area === 'network' || best.entry.clientConfiguration === true) &&
        (awsClientWithoutOtherSdk() || (best.entry.area === 'network' && s3ClientWithoutOtherSdk()));
      if (otherCloud && !awsOnly && !awsClientUnanswered()) {
        const key = `${code ?? block.signal?.name ?? best.entry.id}|${facts.operation ?? ''}`;
        const existing = unmatched.get(key);
        if (existing) {
          existing.occurrences++;
          existing.evidence = Math.max(existing.evidence ?? 0, strength);
        } else {
          const error: UnmatchedError = {
            facts,
            occurrences: 1,
            excerpt: excerptOf(body),
            evidence: strength,
            awsContext: false,
          };
          unmatched.set(key, error);
          closest.set(error, best.entry);
        }
        continue;
      }
      const key = best.entry.id;
      let confidence = confidenceOf(best, ranked[1], evidence);
      const anyones =
        !awsContext && !awsOnly && best.entry.area === 'network' && best.entry.clientConfiguration !== true;
      if (anyones) confidence = Math.min(confidence, NO_AWS_CONTEXT_CAP);
      if (quoted) confidence = Math.min(confidence, QUOTED_IN_PROSE_CONFIDENCE);
      // Only read when the cap would lower the confidence: the reading is the costliest check of a short paste.
      else if (confidence > IN_PROSE_CONFIDENCE && sitsInProse(block, starts, body, lead))
        confidence = IN_PROSE_CONFIDENCE;
      const existing = findings.get(key);
      if (existing) {
        existing.occurrences++;
        existing.confidence = Math.max(existing.confidence, confidence);
        existing.evidence = Math.max(existing.evidence ?? 0, strength);
        mergeFacts(existing.facts, facts);
      } else {
        if (ranked[1] && ranked[1].score === best.score) tiedWith.set(key, ranked[1].entry);
        findings.set(key, {
          entry: best.entry,
          source: 'catalog',
          confidence,
          evidence: strength,
          facts,
          occurrences: 1,
          alternatives: ranked.slice(1, 4).map((r) => r.entry),
          excerpt: excerptOf(body),
          ...(anyones ? { awsContext: false as const } : {}),
        });
      }
    } else if (block.signal && (code ?? block.signal.name) && block.signal.format !== 'name-colon-weak') {
      const generic = GENERIC_FORMATS.has(block.signal.format);
      const laid = generic
        ? block.signal.format === 'error-colon' && !awsContext
          ? DEFAULT_ERROR_THRESHOLD
          : EXCEPTION_EVIDENCE
        : FORMAT_EVIDENCE;
      // An unknown error a sentence talks about is listed for an explicit ask, not taken up by a channel.
      const strength = spokenAbout(block, starts, body, leadOf(block, text, starts, body))
        ? Math.min(laid, QUOTED_IN_PROSE_EVIDENCE)
        : laid;
      // An AWS SDK's wrapper that names no code (PHP's service class `Aws\S3\Exception\S3Exception`,
      // its "Error executing" head whose quoted response body was cut) stands for the code printed
      // with it, as a program's failure line does.
      const summary =
        block.signal.format === 'failure-line' || (code === undefined && SDK_WRAPPER_FORMATS.has(block.signal.format));
      if (summary) summaryStrength = Math.max(summaryStrength, strength);
      else if (strength >= threshold) errorFound = true;
      const key = `${code ?? block.signal.name}|${facts.operation ?? ''}`;
      const existing = unmatched.get(key);
      if (existing) {
        existing.occurrences++;
        existing.evidence = Math.max(existing.evidence ?? 0, strength);
      } else {
        // An AWS SDK's error layout, or a named service or operation, is AWS context in itself.
        // Another cloud's copy of an SDK layout is not: its S3-style XML body says nothing of AWS.
        const context =
          !otherCloud &&
          (awsContext ||
            (!generic && !foreignLayout(block.signal, body)) ||
            facts.service !== undefined ||
            facts.operation !== undefined);
        const error: UnmatchedError = {
          facts,
          occurrences: 1,
          excerpt: excerptOf(body),
          evidence: strength,
          awsContext: context,
        };
        unmatched.set(key, error);
        if (summary) summaries.add(error);
        // No entry knows this error, but its own words may name a kind of failure (a lookup that
        // found no host, a certificate not trusted, no Region): see answerFamilies below.
        // AWS context is the paste's own marks or a named service or operation, not an error layout
        // alone: another product's API client prints a status line as an SDK does.
        const named = facts.service !== undefined || facts.operation !== undefined;
        const answeredCode =
          code !== undefined &&
          (SERVICE_ANSWER_FORMATS.has(block.signal.format) ||
            (facts.httpStatus !== undefined && facts.httpStatus >= 400))
            ? code
            : undefined;
        // As for a catalog entry: an AWS client's transport failure is its own whichever store it
        // was pointed at, and so is an S3 client's (the S3 API's own clients and tools); another
        // cloud's SDK words its own. Only a network family answers for them: what a store answered
        // with is that store's.
        const s3Client = s3ClientWithoutOtherSdk();
        const awsClientOnly =
          (otherCloud && (awsClientWithoutOtherSdk() || s3Client)) || (!awsContext && !named && s3Client);
        const family =
          (!otherCloud && (awsContext || named)) || awsClientOnly
            ? familyNamedBy(body, {
                operationNamed: named,
                answeredCode,
                awsEndpointNamed: AWS_ENDPOINT_HOST.test(head),
                s3ClientNamed: s3Client,
                networkOnly: otherCloud || (!awsContext && !named),
              })
            : undefined;
        if (family) families.set(error, family);
      }
    }
  }

  // A program's failure line (`Error refreshing state: 1 error(s) occurred:`, `failed to run: …`) sums up
  // the error printed with it: beside an error read by its code, wording or layout it adds nothing, and
  // it stands for the error only where the paste shows no other.
  if (summaries.size > 0) {
    if (findings.size > 0 || [...unmatched.values()].some((u) => !summaries.has(u))) {
      for (const [key, error] of unmatched) if (summaries.has(error)) unmatched.delete(key);
    } else if (summaryStrength >= threshold) errorFound = true;
  }

  answerFamilies(findings, unmatched, families, catalog);
  foldTiesIntoTheirRunnerUp(findings, tiedWith);
  yieldCertaintyToNamedCredentialEndpoint(findings, namedCredentialEndpoints);

  // A paste about one error may state its facts far from the error line (a pretty-printed request
  // body, a region in a log prefix). With several errors they could belong to any of them, so they
  // are only borrowed when the paste holds a single error.
  if (findings.size === 1 && unmatched.size === 0 && text.length <= 100_000) {
    const only = [...findings.values()][0]!;
    mergeFacts(only.facts, factsOfPaste());
    if (only.facts.timestamp && only.facts.timestampAgeHours === undefined) completeFacts(only.facts, undefined, now);
  }

  const ordered = [...findings.values()].sort(
    (a, b) =>
      severityRank[a.entry.severity] - severityRank[b.entry.severity] ||
      b.confidence - a.confidence ||
      b.occurrences - a.occurrences ||
      a.entry.id.localeCompare(b.entry.id),
  );
  const unmatchedList = [...unmatched.values()];
  let related = 0;
  for (const f of ordered)
    if (isGuess(f) && related++ < MAX_RELATED_ERRORS) f.related = relatedForGuess(catalog, f, f.excerpt ?? '');
  for (const u of unmatchedList)
    if (related++ < MAX_RELATED_ERRORS) {
      const first = closest.get(u);
      u.related = relatedFor(
        catalog,
        u.facts,
        u.excerpt,
        first ? { first: [first], firstWhy: 'another provider returns the same error' } : {},
      );
    }
  const verdict = verdictOf(catalog, ordered, unmatchedList);
  const isError = errorFound;
  const usageBatch = isError && text.length <= 200_000 ? extractUsageBatch(text) : undefined;
  return {
    isError,
    findings: ordered,
    unmatched: unmatchedList,
    ...(usageBatch ? { usageBatch } : {}),
    ...(truncated ? { truncated } : {}),
    verdict,
  };
}
