import { describe, expect, it } from 'vitest';
import { blockToHtml, mrkdwnToHtml, pageHtml, viewHtml } from '../../../scripts/preview/blockkit-html.js';

describe('the preview renders mrkdwn as Slack shows it', () => {
  it('formats bold, italic, strike, inline code and code blocks', () => {
    expect(mrkdwnToHtml('*Why* _maybe_ ~old~ `aws iam` done')).toBe(
      '<b>Why</b> <i>maybe</i> <s>old</s> <code>aws iam</code> done',
    );
    expect(mrkdwnToHtml('```{\n  "a": 1\n}```')).toBe('<pre>{\n  &quot;a&quot;: 1\n}</pre>');
  });

  it('renders links, mentions, channels and dates that MeterDoc writes itself', () => {
    expect(mrkdwnToHtml('<https://docs.aws.amazon.com/x|API reference>')).toBe(
      '<a href="https://docs.aws.amazon.com/x">API reference</a>',
    );
    expect(mrkdwnToHtml('by <@U0BOB> in <#C0CHAN>')).toBe(
      'by <span class="mention">@U0BOB</span> in <span class="mention">#C0CHAN</span>',
    );
    expect(mrkdwnToHtml('at <!date^1764698460^{time}|18:01 UTC>')).toBe('at <span class="date">18:01</span>');
  });

  it('shows escaped text literally, so a mention MeterDoc escaped by mistake is visible as one', () => {
    expect(mrkdwnToHtml('by &lt;@U0BOB&gt; &amp; co')).toBe('by &lt;@U0BOB&gt; &amp; co');
    // Slack parses <…> inside a code span too: a raw <error> there would become a link.
    expect(mrkdwnToHtml('`@MeterDoc <error>`')).toBe('<code>@MeterDoc <a href="error">error</a></code>');
    expect(mrkdwnToHtml('`@MeterDoc &lt;error&gt;`')).toBe('<code>@MeterDoc &lt;error&gt;</code>');
  });

  it('draws known emoji and leaves words with colons alone', () => {
    expect(mrkdwnToHtml(':red_circle: Blocker')).toContain('class="emoji"');
    expect(mrkdwnToHtml('arn:aws:sts::123456789012:assumed-role/r')).toBe('arn:aws:sts::123456789012:assumed-role/r');
  });
});

describe('the preview renders blocks and views', () => {
  it('renders a section with fields, a context line and buttons', () => {
    expect(blockToHtml({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Region*\n`us-east-1`' }] })).toContain(
      '<div class="fields"><div><b>Region</b><br><code>us-east-1</code></div></div>',
    );
    expect(
      blockToHtml({
        type: 'actions',
        elements: [{ type: 'button', style: 'primary', action_id: 'a', text: { type: 'plain_text', text: 'Retry' } }],
      }),
    ).toContain('class="button primary"');
    expect(blockToHtml({ type: 'header', text: { type: 'plain_text', text: 'A <b> & c' } })).toBe(
      '<div class="header">A &lt;b&gt; &amp; c</div>',
    );
  });

  it('renders rich text with styles, lists and preformatted parts', () => {
    const html = blockToHtml({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'bold', style: { bold: true } },
            { type: 'user', user_id: 'U1' },
          ],
        },
        {
          type: 'rich_text_list',
          style: 'ordered',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
        },
        { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'x < y' }] },
      ],
    });
    expect(html).toBe(
      '<div class="rich"><div><b>bold</b><span class="mention">@U1</span></div><ol><li><div>one</div></li></ol><pre>x &lt; y</pre></div>',
    );
  });

  it('renders a modal with its title, submit and close', () => {
    const html = viewHtml({
      type: 'modal',
      title: { text: 'Confirm retry' },
      submit: { text: 'Send 2 records' },
      close: { text: 'Cancel' },
      blocks: [{ type: 'divider' }],
    });
    expect(html).toContain('Confirm retry');
    expect(html).toContain('<span class="button primary">Send 2 records</span>');
  });

  it('builds one page with a caption per message kind', () => {
    const page = pageHtml('t', [
      { id: 'one', caption: 'first', messages: [{ blocks: [{ type: 'divider' }] }], figures: '1 blocks' },
    ]);
    expect(page).toContain('<div class="item" id="one">');
    expect(page).toContain('1 blocks');
  });
});
