import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../src/store/serializer.js';
import { MemoryStore } from '../../src/store/store.js';

/** Values shaped like what MeterDoc stores, including the cases where Keyv's format is not plain JSON. */
const VALUES: Record<string, unknown> = {
  'a stored answer': {
    value: {
      v: 1,
      answer: { entryId: 'metering-throttling', title: 'Throttled', steps: ['Back off', 'Retry'] },
      facts: { code: 'ThrottlingException', requestIds: ['7b2c…'], operation: 'BatchMeterUsage' },
      createdAt: '2026-12-07T10:00:00.000Z',
    },
    expires: 1765101600000,
  },
  'emoji shortcodes at the start of strings': {
    value: { text: ':warning: MeterDoc could not post', list: [':x:', 'fine', '::double'], nested: { a: ':' } },
    expires: null,
  },
  'a key starting with a colon': { value: { ':odd': 'value', plain: 'x' }, expires: undefined },
  'a colon inside a string, not at its start': { value: { text: 'time: 10:00, "quoted": yes' }, expires: 5 },
  'escaped quotes before colons': { value: { text: 'he said \\":no\\" [":" ,":"]' } },
  'a buffer': { value: { bytes: Buffer.from('secret-free bytes') } },
  dates: { value: { at: new Date('2026-12-07T10:00:00Z') } },
  'undefined, functions and non-finite numbers': {
    value: { gone: undefined, fn: () => 1, n: Number.NaN, arr: [undefined, 1, Number.POSITIVE_INFINITY] },
  },
  'unicode and control characters': { value: { s: 'naïve \u0000 \u2028 🚀', t: '\n\t"' } },
  'a bare string': ':starts with a colon',
  'a bare number': 42,
  null: null,
  'an array at the top': [':a', { b: ':c' }, [[':d']]],
};

describe('the store serializer', () => {
  for (const [name, value] of Object.entries(VALUES)) {
    it(`writes exactly what @keyv/serialize writes: ${name}`, () => {
      expect(serialize(value)).toBe(defaultSerialize(value));
    });

    it(`reads what @keyv/serialize wrote as the library reads it: ${name}`, () => {
      const text = defaultSerialize(value);
      expect(deserialize(text)).toEqual(defaultDeserialize(text));
    });
  }

  it('gives back strings that start with a colon unescaped', () => {
    expect(deserialize<{ value: { s: string } }>(serialize({ value: { s: ':tada:' } })).value.s).toBe(':tada:');
  });

  it('is what the store views use: a value round-trips through a namespace unchanged', async () => {
    const store = new MemoryStore();
    try {
      const kv = store.namespace<{ text: string; at: string }>('answers');
      await kv.set('a1', { text: ':white_check_mark: sent', at: '2026-12-07T10:00:00.000Z' });
      expect(await kv.get('a1')).toEqual({ text: ':white_check_mark: sent', at: '2026-12-07T10:00:00.000Z' });
    } finally {
      await store.close();
    }
  });
});
