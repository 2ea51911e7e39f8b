import { z } from 'zod';

/**
 * The shape of one catalog entry (one YAML file under `knowledge/`).
 * This schema is the contract between on-call engineers who edit YAML and the code:
 * every file is validated against it at load, and a broken file names its path and field.
 */

export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Buttons an answer may offer. The Slack app decides who may press them. */
export const ACTION_KINDS = ['retry', 'iam-check', 'support-bundle'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const AREAS = [
  'metering',
  'entitlement',
  'credentials',
  'sts',
  'signature',
  'permissions',
  'network',
  'cost-explorer',
  'organizations',
  /** Failures any AWS service can return (throttling, 5xx), for pastes about another service or none. */
  'general',
] as const;
export type Area = (typeof AREAS)[number];

/**
 * Which area wins when entries of several areas fit a paste equally well, first to last: the
 * metering call itself, then why it was refused (permissions, credentials, signing, STS), then the
 * network and the services around it, and the generic AWS failures last.
 */
export const AREA_PRIORITY: readonly Area[] = [
  'metering',
  'permissions',
  'credentials',
  'signature',
  'sts',
  'network',
  'entitlement',
  'cost-explorer',
  'organizations',
  'general',
];

/**
 * Areas whose entries are about a missing Allow: when a paste names the denied IAM action, that
 * action belongs in the statement to attach even if the entry lists no `iamActions` of its own.
 */
export const AREAS_GRANTING_THE_PASTED_ACTION: ReadonlySet<Area> = new Set<Area>(['permissions']);

/**
 * Areas whose entries explain a failed connection to an AWS service endpoint (timeouts, resets, DNS,
 * TLS). When the address that failed is one an entry lists in `match.hosts` (the instance metadata
 * or container credentials endpoint), the failure is that entry's and not a transport problem with AWS.
 */
export const AREAS_ABOUT_THE_AWS_ENDPOINT: ReadonlySet<Area> = new Set<Area>(['network']);

/** An area's place in AREA_PRIORITY (lower wins). */
export function areaRank(area: Area): number {
  return AREA_PRIORITY.indexOf(area);
}

const nonEmpty = z.string().trim().min(1);
/** An error code or exception name as it appears on the wire: no spaces, no namespace. */
const errorCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'an error code is one word, e.g. ThrottlingException');

const operationName = z.string().regex(/^[A-Z][A-Za-z0-9]*$/);

/**
 * Which kind of permission denial a cause or fix step holds for. `missing-allow`: the caller's own
 * policies lack an Allow (left out when the message says a Deny, or an SCP, boundary, session or
 * resource policy, refused it: attaching a statement cannot help then). `policy-blocks`: only when
 * the message says so.
 */
export const DENIAL_SCOPES = ['missing-allow', 'policy-blocks'] as const;
export type DenialScope = (typeof DENIAL_SCOPES)[number];

/**
 * A cause or a fix step. Most apply whatever the operation; one that holds only for some operations
 * (a seller-account check, a SaaS-only rule) names them, and answers about other operations leave it
 * out. A step about permissions may also say which kind of denial it holds for.
 */
export const catalogTextSchema = z.union([
  nonEmpty,
  z
    .object({
      text: nonEmpty,
      operations: z.array(operationName).min(1).optional(),
      denial: z.enum(DENIAL_SCOPES).optional(),
    })
    .strict()
    .refine((t) => t.operations !== undefined || t.denial !== undefined, {
      message: 'a scoped text names its operations, its denial, or both',
    }),
]);
export type CatalogText = z.infer<typeof catalogTextSchema>;

export const docLinkSchema = z.object({
  title: nonEmpty,
  url: z.url({ protocol: /^https$/ }),
});

export const matchSchema = z
  .object({
    /** Error codes / exception names / record statuses this entry covers. */
    codes: z.array(errorCode).default([]),
    /** API operations the entry is about; empty means "any operation". */
    operations: z.array(operationName).default([]),
    /**
     * Phrases (case-insensitive, literal, not regexes) that identify the error when no code is
     * present, or that tell apart two entries sharing a code. At least 4 characters each so
     * that chat does not trip them.
     */
    messages: z.array(z.string().min(4)).default([]),
    /**
     * IAM actions the entry is about, for AccessDenied-style errors. `service:*` matches a whole
     * service prefix. When the paste names an action outside this list the entry is ruled out.
     */
    iamActions: z.array(z.string().regex(/^[a-z0-9-]+:(\*|[A-Za-z0-9*]+)$/)).default([]),
    /**
     * Addresses (literal, case-insensitive) whose failure this entry explains whatever the transport
     * wording around it: a timeout or refusal on one of them is this entry's, not a network entry's.
     */
    hosts: z.array(z.string().min(4)).default([]),
    /**
     * Codes and phrases of this entry's own `codes` and `messages` that it answers first when
     * another entry fits a paste exactly as well (same score, same wording): the entry the code or
     * wording means before anything else in the paste says otherwise. `SignatureDoesNotMatch` alone
     * is a signature mismatch; the clock-skew and region-scope entries that also list it win only
     * on their own wording. At most one entry owns a code or phrase (`meterdoc catalog check`).
     */
    owns: z.array(z.string().min(1)).default([]),
    /**
     * Phrases of this entry's own `messages` that a client prints for every failure of its kind,
     * whatever the cause (the C++ SDK's "Unable to connect to endpoint" for any transport failure it
     * reports as NETWORK_CONNECTION): they name this entry when nothing else does, and yield to an
     * entry of the same area whose own wording is in the same error (the cause the client logged).
     */
    wrappers: z.array(z.string().min(4)).default([]),
    /**
     * Codes of this entry's own `codes` that many other AWS services raise as well (botocore's service
     * models define InvalidParameterException in over thirty). On such a code alone, with nothing in the
     * block naming this entry's service, one of its operations or IAM actions, or its own wording, the
     * entry is not the answer: the error is listed as unknown, with this entry among the related ones.
     */
    sharedCodes: z.array(z.string().min(1)).default([]),
  })
  .refine((m) => m.codes.length > 0 || m.messages.length > 0 || m.hosts.length > 0, {
    message: 'an entry needs at least one code or one message phrase to be recognisable',
  })
  .superRefine((m, ctx) => {
    subsetOf(
      ctx,
      'wrappers',
      m.wrappers,
      m.messages,
      "is not one of this entry's messages: a wrapper phrase is one of its own",
    );
    subsetOf(
      ctx,
      'owns',
      m.owns,
      [...m.codes, ...m.messages],
      "is not one of this entry's codes or messages: an entry owns only its own",
    );
    subsetOf(ctx, 'sharedCodes', m.sharedCodes, m.codes, "is not one of this entry's codes");
  });

/** Reports each of `listed` (the field `field`) that is not among `allowed`, case-insensitively. */
function subsetOf(ctx: z.RefinementCtx, field: string, listed: string[], allowed: string[], why: string): void {
  const known = new Set(allowed.map((s) => s.toLowerCase()));
  listed.forEach((value, i) => {
    if (!known.has(value.toLowerCase()))
      ctx.addIssue({ code: 'custom', path: [field, i], message: `"${value}" ${why}` });
  });
}

export const catalogEntrySchema = z
  .object({
    /** Stable id, never renamed once published: Slack buttons and caches refer to it. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case, e.g. metering-throttling'),
    title: nonEmpty.max(120),
    area: z.enum(AREAS),
    /** AWS endpoint prefixes the entry is about, e.g. metering.marketplace, sts, ce; `*` for any. */
    services: z.array(nonEmpty).min(1),
    match: matchSchema,
    severity: z.enum(SEVERITIES),
    retryable: z.boolean(),
    /** What happened, in one or two sentences. May use {{fact}} placeholders. */
    what: nonEmpty,
    /** Likely causes, most likely first. */
    why: z.array(catalogTextSchema).min(1),
    /** Numbered fix steps. May use {{fact}} and {{fact|fallback}} placeholders. */
    fix: z.array(catalogTextSchema).min(1),
    /** IAM actions to print as a ready-to-attach policy statement (the pasted action is added). */
    policyActions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/)).default([]),
    docs: z.array(docLinkSchema).min(1),
    actions: z.array(z.enum(ACTION_KINDS)).default([]),
    /** Where a seed document or folk wisdom says otherwise, what the facts are. */
    correction: nonEmpty.optional(),
    /** Real messages this entry must match (checked by `meterdoc catalog check` and the tests). */
    examples: z.array(nonEmpty).min(1),
    /**
     * Near-misses: real messages that look like this entry's but must not rank it first (another
     * service's throttling for a metering entry, an explicit deny for the generic denial). Checked like `examples`.
     */
    counterexamples: z.array(nonEmpty).default([]),
    /**
     * Raised by the AWS SDK itself from the client's configuration, before any request (no Region,
     * a Region that makes no endpoint, a credential chain that found nothing or half a key pair): its
     * wording is an AWS SDK's, so a paste with nothing else of AWS in it is still AWS's, unlike a
     * transport failure any client may print, and an AWS client pointed at another provider's store
     * (`endpoint_url`) failed the same way before it reached that store.
     */
    clientConfiguration: z.boolean().optional(),
  })
  .strict();

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type DocLink = z.infer<typeof docLinkSchema>;
