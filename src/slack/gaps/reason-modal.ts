import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import type { SlackServices } from '../services.js';
import { handledEvent } from '../handled-event.js';
import { parseSlackPayload } from '../payload.js';

/**
 * The small modal a 👎 opens: "what was wrong?", optional. Its submission adds the reason to the
 * gap log under the answer's fingerprint, so the catalog owner reads why next to the error.
 * The view carries only the stored-answer ID (private_metadata); the facts are loaded again.
 */

export const REASON_VIEW_ID = 'meterdoc_feedback_reason';
const REASON_BLOCK = 'reason';
const REASON_ACTION = 'reason_text';
const MAX_REASON = 500;

export function reasonView(answerId: string, title: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: REASON_VIEW_ID,
    private_metadata: answerId,
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'plain_text',
          text: `Thanks for the 👎 on "${title.slice(0, 200)}". A line on what was wrong helps whoever curates the catalog. Do not paste keys or passwords.`,
        },
      },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Reason (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          max_length: MAX_REASON,
          placeholder: { type: 'plain_text', text: 'e.g. the real cause was an expired license' },
        },
      },
    ],
  };
}

const submissionSchema = z.looseObject({
  user: z.looseObject({ id: z.string() }),
  view: z.looseObject({
    private_metadata: z.string(),
    state: z.looseObject({
      values: z.record(
        z.string(),
        z.record(
          z.string(),
          z.looseObject({
            value: z
              .string()
              .max(MAX_REASON * 4)
              .nullish(),
          }),
        ),
      ),
    }),
  }),
});

export function registerReasonModal(app: Pick<App, 'view'>, services: SlackServices): void {
  app.view(REASON_VIEW_ID, async ({ ack, body, context }) => {
    await ack();
    const submission = parseSlackPayload(
      services,
      submissionSchema,
      body,
      `${REASON_VIEW_ID} view submission`,
      handledEvent(context),
    );
    if (!submission) return;
    const answerId = submission.view.private_metadata;
    const text = submission.view.state.values[REASON_BLOCK]?.[REASON_ACTION]?.value?.trim() ?? '';
    if (!text || !services.insights) return;
    const payload = await services.answers.get(answerId).catch(() => undefined);
    if (!payload) {
      services.logger.info({ view: REASON_VIEW_ID }, '👎 reason for an expired answer dropped');
      return;
    }
    await services.insights.downvoteReason({ answerId, facts: payload.facts, text });
    services.logger.info(
      { answer: answerId, entry: payload.answer.entryId, user: submission.user.id },
      '👎 reason recorded',
    );
  });
}
