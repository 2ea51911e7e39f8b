import { z } from 'zod';

/**
 * One evaluation case: a pasted text and what MeterDoc should make of it. The same format serves
 * every case set under eval/ (the held-out real pastes, the SDK-matrix captures).
 */

/** Kinds of failure an unrelated (non-metering) AWS error can be, for reporting by kind. */
export const UNRELATED_KINDS = [
  'throttling',
  'server-error',
  'access-denied',
  'credentials',
  'not-found',
  'validation',
  'other',
] as const;
export type UnrelatedKind = (typeof UNRELATED_KINDS)[number];

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case');

export const expectSchema = z.discriminatedUnion('class', [
  /** A catalog entry should answer it, and be the top finding. */
  z.object({ class: z.literal('catalog'), entry: kebab }).strict(),
  /** An AWS error of another service: it must not be claimed by a metering or entitlement entry. */
  z
    .object({
      class: z.literal('unrelated'),
      /** The AWS endpoint prefix of the service that failed, as catalog `services` name them (ec2, s3, dynamodb). */
      service: z.string().regex(/^[a-z0-9.-]+$/, 'an endpoint prefix such as ec2 or s3'),
      kind: z.enum(UNRELATED_KINDS),
    })
    .strict(),
  /** An error the catalog does not cover: it must be recognised as an error, and no entry may claim it with high confidence. */
  z.object({ class: z.literal('unknown') }).strict(),
  /** A sentence that only talks about errors: MeterDoc must stay silent. */
  z.object({ class: z.literal('chat') }).strict(),
]);
export type Expectation = z.infer<typeof expectSchema>;
export type ExpectedClass = Expectation['class'];

export const evalCaseSchema = z
  .object({
    id: kebab,
    /** Where the text appears in public (held-out cases); generated cases may name their `source` instead. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** What produced the text when it has no public URL, e.g. the generator and client that captured it. */
    source: z.string().trim().min(1).optional(),
    /** The text exactly as it was pasted or printed. */
    text: z.string().refine((t) => t.trim().length > 0, 'text must not be empty'),
    expect: expectSchema,
    note: z.string().trim().min(1).optional(),
  })
  .strict()
  .refine((c) => c.url !== undefined || c.source !== undefined, {
    message: 'a case needs a url or a source',
    path: ['url'],
  });
export type EvalCase = z.infer<typeof evalCaseSchema>;

/** A case file is a YAML sequence of cases. */
export const caseFileSchema = z.array(evalCaseSchema).min(1, 'a case file holds at least one case');
