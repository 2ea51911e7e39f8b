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
} as const;

export type MeterDocActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
