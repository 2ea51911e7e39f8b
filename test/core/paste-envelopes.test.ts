import { describe, expect, it } from 'vitest';
import { diagnose, type Diagnosis } from '../../src/core/index.js';
import { unwrapEnvelopes } from '../../src/core/text/envelopes.js';
import { discoverCaseSets, loadCaseSet } from '../../eval/load-cases.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * An error reaches MeterDoc wrapped in layers that are not the error: Markdown and Slack mrkdwn,
 * HTML, a JSON string value, Docker's json-file log, CloudWatch/Lambda log lines, kubectl, journald
 * and CI prefixes, editor line numbers, Elixir and Python tuples, email quoting. Wrapped, the error
 * must read exactly as it reads bare: the same top entry, the same facts and the same confidence
 * band; an unknown error stays an error. The bare errors are every catalog entry's first example
 * (each one a real SDK or tool layout) and unknown errors in their tools' source layouts.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string): Diagnosis => diagnose(text, catalog, { now: NOW });

const LAMBDA_REQUEST = '8f507cfc-2f6e-4b59-9e0a-1b6c1f0c7f3e';

const lines = (text: string): string[] => text.split('\n');
const first = (text: string): string => lines(text)[0]!;
const rest = (text: string): string[] => lines(text).slice(1);
const eachLine = (text: string, prefix: string): string =>
  lines(text)
    .map((l) => prefix + l)
    .join('\n');
/** Wraps the first line (the error's head, what a person would emphasise) and keeps the rest below it. */
const head = (text: string, wrap: (line: string) => string): string => [wrap(first(text)), ...rest(text)].join('\n');
const htmlEscape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
/** Slack escapes &, < and > in message text (api.slack.com, "Formatting text for app surfaces"). */
const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Go's encoding/json escapes <, > and & as \u003c, \u003e, \u0026 (HTML-safe by default). */
const goJson = (text: string): string =>
  JSON.stringify(text).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
const pythonRepr = (text: string): string => {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
};

interface Envelope {
  name: string;
  wrap: (text: string) => string;
  /** Only a one-line error fits (inline code, a table cell without line breaks). */
  singleLine?: boolean;
  /** Only errors printed as an error, not as a plain object (which the envelope alone marks as an error). */
  notForObjects?: boolean;
}

const envelopes: Envelope[] = [
  // ---- Markdown (GitHub issues, Jira, Bugsnag and Sentry reports)
  { name: 'Markdown bold head', wrap: (t) => head(t, (l) => `**${l}**`) },
  { name: 'Markdown __bold__ head', wrap: (t) => head(t, (l) => `__${l}__`) },
  { name: 'Markdown italic head', wrap: (t) => head(t, (l) => `*${l}*`) },
  { name: 'Markdown heading', wrap: (t) => head(t, (l) => `## ${l}`) },
  { name: 'Markdown block quote', wrap: (t) => eachLine(t, '> ') },
  { name: 'Markdown nested quote (email reply)', wrap: (t) => eachLine(t, '> > ') },
  { name: 'Markdown bullet', wrap: (t) => [`- ${first(t)}`, ...rest(t).map((l) => `  ${l}`)].join('\n') },
  { name: 'Markdown numbered item', wrap: (t) => [`1. ${first(t)}`, ...rest(t).map((l) => `   ${l}`)].join('\n') },
  { name: 'Bugsnag report head (inline bold)', wrap: (t) => head(t, (l) => `**${l}** in **MeteringJob#perform**`) },
  { name: 'Markdown quoted fence (GitHub reply)', wrap: (t) => eachLine(`\`\`\`\n${t}\n\`\`\``, '> ') },
  { name: 'Markdown fence with a language', wrap: (t) => `\`\`\`text\n${t}\n\`\`\`` },
  { name: 'Markdown inline code', wrap: (t) => `\`${t}\``, singleLine: true },
  { name: 'Markdown table cell', wrap: (t) => `| when | error |\n|---|---|\n| 13:59 | ${t} |`, singleLine: true },
  // ---- Slack mrkdwn as the Events API delivers it
  { name: 'Slack *bold* head', wrap: (t) => head(slackEscape(t), (l) => `*${l}*`) },
  { name: 'Slack _italic_ head', wrap: (t) => head(slackEscape(t), (l) => `_${l}_`) },
  { name: 'Slack ~strike~ head', wrap: (t) => head(slackEscape(t), (l) => `~${l}~`) },
  { name: 'Slack quote (&gt;)', wrap: (t) => eachLine(slackEscape(t), '&gt; ') },
  {
    name: 'Slack quote around bold',
    wrap: (t) =>
      eachLine(
        head(slackEscape(t), (l) => `*${l}*`),
        '&gt; ',
      ),
  },
  { name: 'Slack code block on one line with the fences', wrap: (t) => `see this: \`\`\`${slackEscape(t)}\`\`\`` },
  // ---- HTML (web consoles, mail, forum posts)
  { name: 'HTML <pre> with entities', wrap: (t) => `<pre>${htmlEscape(t)}</pre>` },
  { name: 'HTML <br> lines', wrap: (t) => `<p>${lines(htmlEscape(t)).join('<br>\n')}</p>` },
  // ---- JSON string values (structured loggers, API responses, Docker)
  { name: 'JSON log message', wrap: (t) => `{"level":"error","time":1795442398123,"msg":${JSON.stringify(t)}}` },
  { name: 'Go JSON (\\u003c escapes)', wrap: (t) => `{"severity":"ERROR","message":${goJson(t)}}` },
  {
    name: 'Docker json-file log',
    wrap: (t) =>
      lines(t)
        .map((l) => `{"log":${JSON.stringify(`${l}\n`)},"stream":"stderr","time":"2026-11-23T13:59:58.123456789Z"}`)
        .join('\n'),
  },
  // ---- CloudWatch Logs / Lambda
  {
    name: 'Lambda Node.js log line',
    wrap: (t) =>
      [
        `START RequestId: ${LAMBDA_REQUEST} Version: $LATEST`,
        `2026-11-23T13:59:58.123Z\t${LAMBDA_REQUEST}\tERROR\t${first(t)}`,
        ...rest(t),
        `END RequestId: ${LAMBDA_REQUEST}`,
        `REPORT RequestId: ${LAMBDA_REQUEST}\tDuration: 812.33 ms\tBilled Duration: 813 ms\tMemory Size: 512 MB\tMax Memory Used: 91 MB`,
      ].join('\n'),
  },
  {
    name: 'Lambda log line copied from the CloudWatch console (tabs as spaces)',
    wrap: (t) => head(t, (l) => `2026-11-23T13:59:58.123Z ${LAMBDA_REQUEST} ERROR ${l}`),
  },
  {
    name: 'Lambda Python [ERROR] line',
    wrap: (t) => [`[ERROR]\t2026-11-23T13:59:58.123Z\t${LAMBDA_REQUEST}\t${first(t)}`, ...rest(t)].join('\n'),
  },
  // ---- Kubernetes, journald, CI, editors
  { name: 'kubectl logs --prefix', wrap: (t) => eachLine(t, '[pod/meter-worker-7d9f8c6b5-x2x7q/worker] ') },
  { name: 'kubectl logs --timestamps', wrap: (t) => eachLine(t, '2026-11-23T13:59:58.123456789Z ') },
  {
    name: 'journald (journalctl -o short-iso)',
    wrap: (t) => eachLine(t, '2026-11-23T13:59:58+0000 ip-10-0-1-12 meter-worker[4121]: '),
  },
  { name: 'journald (journalctl -u)', wrap: (t) => eachLine(t, 'Nov 23 13:59:58 ip-10-0-1-12 meter-worker[4121]: ') },
  {
    name: 'GitHub Actions ##[error]',
    wrap: (t) =>
      [
        `2026-11-23T13:59:58.1234567Z ##[error]${first(t)}`,
        ...rest(t).map((l) => `2026-11-23T13:59:58.1234568Z ${l}`),
      ].join('\n'),
  },
  {
    name: 'cat -n line numbers',
    wrap: (t) =>
      lines(t)
        .map((l, i) => `${String(i + 1).padStart(6)}\t${l}`)
        .join('\n'),
  },
  {
    name: 'Node unhandled rejection warning',
    wrap: (t) => head(t, (l) => `(node:4121) UnhandledPromiseRejectionWarning: ${l}`),
  },
  {
    name: 'Node unhandled rejection warning on its own line',
    wrap: (t) => `(node:4121) UnhandledPromiseRejectionWarning:\n${t}`,
    notForObjects: true,
  },
  // ---- Language values around the message
  { name: 'Elixir {:error, "..."} tuple', wrap: (t) => `{:error, ${JSON.stringify(t)}}` },
  { name: 'Python tuple repr', wrap: (t) => `(${pythonRepr(t)},)` },
];

/** Unknown errors in their tools' own layouts: recognised as errors bare, so they must be wrapped too. */
const unknownErrors: Array<[string, string]> = [
  ['an exception the catalog does not know', 'FluxCapacitorOverloadException: flux capacitor rejected usage'],
  [
    'a Node TypeError with its stack',
    "TypeError: Cannot read properties of undefined (reading 'records')\n    at buildBatch (/var/task/meter.js:41:22)\n    at Runtime.handler (/var/task/index.js:12:9)",
  ],
  ['a Go panic', 'panic: runtime error: invalid memory address or nil pointer dereference'],
  ['the Slack Web API body', '{"ok":false,"error":"invalid_auth"}'],
  [
    "a rejected API body under Node's rejection warning (the warning is all that says it is an error)",
    '(node:1) UnhandledPromiseRejectionWarning:\n{\n    "message": "Bad credentials",\n    "documentation_url": "https://developer.github.com/v3"\n}',
  ],
];

interface Reading {
  isError: boolean;
  top?: string;
  certainty?: 'high' | 'possible';
  facts?: Record<string, string | undefined>;
  unmatched: number;
}

function readingOf(d: Diagnosis): Reading {
  const top = d.findings[0];
  if (!top) return { isError: d.isError, unmatched: d.unmatched.length };
  const { code, operation, action, requestId } = top.facts;
  return {
    isError: d.isError,
    top: top.entry.id,
    certainty: top.confidence >= 0.85 ? 'high' : 'possible',
    facts: { code, operation, action, requestId },
    unmatched: d.unmatched.length,
  };
}

/** Every eighth SDK-matrix capture: what the real clients print, in each client's own layout. */
function sdkMatrixSample(): Array<[string, string]> {
  const set = discoverCaseSets().find((s) => s.name === 'sdk-matrix');
  if (!set) return [];
  return loadCaseSet(set.name, set.files)
    .cases.filter((_, i) => i % 8 === 0)
    .map((c): [string, string] => [`sdk-matrix ${c.id}`, c.text]);
}

const bareErrors: Array<[string, string]> = [
  ...catalog.entries.map((e): [string, string] => [e.id, e.examples[0]!]),
  ...sdkMatrixSample(),
  ...unknownErrors,
];

describe('an error wrapped in a paste envelope reads as it does bare', () => {
  const valid: Array<[string, string, string]> = [];
  for (const [label, bare] of bareErrors)
    for (const envelope of envelopes)
      if ((!envelope.singleLine || !bare.includes('\n')) && !(envelope.notForObjects && /^\s*[{[]/.test(bare)))
        valid.push([envelope.name, label, envelope.wrap(bare)]);

  const bareReading = new Map(bareErrors.map(([label, bare]) => [label, readingOf(diagnosisOf(bare))]));

  it('every bare error is an error', () => {
    for (const [label, reading] of bareReading) expect(reading.isError, label).toBe(true);
  });

  it.each(valid)('%s around %s', (_envelope, label, wrapped) => {
    const bare = bareReading.get(label)!;
    const reading = readingOf(diagnosisOf(wrapped));
    expect({ ...reading, unmatched: reading.unmatched > 0 }).toEqual({ ...bare, unmatched: bare.unmatched > 0 });
  });
});

describe('chat that merely uses Markdown stays chat', () => {
  const invalid: Array<[string, string]> = [
    ['a bold reminder', '**Reminder:** the metering job runs at *02:00 UTC*, please keep the _role_ untouched.'],
    ['a heading and a list', '## Release notes\n- retries now back off\n- `BatchMeterUsage` batches are smaller'],
    ['a quoted question', '> did anyone see throttling on the metering job last night?\nno, all quiet here'],
    ['a table of dimensions', '| dimension | unit |\n|---|---|\n| Users | count |\n| Storage | GB |'],
    [
      'Slack mrkdwn with a link',
      '*Heads up* _folks_: see <https://docs.aws.amazon.com/marketplace/|the metering docs> ~before~ Friday',
    ],
    ['HTML paragraph', '<p>We moved the metering cron to <b>us-east-1</b>.<br>Nothing else changed.</p>'],
    ['a JSON log line of a success', '{"level":"info","msg":"BatchMeterUsage sent 25 records\\nall accepted"}'],
    ['a bullet naming an error in prose', '- we saw **ThrottlingException** twice last week, the retries handled it'],
    ['an emphasised sentence about errors', '_no more AccessDenied errors since the policy change_ :tada:'],
    ['a quoted reply about credentials', '> the credentials expired again?\nyes, I rotated them this morning'],
    [
      'a Lambda START and REPORT',
      `START RequestId: ${LAMBDA_REQUEST} Version: $LATEST\nEND RequestId: ${LAMBDA_REQUEST}`,
    ],
  ];
  it.each(invalid)('%s', (_label, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(false);
    expect(d.findings.filter((f) => (f.evidence ?? 0) >= 0.6)).toEqual([]);
  });
});

describe('what an answer quotes is the error, not its envelope', () => {
  it.each([
    [
      'Docker json-file',
      '{"log":"ThrottlingException: Rate exceeded\\n","stream":"stderr","time":"2026-11-23T13:59:58Z"}',
    ],
    ['Markdown bold', '**ThrottlingException: Rate exceeded**'],
    ['HTML', '<pre>ThrottlingException: Rate exceeded</pre>'],
  ])('%s', (_label, text) => {
    const excerpt = diagnosisOf(text).findings[0]?.excerpt ?? '';
    expect(excerpt).toContain('ThrottlingException: Rate exceeded');
    expect(excerpt).not.toMatch(/\*\*|<pre>|"log"|\\n/);
  });
});

describe('text that is not an envelope is left as it is', () => {
  it.each([
    ['an AWS XML error body', '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'],
    [
      'a Python traceback through __init__.py',
      'Traceback (most recent call last):\n  File "/app/venv/lib/python3.12/site-packages/boto3/__init__.py", line 92, in client\n    return _get_default_session().client(*args, **kwargs)',
    ],
    ['a JS v3 single-line JSON body', '{"__type":"ThrottlingException","message":"Rate exceeded"}'],
    ['a Java generic type', 'at java.util.concurrent.CompletableFuture<T>.get(CompletableFuture.java:2096)'],
    ['an S3 ARN with a wildcard', 'Resource: arn:aws:s3:::meter-exports/*'],
    ['numbers that do not count up', '3\tusers\n7\tstorage'],
    ['a Windows path in a JSON string', '{"path":"C:\\\\temp\\\\new"}'],
  ])('%s', (_label, text) => {
    expect(unwrapEnvelopes(text)).toBe(text);
  });
});
