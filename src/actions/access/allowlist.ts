import type { webApi } from '@slack/bolt';

/**
 * Who may run actions that touch AWS: Slack users listed by ID, or members of listed user groups.
 * Group membership is looked up through usergroups.users.list and cached briefly, so removing
 * someone from the group takes effect within minutes. Any lookup failure denies: an outage must
 * never widen who can send metering records.
 */
export type GroupDirectory = (groupId: string) => Promise<string[]>;

export interface AllowlistConfig {
  allowedUsers: string[];
  allowedGroups: string[];
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function slackGroupDirectory(client: webApi.WebClient): GroupDirectory {
  return async (groupId) => {
    const out = await client.usergroups.users.list({ usergroup: groupId });
    return out.users ?? [];
  };
}

export class Allowlist {
  private readonly cache = new Map<string, { members: Set<string>; until: number }>();

  constructor(
    private readonly config: AllowlistConfig,
    private readonly directory: GroupDirectory,
    private readonly logger: Logger = silentLogger,
    private readonly cacheMs = 300_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get isEmpty(): boolean {
    return this.config.allowedUsers.length === 0 && this.config.allowedGroups.length === 0;
  }

  async isAllowed(userId: string): Promise<boolean> {
    if (this.config.allowedUsers.includes(userId)) return true;
    for (const group of this.config.allowedGroups) {
      const members = await this.members(group);
      if (members?.has(userId)) return true;
    }
    return false;
  }

  private async members(groupId: string): Promise<Set<string> | undefined> {
    const now = this.clock();
    const hit = this.cache.get(groupId);
    if (hit && hit.until > now) return hit.members;
    try {
      const members = new Set(await this.directory(groupId));
      this.cache.set(groupId, { members, until: now + this.cacheMs });
      return members;
    } catch (err) {
      this.logger.warn(
        { groupId, err: (err as Error)?.message },
        'user-group lookup failed; treating the user as not allowed',
      );
      return undefined;
    }
  }
}
