/**
 * Redaction before anything leaves the process (Bedrock prompt, cache entry, log line).
 *
 * Each sensitive value becomes a deterministic placeholder such as `<ACCOUNT_1>`: the same value
 * gets the same placeholder within one Redactor, and placeholders are numbered by first
 * appearance, so two pastes of the same error made by different customers redact to the same
 * text and share a cache entry. `restore()` puts the real values back into what the user sees.
 *
 * Every pattern is anchored on literal text or a single bounded character class with no nested
 * quantifiers, so scanning is linear in the input (pastes can be 1 MiB).
 */

export const PLACEHOLDER_KINDS = [
  'PRIVATE_KEY',
  'SLACK_TOKEN',
  'SESSION_TOKEN',
  'SECRET',
  'ACCESS_KEY',
  'EMAIL',
  'CUSTOMER',
  'ACCOUNT',
  'IP',
] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

/** Kinds whose real value is never put back into an answer: re-posting a secret widens the leak. */
const SECRET_KINDS: ReadonlySet<PlaceholderKind> = new Set(['PRIVATE_KEY', 'SLACK_TOKEN', 'SESSION_TOKEN', 'SECRET']);

interface Rule {
  kind: PlaceholderKind;
  pattern: RegExp;
  /** Index of the capture group holding the value; 0 = whole match. */
  group: number;
}

// Order matters: longer/more specific secrets first, so an access key inside a labelled secret
// line or an account ID inside a session token is not redacted piecemeal.
const RULES: Rule[] = [
  {
    kind: 'PRIVATE_KEY',
    pattern: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[^-]{0,20000}-----END [A-Z ]{0,40}PRIVATE KEY-----/g,
    group: 0,
  },
  { kind: 'SLACK_TOKEN', pattern: /\bxox[abposrce]-[A-Za-z0-9-]{8,250}/g, group: 0 },
  { kind: 'SLACK_TOKEN', pattern: /\bxapp-[A-Za-z0-9-]{8,250}/g, group: 0 },
  {
    kind: 'SLACK_TOKEN',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{8,250}/g,
    group: 0,
  },
  // Labelled session tokens: env vars, SDK config keys, the query/header used by presigned requests.
  {
    kind: 'SESSION_TOKEN',
    pattern:
      /(?:aws_session_token|AWS_SESSION_TOKEN|aws_security_token|sessionToken|SessionToken|session_token|X-Amz-Security-Token|x-amz-security-token)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9/+=%]{16,4096})/g,
    group: 1,
  },
  // Unlabelled STS session tokens start with these base64 prefixes ("\x21\x0a\x09origin..." / "FwoGZXIvYXdz").
  { kind: 'SESSION_TOKEN', pattern: /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{20,4096}/g, group: 0 },
  {
    kind: 'SECRET',
    pattern:
      /(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY|secretAccessKey|SecretAccessKey|secret_access_key|secret_key|SecretKey)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9/+=]{16,128})/g,
    group: 1,
  },
  {
    kind: 'SECRET',
    pattern:
      /(?:password|passwd|api[_-]?key|client[_-]?secret|signingSecret|SLACK_SIGNING_SECRET)["']?\s{0,3}[:=]\s{0,3}["']?([^\s"',;]{6,256})/gi,
    group: 1,
  },
  { kind: 'SECRET', pattern: /\b(?:Bearer|Basic) ([A-Za-z0-9._~+/=-]{12,4096})/g, group: 1 },
  // A SigV4 signature is derived from the secret key; it is useless to the model and replayable for minutes.
  { kind: 'SECRET', pattern: /\b(?:Signature=|X-Amz-Signature=)([0-9a-f]{64})\b/g, group: 1 },
  // An unlabelled 40-character secret key: base64 alphabet with upper, lower and digit, not inside a longer run.
  {
    kind: 'SECRET',
    pattern:
      /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[a-z])(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
    group: 0,
  },
  { kind: 'ACCESS_KEY', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, group: 0 },
  {
    kind: 'EMAIL',
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g,
    group: 0,
  },
  {
    kind: 'CUSTOMER',
    pattern: /\bCustomerIdentifier["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9_+=.@-]{1,255})/gi,
    group: 1,
  },
  {
    kind: 'CUSTOMER',
    pattern: /\b(?:customer[ _-]?identifier|customer[ _-]?id)\s{0,3}[:=]?\s{0,3}['"]([A-Za-z0-9_+=.@-]{1,255})['"]/gi,
    group: 1,
  },
  { kind: 'CUSTOMER', pattern: /--customer-identifier[ =]["']?([A-Za-z0-9_+=.@-]{1,255})/g, group: 1 },
  // Identifiers in prose: "for customer cust-7f3a9b2c", "CustomerIdentifier is abc123XYZ", "customer ID was X9y_z".
  // The value must mix letters and digits so English words ("the customer is not subscribed") and plain
  // numbers stay; a trailing full stop ends the sentence, not the identifier.
  {
    kind: 'CUSTOMER',
    pattern:
      /\bcustomer(?:[ _-]?(?:identifier|id))?\b["']?\s{0,3}(?:(?:is|was|of)\s{1,3}|[:=]\s{0,3})?["'`]?(?=[A-Za-z0-9_+=.@-]{0,254}[0-9])(?=[A-Za-z0-9_+=.@-]{0,254}[A-Za-z])([A-Za-z0-9][A-Za-z0-9_+=.@-]{2,253}[A-Za-z0-9_+=@-])/gi,
    group: 1,
  },
  // Account IDs anywhere, which covers the account part of every ARN (arn:aws:iam::<ACCOUNT_1>:role/x).
  { kind: 'ACCOUNT', pattern: /(?<![0-9])[0-9]{12}(?![0-9])/g, group: 0 },
  // The console writes account IDs in groups of four (1234-5678-9012); not inside a UUID or a longer dashed run.
  { kind: 'ACCOUNT', pattern: /(?<![0-9A-Za-z-])[0-9]{4}-[0-9]{4}-[0-9]{4}(?![0-9A-Za-z]|-[0-9A-Za-z])/g, group: 0 },
  {
    kind: 'IP',
    pattern:
      /(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9]|\.[0-9])/g,
    group: 0,
  },
  { kind: 'IP', pattern: /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])/g, group: 0 },
];

/**
 * Whether any rule can match a text, in one or two scans instead of one per rule: most texts
 * redacted (a fact like `BatchMeterUsage`, an error line without identifiers) hold nothing to
 * replace. Case-sensitive and case-insensitive rules are unioned apart (flags cannot mix on
 * Node 20); a text no union matches is left as it is, exactly as the rules one by one would.
 */
function unionOf(rules: readonly Rule[]): RegExp | undefined {
  return rules.length > 0
    ? new RegExp(rules.map((r) => `(?:${r.pattern.source})`).join('|'), rules[0]!.pattern.flags.replace('g', ''))
    : undefined;
}
const ANY_RULE = [
  unionOf(RULES.filter((r) => !r.pattern.ignoreCase)),
  unionOf(RULES.filter((r) => r.pattern.ignoreCase)),
].filter((u): u is RegExp => u !== undefined);

const PLACEHOLDER =
  /<(PRIVATE_KEY|SLACK_TOKEN|SESSION_TOKEN|SECRET|ACCESS_KEY|EMAIL|CUSTOMER|ACCOUNT|IP)_([0-9]{1,5})>/g;

/** Addresses that identify nobody and help the diagnosis (loopback, IMDS, documentation ranges stay as-is). */
const KEEP_IPS = new Set(['127.0.0.1', '0.0.0.0', '169.254.169.254', '169.254.170.2']);

export interface RedactionCounts {
  [kind: string]: number;
}

/**
 * One redaction session: redact the paste (and anything derived from it) with the same instance
 * so placeholders stay consistent, then restore the model's answer with it.
 */
export class Redactor {
  private readonly toPlaceholder = new Map<string, string>();
  private readonly toValue = new Map<string, { kind: PlaceholderKind; value: string }>();
  private readonly counters = new Map<PlaceholderKind, number>();
  private readonly literals: Array<[string, string]> = [];

  /**
   * Marks `value` as sensitive of `kind` (e.g. a customer identifier the fact extractor found in
   * JSON), so every later occurrence is replaced even where no pattern would see it, such as
   * "record for CustomerIdentifier cust-123 failed". Returns its placeholder.
   */
  remember(kind: PlaceholderKind, value: string): string {
    const placeholder = this.placeholderFor(kind, value);
    // Short values would hit unrelated text; patterns still cover them where labelled.
    if (value.length >= 4 && !this.literals.some(([v]) => v === value)) {
      this.literals.push([value, placeholder]);
      this.literals.sort((a, b) => b[0].length - a[0].length);
    }
    return placeholder;
  }

  redact(text: string): string {
    let out = text;
    // Known values first, longest first, so a pattern cannot split one into pieces.
    for (const [value, placeholder] of this.literals) if (out.includes(value)) out = out.split(value).join(placeholder);
    if (!ANY_RULE.some((union) => union.test(out))) return out;
    for (const rule of RULES) {
      rule.pattern.lastIndex = 0;
      out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
        const value = rule.group === 0 ? match : (rest[rule.group - 1] as string | undefined);
        if (!value || value.startsWith('<')) return match;
        if (rule.kind === 'IP' && KEEP_IPS.has(value)) return match;
        const placeholder = this.placeholderFor(rule.kind, value);
        return rule.group === 0 ? placeholder : match.replace(value, placeholder);
      });
    }
    return out;
  }

  /**
   * Puts real values back. Secrets stay masked unless `includeSecrets` is set: the user already
   * has them, and echoing them into a channel again would spread them further.
   */
  restore(text: string, options: { includeSecrets?: boolean } = {}): string {
    return text.replace(PLACEHOLDER, (placeholder) => {
      const found = this.toValue.get(placeholder);
      if (!found) return placeholder;
      if (SECRET_KINDS.has(found.kind) && !options.includeSecrets) return placeholder;
      return found.value;
    });
  }

  /** How many distinct values of each kind were replaced (for logs: counts, never values). */
  counts(): RedactionCounts {
    return Object.fromEntries(this.counters);
  }

  get size(): number {
    return this.toValue.size;
  }

  private placeholderFor(kind: PlaceholderKind, value: string): string {
    const key = `${kind}\0${value}`;
    let placeholder = this.toPlaceholder.get(key);
    if (!placeholder) {
      const n = (this.counters.get(kind) ?? 0) + 1;
      this.counters.set(kind, n);
      placeholder = `<${kind}_${n}>`;
      this.toPlaceholder.set(key, placeholder);
      this.toValue.set(placeholder, { kind, value });
    }
    return placeholder;
  }
}

/** One-shot redaction, for log lines. */
export function redact(text: string): string {
  return new Redactor().redact(text);
}

/** Redacts every string inside a JSON-like value (keys are kept), with one shared Redactor. */
export function redactDeep<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactor)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redactor)])) as T;
  }
  return value;
}

/** Restores every string inside a JSON-like value. */
export function restoreDeep<T>(value: T, redactor: Redactor, options: { includeSecrets?: boolean } = {}): T {
  if (typeof value === 'string') return redactor.restore(value, options) as T;
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, redactor, options)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreDeep(v, redactor, options)])) as T;
  }
  return value;
}
