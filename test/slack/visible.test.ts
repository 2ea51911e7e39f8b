import { describe, expect, it } from 'vitest';
import { visibleLength, visibleMrkdwn } from '../../src/slack/blocks/visible.js';

describe('what a reader sees of a message', () => {
  it('drops formatting marks and shows links, mentions, dates and entities as read', () => {
    expect(
      visibleMrkdwn('*Why* _maybe_ `code` <https://x.y/z|docs> <@U0BOB> <!date^1^{time}|18:01 UTC> &lt;a&gt; &amp;'),
    ).toBe('Why maybe code docs @U0BOB 18:01 UTC <a> &');
  });

  it('counts an emoji as one character and leaves ARNs alone', () => {
    expect(visibleMrkdwn(':red_circle: Blocker')).toBe('• Blocker');
    expect(visibleMrkdwn('arn:aws:iam::123456789012:role/r')).toBe('arn:aws:iam::123456789012:role/r');
  });

  it('counts every text block, fields and button labels, with whitespace runs as one', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Title' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*What*\nhappened' }, fields: [{ type: 'mrkdwn', text: 'a' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'ctx' }] },
      { type: 'divider' },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: 'r' }] },
    ];
    expect(visibleLength(blocks)).toBe('Title What happened a ctx Retry'.length);
  });
});
