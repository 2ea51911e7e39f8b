import type { App, ViewSubmitAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { planBatch } from '../../core/usage/validate-batch.js';
import { batchFromWire, wireBatchSchema } from '../../core/usage/wire.js';
import { confirmView, EDIT_ACTION, EDIT_BLOCK, needsEditing, saveDraft } from './dialogs.js';
import { runConfirmedRetry } from './send.js';
import { VIEW_IDS, type AwsActionDeps } from '../types.js';

type View = types.View;

export type ViewSubmissionResponse =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: View }
  | { response_action: 'clear' }
  | undefined;

const editedSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(wireBatchSchema);

/** Submission of the edit form: validate, then swap the modal for the confirm view. */
export async function handleEditSubmission(
  deps: AwsActionDeps,
  input: { draftId: string; userId: string; text: string | undefined },
): Promise<ViewSubmissionResponse> {
  const draft = await deps.drafts.get(input.draftId);
  if (!draft)
    return {
      response_action: 'errors',
      errors: { [EDIT_BLOCK]: 'This retry has expired. Close the dialog and click Retry again.' },
    };
  const parsed = editedSchema.safeParse(input.text ?? '');
  if (!parsed.success) {
    const msg = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'records'}: ${i.message}`)
      .join('; ');
    return { response_action: 'errors', errors: { [EDIT_BLOCK]: msg.slice(0, 300) } };
  }
  const batch = batchFromWire(parsed.data, draft.batch.origin);
  const plan = planBatch(batch, deps.now());
  if (needsEditing(batch, plan)) {
    const msg = [...plan.batchProblems, ...plan.invalid.map((v) => `#${v.index + 1}: ${v.problems.join('; ')}`)].join(
      ' | ',
    );
    return { response_action: 'errors', errors: { [EDIT_BLOCK]: msg.slice(0, 300) } };
  }
  // An edited batch: its record positions are not the stored batch's, nor is `only` about it.
  const { only: _only, ...rest } = draft;
  const draftId = await saveDraft(deps, { ...rest, batch, openedBy: input.userId, edited: true });
  return { response_action: 'update', view: confirmView(draftId, plan) };
}

/** Bolt wiring for the two modals. */
export type ViewRegistrar = Pick<App, 'view'>;

export function registerRetryViews(app: ViewRegistrar, deps: AwsActionDeps): void {
  app.view<ViewSubmitAction>(
    { callback_id: VIEW_IDS.retryEdit, type: 'view_submission' },
    async ({ ack, body, view }) => {
      // `state` is always sent by Slack, but a payload without it must get a field error, not a crash before the ack.
      const text = view.state?.values?.[EDIT_BLOCK]?.[EDIT_ACTION]?.value ?? undefined;
      await ack(await handleEditSubmission(deps, { draftId: view.private_metadata, userId: body.user.id, text }));
    },
  );
  app.view<ViewSubmitAction>(
    { callback_id: VIEW_IDS.retryConfirm, type: 'view_submission' },
    async ({ ack, body, view }) => {
      await ack({ response_action: 'clear' });
      try {
        await runConfirmedRetry(deps, { draftId: view.private_metadata, userId: body.user.id });
      } catch (err) {
        deps.logger.error({ err: (err as Error)?.message }, 'retry failed unexpectedly');
      }
    },
  );
}
