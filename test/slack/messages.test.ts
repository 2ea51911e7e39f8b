import { describe, expect, it } from 'vitest';
import { ignoreReason, type MessageEvent } from '../../src/slack/messages/filter.js';
import { messageParts, slackTextToPlain, stripMention } from '../../src/slack/text.js';

const me = { botUserId: 'UMETERDOC', botId: 'BMETERDOC', allowedBotIds: new Set(['B0ALERTS']) };
const msg = (extra: Partial<MessageEvent>): MessageEvent => ({
  type: 'message',
  channel: 'C1',
  ts: '1.1',
  user: 'U0ALICE',
  text: 'x',
  ...extra,
});

describe('which messages MeterDoc reads', () => {
  it('reads people, file shares and thread broadcasts', () => {
    expect(ignoreReason(msg({}), me)).toBeUndefined();
    expect(ignoreReason(msg({ subtype: 'file_share' }), me)).toBeUndefined();
    expect(ignoreReason(msg({ subtype: 'thread_broadcast', thread_ts: '1.0' }), me)).toBeUndefined();
  });

  it('ignores edits, deletions, joins and other system subtypes', () => {
    for (const subtype of [
      'message_changed',
      'message_deleted',
      'message_replied',
      'channel_join',
      'channel_topic',
      'me_message',
      'bot_add',
    ]) {
      expect(ignoreReason(msg({ subtype }), me)).toBe(`subtype ${subtype}`);
    }
    expect(ignoreReason(msg({ hidden: true }), me)).toBe('hidden');
  });

  it('ignores its own posts and bots that are not on the allowlist', () => {
    expect(ignoreReason(msg({ user: 'UMETERDOC', bot_id: 'BMETERDOC' }), me)).toBe('own message');
    expect(ignoreReason(msg({ user: 'UMETERDOC' }), me)).toBe('own message');
    expect(ignoreReason(msg({ subtype: 'bot_message', bot_id: 'B0OTHER', user: undefined }), me)).toBe(
      'bot not on the allowlist',
    );
    expect(ignoreReason(msg({ bot_id: 'B0OTHER' }), me)).toBe('bot not on the allowlist');
    expect(ignoreReason(msg({ subtype: 'bot_message', bot_id: 'B0ALERTS', user: undefined }), me)).toBeUndefined();
  });

  it('leaves messages that mention MeterDoc to the app_mention listener', () => {
    expect(ignoreReason(msg({ text: '<@UMETERDOC> help' }), me)).toMatch(/app_mention/);
  });
});

describe("Slack's message text back to what was pasted", () => {
  it('decodes entities and unwraps links and mentions', () => {
    expect(slackTextToPlain('&lt;Code&gt;AccessDenied&lt;/Code&gt; &amp; more')).toBe(
      '<Code>AccessDenied</Code> & more',
    );
    expect(slackTextToPlain('see <https://metering.marketplace.us-east-1.amazonaws.com/>')).toBe(
      'see https://metering.marketplace.us-east-1.amazonaws.com/',
    );
    expect(slackTextToPlain('<https://a.example/x|a.example/x> and <@U123> <!here>')).toBe(
      'https://a.example/x and @U123 @here',
    );
  });

  it('strips the mention of MeterDoc', () => {
    expect(stripMention('<@UMETERDOC> ThrottlingException', 'UMETERDOC')).toBe('ThrottlingException');
  });

  it('reads alert bots that put the error in attachments or section blocks', () => {
    expect(
      messageParts({
        text: '',
        attachments: [
          {
            title: 'Job failed',
            text: 'ThrottlingException &amp; more',
            fields: [{ title: 'Region', value: 'us-east-1' }],
          },
        ],
      }),
    ).toBe('Job failed\nThrottlingException & more\nRegion: us-east-1');
    expect(
      messageParts({
        text: 'alert',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ThrottlingException' } }, { type: 'divider' }],
      }),
    ).toBe('alert\nThrottlingException');
  });
});
