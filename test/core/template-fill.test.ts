import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { Catalog, checkTemplates, fillTemplate, type CatalogEntry } from '../../src/core/index.js';

describe('catalog templates', () => {
  it('leave an optional part out when a fact it names is unknown, and keep it when all are known', () => {
    const text =
      "A record's Timestamp[[ ({{timestamp}}, about {{timestampAgeHours}} hours old)]] is outside the window.";
    expect(fillTemplate(text, {})).toBe("A record's Timestamp is outside the window.");
    expect(fillTemplate(text, { timestamp: '2026-12-01T14:00:00Z' })).toBe(
      "A record's Timestamp is outside the window.",
    );
    expect(fillTemplate(text, { timestamp: '2026-12-01T14:00:00Z', timestampAgeHours: 28 })).toBe(
      "A record's Timestamp (2026-12-01T14:00:00Z, about 28 hours old) is outside the window.",
    );
    expect(fillTemplate('The SDK gave up[[ ({{retries}} retries)]].', { retries: 0 })).toBe(
      'The SDK gave up (0 retries).',
    );
  });

  it('describe the BatchMeterUsage window without nested parentheses', () => {
    expect(fillTemplate('Re-send before the window closes ({{window}}).', { operation: 'BatchMeterUsage' })).toBe(
      'Re-send before the window closes (24 hours for BatchMeterUsage, and the previous month closes at 06:00 UTC on the 1st).',
    );
  });

  it('read as a person wrote them for every entry, with no facts and with all facts', () => {
    expect(checkTemplates(loadCatalog())).toEqual([]);
  });

  it('are refused by the check when they describe a missing fact or double parentheses', () => {
    const real = loadCatalog().entries.find((e) => e.id === 'metering-throttling')!;
    const bad: CatalogEntry = {
      ...real,
      what: 'The Timestamp ({{timestamp|not found in the paste}}) and ({{window}})',
      why: ['Retried ({{retries|retries made unknown}}).'],
      fix: ['Resend ((soon)).'],
    };
    const problems = checkTemplates(new Catalog([bad], 'test')).map((f) => `${f.facts}: ${f.problem}`);
    expect(problems).toContain('no facts: says a fact was not found instead of leaving it out');
    expect(problems).toContain('no facts: says a fact is unknown instead of leaving it out');
    expect(problems).toContain('all facts: doubled or empty parentheses');
  });
});
