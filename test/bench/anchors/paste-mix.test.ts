import { describe, expect, it } from 'vitest';
import { pasteMix } from '../../../bench/anchors/paste-mix.js';
import { BOT_USER_ID } from '../../../bench/anchors/protocol.js';
import { loadCatalog } from '../../../src/knowledge/load-catalog.js';
import { diagnose } from '../../../src/core/index.js';

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the paste mix of the sustained bench runs', () => {
  const catalog = loadCatalog();
  const mix = pasteMix(catalog);

  it('draws known errors from the catalog examples, in several SDK formats', () => {
    const examples = new Set(catalog.entries.flatMap((e) => e.examples));
    expect(mix.known.length).toBeGreaterThanOrEqual(10);
    for (const text of mix.known) expect(examples.has(unescape(text))).toBe(true);
    expect(mix.known.some((t) => t.includes('botocore') || t.startsWith('An error occurred ('))).toBe(true);
    expect(mix.known.some((t) => t.startsWith('operation error '))).toBe(true);
    expect(mix.known.some((t) => t.includes('software.amazon.awssdk'))).toBe(true);
  });

  it('holds service logs that read as several errors, and chat that reads as none', () => {
    for (const log of mix.multi) expect(diagnose(unescape(log), catalog).findings.length).toBeGreaterThanOrEqual(2);
    for (const line of mix.chat) expect(diagnose(line, catalog).isError).toBe(false);
  });

  it('writes mentions as Slack does, <@U…> unescaped and the paste escaped', () => {
    for (const text of mix.mention) {
      expect(text.startsWith(`<@${BOT_USER_ID}> `)).toBe(true);
      expect(text.slice(BOT_USER_ID.length + 3)).not.toMatch(/[<>]/);
    }
  });
});
