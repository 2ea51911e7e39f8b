/**
 * An independent checker of Slack's Block Kit limits (docs.slack.dev/reference/block-kit), written
 * apart from the renderer's own clamping so a renderer bug cannot hide itself.
 */
type Json = Record<string, unknown>;

export function blockKitViolations(blocks: Json[], maxBlocks = 50): string[] {
  const problems: string[] = [];
  const check = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  check(blocks.length <= maxBlocks, `${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((b, i) => {
    const at = `block ${i} (${String(b.type)})`;
    const text = b.text as { text: string; type: string } | undefined;
    if (b.block_id !== undefined) check(String(b.block_id).length <= 255, `${at}: block_id too long`);
    if (b.type === 'header')
      check(
        text !== undefined && text.type === 'plain_text' && text.text.length >= 1 && text.text.length <= 150,
        `${at}: header text ${text?.text.length}`,
      );
    if (b.type === 'section') {
      const fields = b.fields as Array<{ text: string }> | undefined;
      check(text !== undefined || (fields?.length ?? 0) > 0, `${at}: section without text or fields`);
      if (text) check(text.text.length >= 1 && text.text.length <= 3000, `${at}: section text ${text.text.length}`);
      if (fields) {
        check(fields.length <= 10, `${at}: ${fields.length} fields`);
        for (const [j, f] of fields.entries()) {
          check(f.text.length >= 1 && f.text.length <= 2000, `${at}: field ${j} is ${f.text.length}`);
        }
      }
    }
    if (b.type === 'context') {
      const els = b.elements as Array<{ text?: string }>;
      check(els.length >= 1 && els.length <= 10, `${at}: ${els.length} elements`);
      for (const [j, e] of els.entries()) {
        check(e.text === undefined || (e.text.length >= 1 && e.text.length <= 3000), `${at}: element ${j} text`);
      }
    }
    if (b.type === 'actions') {
      const els = b.elements as Array<Json>;
      check(els.length >= 1 && els.length <= 25, `${at}: ${els.length} elements`);
      const ids = new Set<string>();
      for (const e of els) {
        const id = String(e.action_id);
        check(!ids.has(id), `${at}: duplicate action_id ${id}`);
        ids.add(id);
        check(id.length <= 255, `${at}: action_id too long`);
        const label = (e.text as { text: string }).text;
        check(label.length >= 1 && label.length <= 75, `${at}: button text ${label.length}`);
        if (e.value !== undefined)
          check(String(e.value).length <= 2000, `${at}: button value ${String(e.value).length}`);
        const confirm = e.confirm as
          | { title: { text: string }; text: { text: string }; confirm: { text: string }; deny: { text: string } }
          | undefined;
        if (confirm) {
          check(confirm.title.text.length <= 100, `${at}: confirm title`);
          check(confirm.text.text.length <= 300, `${at}: confirm text ${confirm.text.text.length}`);
          check(confirm.confirm.text.length <= 30 && confirm.deny.text.length <= 30, `${at}: confirm buttons`);
        }
      }
    }
  });
  return problems;
}

/** Every mrkdwn string in the blocks: the places where an unescaped `<` would become a ping or link. */
export function mrkdwnTexts(blocks: Json[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}
