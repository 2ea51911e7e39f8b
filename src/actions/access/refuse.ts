import type { AwsActionDeps } from '../types.js';

export const NOT_ALLOWED =
  ':no_entry: You are not allowed to run MeterDoc actions that touch AWS. Ask an admin to add you (or a user group you are in) to METERDOC_ALLOWED_USERS.';
export const NO_LONGER_AVAILABLE = ':hourglass_flowing_sand: This action is no longer available';

/** Refuses and records the refusal; nothing is sent to AWS on this path. */
export async function refuse(
  deps: AwsActionDeps,
  action: 'retry' | 'iam-check' | 'wont-bill',
  userId: string,
  reply: (text: string) => Promise<void>,
  where: { channelId?: string | undefined },
): Promise<void> {
  await reply(NOT_ALLOWED);
  await deps.audit.record({
    action,
    actor: userId,
    result: 'refused',
    summary: 'not on METERDOC_ALLOWED_USERS',
    ...(where.channelId ? { channelId: where.channelId } : {}),
  });
}
