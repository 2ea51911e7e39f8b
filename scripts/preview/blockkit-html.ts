/**
 * Block Kit to HTML, close enough to Slack's look to review what a person sees: the block types
 * MeterDoc sends (header, section with fields, context, actions, divider, rich_text, input, image),
 * and mrkdwn as Slack renders it (bold, italic, strike, code, code blocks, links, mentions, dates).
 * A review tool only: it renders what it is given and validates nothing.
 */

type Json = Record<string, unknown>;

export interface PreviewMessage {
  text?: string;
  blocks: Json[];
}

export interface PreviewView {
  type: 'modal' | 'home';
  title?: { text: string };
  submit?: { text: string };
  close?: { text: string };
  blocks: Json[];
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Emoji shortcodes drawn with glyphs the stock fonts have (no colour-emoji font is assumed);
 * anything else shows as its shortcode, which is what a reader needs to know it is there.
 */
const EMOJI: Record<string, [string, string]> = {
  red_circle: ['●', '#e01e5a'],
  large_orange_circle: ['●', '#e8912d'],
  large_blue_circle: ['●', '#1d9bd1'],
  white_check_mark: ['✔', '#2eb67d'],
  heavy_check_mark: ['✔', '#2eb67d'],
  x: ['✖', '#e01e5a'],
  warning: ['⚠', '#e8912d'],
  no_entry: ['⛔', '#e01e5a'],
  no_entry_sign: ['⊘', '#e01e5a'],
  repeat: ['↻', '#1264a3'],
  mag: ['⌕', '#616061'],
  package: ['▣', '#a0522d'],
  loudspeaker: ['◀', '#616061'],
  '+1': ['▲', '#2eb67d'],
  '-1': ['▼', '#e01e5a'],
  robot_face: ['◉', '#611f69'],
  hourglass_flowing_sand: ['⌛', '#616061'],
  hourglass: ['⌛', '#616061'],
  wastebasket: ['✗', '#616061'],
  grey_question: ['?', '#616061'],
  double_vertical_bar: ['‖', '#616061'],
  books: ['▤', '#616061'],
  memo: ['✎', '#616061'],
  clock3: ['◷', '#616061'],
  alarm_clock: ['◷', '#e01e5a'],
  link: ['⛓', '#616061'],
  bulb: ['✦', '#e8912d'],
  arrow_down: ['▾', '#616061'],
  arrow_up: ['▴', '#616061'],
  arrow_up_small: ['▴', '#616061'],
  page_facing_up: ['▤', '#616061'],
  arrow_left: ['◂', '#616061'],
  thread: ['☰', '#616061'],
};

function emoji(name: string): string {
  const known = EMOJI[name];
  if (known) return `<span class="emoji" style="color:${known[1]}">${known[0]}</span>`;
  // Slack shows an unknown shortcode as the text it is.
  return `:${html(name)}:`;
}

function withEmoji(escapedText: string): string {
  return escapedText.replace(
    /(^|[\s(>]):([a-z0-9_+-]{1,40}):(?=$|[\s.,;!?)<])/g,
    (_, before: string, name: string) => `${before}${emoji(name)}`,
  );
}

/** Slack's `<!date^1700000000^{date_short} {time}|fallback>`: rendered in UTC, as a reader in UTC sees it. */
function slackDate(spec: string): string {
  const [, seconds, format = '', link] = spec.split('^');
  const at = new Date(Number(seconds) * 1000);
  if (Number.isNaN(at.getTime())) return html(spec);
  const iso = at.toISOString();
  const time = iso.slice(11, 16);
  const rendered = format
    .replace('{date_num}', iso.slice(0, 10))
    .replace(
      /\{date_short_pretty\}|\{date_short\}|\{date_pretty\}|\{date_long_pretty\}|\{date_long\}|\{date\}/,
      at.toUTCString().slice(0, 11),
    )
    .replace(/\{time_secs\}/, iso.slice(11, 19))
    .replace('{time}', time)
    .replace('{ago}', `${iso.slice(0, 16).replace('T', ' ')}`);
  return `<span class="date"${link ? ` title="${html(link)}"` : ''}>${html(rendered)}</span>`;
}

/** One `<…>` control sequence of Slack mrkdwn. */
function control(inner: string): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `<span class="mention">@${html(label ?? target.slice(1))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${html(label ?? target.slice(1))}</span>`;
  if (target.startsWith('!subteam^')) return `<span class="mention">@${html(label ?? target.slice(9))}</span>`;
  if (target.startsWith('!date^')) return slackDate(target);
  if (target.startsWith('!')) return `<span class="mention">@${html(target.slice(1))}</span>`;
  return `<a href="${html(target)}">${inlineMarks(html(label ?? target))}</a>`;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Bold, italic and strike on text already HTML-safe. Slack needs the markers at word edges. */
function inlineMarks(text: string): string {
  return text
    .replace(/(^|[\s(>"'“])\*(?!\s)([^*\n]+?)\*(?=$|[\s.,:;!?)<"'”])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>"'“])_(?!\s)([^_\n]+?)_(?=$|[\s.,:;!?)<"'”])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~(?!\s)([^~\n]+?)~(?=$|[\s.,:;!?)<])/g, '$1<s>$2</s>');
}

/**
 * mrkdwn as Slack shows it. The input is what MeterDoc sends: `&amp;`, `&lt;` and `&gt;` are
 * literal characters for the reader, a raw `<…>` is a link, mention or date.
 */
export function mrkdwnToHtml(text: string): string {
  const parts = text.split('```');
  return parts
    .map((part, i) => {
      // Odd parts are inside a code block: entities still decode, nothing else is formatted.
      if (i % 2 === 1) return `<pre>${safe(part.replace(/^\n/, ''))}</pre>`;
      return inlineMrkdwn(part);
    })
    .join('');
}

/** Slack's entities stay entities (they are valid HTML); any other `&`, `<`, `>` or quote is escaped. */
function safe(text: string): string {
  return text
    .replace(/&(?!(amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function inlineMrkdwn(text: string): string {
  const out: string[] = [];
  // Inline code first: nothing inside a code span is formatted or linked.
  const spans = text.split(/(`[^`\n]+`)/g);
  for (const span of spans) {
    const code = /^`[^`\n]+`$/.test(span);
    // Slack still reads `<…>` inside a code span as a link or mention: an unescaped `<error>` there is a bug to see.
    const pieces = (code ? span.slice(1, -1) : span).split(/(<[^<>\n]+>)/g);
    const rendered = pieces
      .map((p) => (/^<[^<>\n]+>$/.test(p) ? control(p.slice(1, -1)) : code ? safe(p) : withEmoji(inlineMarks(safe(p)))))
      .join('');
    out.push(code ? `<code>${rendered}</code>` : rendered.replace(/\n/g, '<br>'));
  }
  return out.join('');
}

function plainToHtml(t: { text: string; emoji?: boolean }): string {
  return withEmoji(html(t.text)).replace(/\n/g, '<br>');
}

function textObject(t: Json | undefined): string {
  if (!t) return '';
  const obj = t as { type: string; text: string; emoji?: boolean };
  return obj.type === 'mrkdwn' ? mrkdwnToHtml(obj.text) : plainToHtml(obj);
}

function buttonHtml(e: Json): string {
  const style = e.style === 'primary' ? ' primary' : e.style === 'danger' ? ' danger' : '';
  return `<span class="button${style}" title="${html(String(e.action_id ?? ''))}">${textObject(e.text as Json)}</span>`;
}

function richElement(e: Json): string {
  const style = (e.style ?? {}) as { bold?: boolean; italic?: boolean; strike?: boolean; code?: boolean };
  let inner: string;
  switch (e.type) {
    case 'text':
      inner = html(String(e.text)).replace(/\n/g, '<br>');
      break;
    case 'link':
      inner = `<a href="${html(String(e.url))}">${html(String(e.text ?? e.url))}</a>`;
      break;
    case 'user':
      inner = `<span class="mention">@${html(String(e.user_id))}</span>`;
      break;
    case 'channel':
      inner = `<span class="mention">#${html(String(e.channel_id))}</span>`;
      break;
    case 'emoji':
      inner = emoji(String(e.name));
      break;
    case 'date':
      inner = slackDate(`!date^${String(e.timestamp)}^${String(e.format ?? '{date_short} {time}')}`);
      break;
    default:
      inner = html(String(e.text ?? ''));
  }
  if (style.code) inner = `<code>${inner}</code>`;
  if (style.bold) inner = `<b>${inner}</b>`;
  if (style.italic) inner = `<i>${inner}</i>`;
  if (style.strike) inner = `<s>${inner}</s>`;
  return inner;
}

function richText(block: Json): string {
  const part = (el: Json): string => {
    const children = ((el.elements as Json[] | undefined) ?? [])
      .map((c) => (c.type === 'rich_text_section' ? part(c) : richElement(c)))
      .join('');
    switch (el.type) {
      case 'rich_text_preformatted':
        return `<pre>${children}</pre>`;
      case 'rich_text_quote':
        return `<blockquote>${children}</blockquote>`;
      case 'rich_text_list': {
        const tag = el.style === 'ordered' ? 'ol' : 'ul';
        return `<${tag}>${((el.elements as Json[]) ?? []).map((c) => `<li>${part(c)}</li>`).join('')}</${tag}>`;
      }
      default:
        return `<div>${children}</div>`;
    }
  };
  return ((block.elements as Json[]) ?? []).map(part).join('');
}

export function blockToHtml(block: Json): string {
  switch (block.type) {
    case 'header':
      return `<div class="header">${textObject(block.text as Json)}</div>`;
    case 'divider':
      return '<hr>';
    case 'section': {
      const text = block.text ? `<div class="mrkdwn">${textObject(block.text as Json)}</div>` : '';
      const fields = block.fields
        ? `<div class="fields">${(block.fields as Json[]).map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      const acc = block.accessory as Json | undefined;
      const accessory = acc?.type === 'button' ? `<div class="accessory">${buttonHtml(acc)}</div>` : '';
      return `<div class="section">${accessory}${text}${fields}</div>`;
    }
    case 'context':
      return `<div class="context">${(block.elements as Json[]).map((e) => (e.type === 'image' ? '<span class="ctx-img"></span>' : `<span>${textObject(e)}</span>`)).join('')}</div>`;
    case 'actions':
      return `<div class="actions">${(block.elements as Json[]).map((e) => (e.type === 'button' ? buttonHtml(e) : `<span class="button">${html(String(e.type))}</span>`)).join('')}</div>`;
    case 'rich_text':
      return `<div class="rich">${richText(block)}</div>`;
    case 'input': {
      const el = block.element as Json;
      const value = html(String(el.initial_value ?? ''));
      return `<div class="input"><label>${textObject(block.label as Json)}</label><pre class="textarea">${value}</pre></div>`;
    }
    case 'image':
      return `<div class="image">[image: ${html(String(block.alt_text ?? ''))}]</div>`;
    default:
      return `<div class="unknown">[${html(String(block.type))} block]</div>`;
  }
}

export function messageHtml(message: PreviewMessage, options: { time?: string } = {}): string {
  return (
    `<div class="message"><div class="avatar">M</div><div class="body">` +
    `<div class="who"><b>MeterDoc</b> <span class="app">APP</span> <span class="time">${html(options.time ?? '03:12')}</span></div>` +
    message.blocks.map(blockToHtml).join('') +
    `</div></div>`
  );
}

export function viewHtml(view: PreviewView): string {
  if (view.type === 'home') return `<div class="home">${view.blocks.map(blockToHtml).join('')}</div>`;
  const footer = `<div class="modal-foot">${view.close ? `<span class="button">${html(view.close.text)}</span>` : ''}${view.submit ? `<span class="button primary">${html(view.submit.text)}</span>` : ''}</div>`;
  return `<div class="modal"><div class="modal-title">${html(view.title?.text ?? '')}</div><div class="modal-body">${view.blocks.map(blockToHtml).join('')}</div>${footer}</div>`;
}

export const PAGE_CSS = `
body{margin:0;background:#f8f8f8;font:15px/1.46668 "Lato","Liberation Sans","DejaVu Sans",sans-serif;color:#1d1c1d}
.item{background:#fff;margin:0 0 16px;padding:12px 20px 16px;border-bottom:1px solid #ddd;width:720px}
.caption{font:12px monospace;color:#777;margin-bottom:8px;white-space:pre-wrap}
.caption b{color:#1264a3}
.message{display:flex;gap:8px}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#611f69;color:#fff;font-weight:bold;display:flex;align-items:center;justify-content:center}
.body{flex:1;min-width:0}
.who{margin-bottom:2px}.app{font-size:10px;background:#eee;color:#666;padding:1px 3px;border-radius:2px}.time{color:#616061;font-size:12px}
.header{font-size:18px;font-weight:900;margin:4px 0}
.section{margin:6px 0;overflow:hidden}.section .accessory{float:right;margin-left:8px}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin-top:4px}
.context{color:#616061;font-size:13px;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 12px}
.actions{margin:8px 0;display:flex;flex-wrap:wrap;gap:8px}
.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-size:14px;font-weight:bold;background:#fff}
.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}.button.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
hr{border:0;border-top:1px solid #ddd;margin:10px 0}
code{font:12px "DejaVu Sans Mono",monospace;color:#c01343;background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;word-break:break-all}
pre{font:12px/1.5 "DejaVu Sans Mono",monospace;background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
a{color:#1264a3;text-decoration:none}
.mention{color:#1264a3;background:#e8f5fa;border-radius:3px;padding:0 2px}
.date{border-bottom:1px dotted #999}
.emoji{font-weight:bold}.emoji-code{color:#999;font-size:12px}
blockquote{border-left:4px solid #ddd;margin:4px 0;padding-left:8px}
.home{background:#fff;padding:8px 0}
.modal{border:1px solid #ccc;border-radius:8px;width:540px;background:#fff;box-shadow:0 4px 12px #0002}
.modal-title{font-weight:900;font-size:20px;padding:16px 24px;border-bottom:1px solid #ddd}
.modal-body{padding:8px 24px;max-height:none}.modal-foot{padding:12px 24px;border-top:1px solid #ddd;text-align:right}.modal-foot .button{margin-left:8px}
.input label{font-weight:bold;display:block;margin-bottom:4px}.textarea{min-height:60px;background:#fff}
.thread-note{font-size:12px;color:#616061;margin:0 0 6px 44px}
`;

export interface PreviewItem {
  id: string;
  caption: string;
  /** One message, or several posted in order (a thread). */
  messages?: PreviewMessage[];
  view?: PreviewView;
  /** Measured figures shown in the caption (blocks, visible characters). */
  figures?: string;
}

export function itemHtml(item: PreviewItem): string {
  const content = item.view
    ? viewHtml(item.view)
    : (item.messages ?? []).map((m) => messageHtml(m)).join('<div style="height:12px"></div>');
  const figures = item.figures ? `  ·  ${html(item.figures)}` : '';
  return `<div class="item" id="${html(item.id)}"><div class="caption"><b>${html(item.id)}</b>${figures}\n${html(item.caption)}</div>${content}</div>`;
}

export function pageHtml(title: string, items: PreviewItem[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${html(title)}</title><style>${PAGE_CSS}</style></head><body>${items.map(itemHtml).join('\n')}</body></html>`;
}
