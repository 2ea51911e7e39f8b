/**
 * Every interactive element's action_id. Buttons carry only a stored-answer ID in their `value`
 * (see `AnswerStore`); the action_id says what to do with it. Changing an ID breaks the buttons of
 * every message already posted, so these are append-only.
 */
export const ACTION_IDS = {
  retry: 'meterdoc_retry',
  iamCheck: 'meterdoc_iam_check',
  supportBundle: 'meterdoc_support',
  /** Two buttons in one actions block need distinct action_ids: the suffix is the vote. */
  feedbackUp: 'meterdoc_feedback_up',
  feedbackDown: 'meterdoc_feedback_down',
  share: 'meterdoc_share',
  /** Links (docs) still send block_actions; acked and otherwise ignored. */
  docLink: 'meterdoc_doc_link',
  /** "Won't bill" on a deadline-watch message: stop watching records nobody will resend. */
  wontBill: 'meterdoc_wont_bill',
  /** "Full diagnosis" and "Show less": the same answer message at its full length or its first screen. */
  expand: 'meterdoc_expand',
  collapse: 'meterdoc_collapse',
  /**
   * "Might be related" entries under an error MeterDoc does not know: the button's action_id is this
   * prefix and the entry's position (`meterdoc_related_0`), since one actions block needs distinct IDs.
   */
  related: 'meterdoc_related',
} as const;

export type MeterDocActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
