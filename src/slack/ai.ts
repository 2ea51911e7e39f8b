import type { Answer, CatalogEntry, Diagnosis, UnmatchedError } from '../core/index.js';

/**
 * The AI fallback (src/ai implements it). MeterDoc calls it after the catalog has had its say:
 * when the paste holds errors the catalog does not know (`diagnosis.unmatched`), or when someone
 * asked explicitly (mention, command, shortcut, DM) and no finding reached the confidence
 * threshold. The Slack side posts a "Diagnosing…" placeholder first and replaces it with the
 * result, so the implementation may take seconds; it runs after Slack's 3-second ack.
 *
 * Contract:
 * - Return answers with `source: 'llm'` (fresh) or `'cache'`; they are labelled as AI answers and
 *   get only the IAM-check (when `actions` includes it) and feedback buttons, never a retry.
 * - `note` is one line for people when there is no answer ("Bedrock is throttling; try again").
 * - Throwing is allowed: the placeholder is replaced with a short failure line and the error logged.
 * - The call is abandoned (placeholder replaced) after the implementation's own `budgetMs`, or
 *   after `SlackOptions.aiTimeoutMs` when it declares none: one timeout setting, owned by the AI.
 */
export interface AiFallbackInput {
  /** The text the person pasted (files included), as the core read it. */
  paste: string;
  diagnosis: Diagnosis;
}

export interface AiFallbackResult {
  answers: Answer[];
  note?: string;
  /**
   * Optional: each error the AI was asked about, with its fingerprint and the answer given for it
   * (the AiDiagnoser reports these). The gap log keys errors by them; without them it pairs the
   * answers with the paste's unmatched errors in order.
   */
  items?: Array<{
    error: UnmatchedError;
    fingerprint?: string;
    answer?: Answer;
    /** `fallback` when the AI could not answer this error (the answer, if any, is only the nearest entry). */
    outcome?: string;
    /** Why there is no AI answer, for a fallback. */
    failure?: { reason: string };
    /** The closest catalog entries, best first. */
    nearest?: Array<{ entry: CatalogEntry }>;
  }>;
}

export interface AiFallback {
  diagnoseUnknown(input: AiFallbackInput): Promise<AiFallbackResult>;
  /**
   * Optional: the same result when it can be had from the cache alone (no model call), else
   * undefined. A hit is posted at once, without the "Diagnosing…" placeholder and its edit.
   */
  diagnoseCached?(input: AiFallbackInput): Promise<AiFallbackResult | undefined>;
  /** The longest `diagnoseUnknown` may take when everything is slow; the placeholder gives up after it. */
  readonly budgetMs?: number;
}
