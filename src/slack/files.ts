import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * Reading errors that people share as a snippet or a small text file. Used by messages, mentions
 * and the message shortcut, so it lives beside them rather than in one surface's folder.
 */

export const slackFileSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  mimetype: z.string().nullish(),
  filetype: z.string().nullish(),
  mode: z.string().nullish(),
  size: z.number().nullish(),
  url_private: z.string().nullish(),
  url_private_download: z.string().nullish(),
  /** Snippets carry the first lines of their content. */
  preview: z.string().nullish(),
  is_external: z.boolean().nullish(),
  /** "check_file_info": the event carries only the ID; the file itself comes from `files.info`. */
  file_access: z.string().nullish(),
});
export type SlackFile = z.infer<typeof slackFileSchema>;

const TEXT_FILETYPES = new Set([
  'text',
  'log',
  'json',
  'javascript',
  'typescript',
  'python',
  'java',
  'go',
  'yaml',
  'xml',
  'csv',
  'shell',
  'markdown',
  'kotlin',
  'ruby',
  'php',
  'csharp',
  'rust',
  'sql',
  'diff',
  'plain',
]);
/** At most this many files of one message are read. */
export const MAX_FILES_PER_MESSAGE = 5;

export function isTextFile(file: SlackFile): boolean {
  if (file.is_external) return false;
  if (file.mode === 'snippet') return true;
  if (file.mimetype && (/^text\//.test(file.mimetype) || /^application\/(json|xml|x-yaml|x-sh)/.test(file.mimetype)))
    return true;
  return Boolean(file.filetype && TEXT_FILETYPES.has(file.filetype));
}

export interface FileReaderOptions {
  botToken: string;
  maxBytes: number;
  /** Host names the bot token may be sent to. Anything else is refused so the token never leaks. */
  trustedHosts: (host: string) => boolean;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Web API client for `files.info`, used when an event carries only the file's ID. */
  client?: Pick<webApi.WebClient, 'files'>;
}

export function slackHostTrust(slackApiUrl: string | undefined): (host: string) => boolean {
  const apiHost = slackApiUrl ? new URL(slackApiUrl).hostname : undefined;
  return (host) =>
    host === apiHost ||
    host === 'slack.com' ||
    host.endsWith('.slack.com') ||
    host === 'slack-gov.com' ||
    host.endsWith('.slack-gov.com');
}

async function readCapped(res: Response, maxBytes: number): Promise<{ text: string; cut: boolean }> {
  if (!res.body) return { text: '', cut: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxBytes) {
      cut = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), cut };
}

/**
 * The text of one shared file: downloaded with the bot token (needs `files:read`) when it is a
 * text file under the size cap, otherwise the snippet preview if there is one. Never throws.
 */
export async function readSharedFile(shared: SlackFile, options: FileReaderOptions): Promise<string | undefined> {
  const file = shared.file_access === 'check_file_info' ? await fileInfo(shared.id, options) : shared;
  if (!file) return undefined;
  const log = options.logger.child({ file: file.id, filetype: file.filetype, size: file.size });
  if (!isTextFile(file)) return undefined;
  const url = file.url_private_download ?? file.url_private;
  const tooBig = file.size !== undefined && file.size !== null && file.size > options.maxBytes;
  if (url && !tooBig) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      host = '';
    }
    if (!options.trustedHosts(host)) {
      log.warn({ host }, 'file URL is not on a Slack host; not sending the token there');
    } else {
      try {
        const res = await (options.fetch ?? fetch)(url, {
          headers: { authorization: `Bearer ${options.botToken}` },
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
        const type = res.headers.get('content-type') ?? '';
        if (!res.ok) log.warn({ status: res.status }, 'file download failed');
        // Without files:read Slack answers 200 with its HTML sign-in page instead of the file.
        else if (type.includes('text/html')) log.warn('file download returned HTML: is the files:read scope granted?');
        else return (await readCapped(res, options.maxBytes)).text;
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'file download failed');
      }
    }
  }
  return file.preview ?? undefined;
}

/**
 * The full file object for an event that shared only its ID (Slack sends `file_access:
 * "check_file_info"` for some file_share events). Undefined, with a log line, when Slack refuses
 * (missing_scope, file_not_found) or cannot be reached.
 */
async function fileInfo(id: string, options: FileReaderOptions): Promise<SlackFile | undefined> {
  const log = options.logger.child({ file: id });
  if (!options.client) {
    log.warn('file shared as check_file_info and no Web API client to call files.info; skipped');
    return undefined;
  }
  try {
    const res = await options.client.files.info({ file: id, count: 0 });
    const parsed = slackFileSchema.safeParse(res.file);
    if (parsed.success) return parsed.data;
    log.warn('files.info returned no usable file object; skipped');
  } catch (err) {
    const data = (err as { data?: { error?: string; needed?: string } }).data;
    log.warn({ error: data?.error ?? (err as Error).message, needed: data?.needed }, 'files.info failed; file skipped');
  }
  return undefined;
}

/** The text of every readable file of a message, joined. */
export async function readSharedFiles(files: unknown, options: FileReaderOptions): Promise<string> {
  if (!Array.isArray(files)) return '';
  const parsed = files
    .slice(0, MAX_FILES_PER_MESSAGE)
    .map((f) => slackFileSchema.safeParse(f))
    .filter((r) => r.success)
    .map((r) => r.data);
  const texts = await Promise.all(parsed.map((f) => readSharedFile(f, options)));
  return texts.filter((t): t is string => Boolean(t)).join('\n');
}
