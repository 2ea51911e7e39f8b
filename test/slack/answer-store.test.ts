import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnswerStore, type StoredAnswer } from '../../src/slack/answer-store.js';
import { MemoryStore } from '../../src/store/store.js';
import { answerFromEntry } from '../../src/core/index.js';
import { realCatalog } from './harness.js';
import { NAMESPACES } from '../../src/store/keys.js';

function stored(): StoredAnswer {
  const entry = realCatalog().byId.get('metering-throttling')!;
  return {
    v: 1,
    answer: answerFromEntry(
      entry,
      { code: 'ThrottlingException' },
      { source: 'catalog', confidence: 0.9, occurrences: 1 },
    ),
    facts: { code: 'ThrottlingException' },
    usageBatch: {
      origin: 'request',
      productCode: 'prod-1',
      records: [
        { timestamp: '2026-11-23T12:00:00.000Z', dimension: 'api_calls', quantity: 5, customerIdentifier: 'cust-1' },
      ],
    },
    channelId: 'C0CHANNEL1',
    surface: 'message',
    createdAt: '2026-11-23T12:00:00.000Z',
  };
}

describe('stored button payloads', () => {
  it('round-trip under an unguessable ID', async () => {
    const store = new MemoryStore();
    const answers = new AnswerStore(store, 60_000, Buffer.from('k'.repeat(32)));
    const id = await answers.save({ ...stored(), messageTs: '1700000000.000100' });
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await answers.get(id)).toMatchObject({
      messageTs: '1700000000.000100',
      usageBatch: { records: [{ quantity: 5 }] },
    });
  });

  it('can be given their ID before they are written, for the message that refers to them', async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const answers = new AnswerStore(store, 60_000, Buffer.from('k'.repeat(32)), () => now);
    const id = answers.newId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(answers.newId()).not.toBe(id);
    expect(await answers.get(id)).toBeUndefined();
    await answers.saveAs(id, { ...stored(), messageTs: '1700000000.000100' });
    expect(await answers.get(id)).toMatchObject({
      messageTs: '1700000000.000100',
      usageBatch: { records: [{ quantity: 5 }] },
    });
    now += 60_001;
    expect(await answers.get(id)).toBeUndefined();
  });

  it("refuse an entry changed in the store behind MeterDoc's back (e.g. a quantity edited in Redis)", async () => {
    const store = new MemoryStore();
    const answers = new AnswerStore(store, 60_000, Buffer.from('k'.repeat(32)));
    const id = await answers.save(stored());
    const raw = store.namespace<{ value: StoredAnswer }>(NAMESPACES.answers);
    const entry = (await raw.get(id))!;
    entry.value.usageBatch!.records[0]!.quantity = 5000;
    await raw.set(id, entry);
    expect(await answers.get(id)).toBeUndefined();
  });

  it('are unreadable by a replica with another key, and after they expire', async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const answers = new AnswerStore(store, 60_000, Buffer.from('k'.repeat(32)), () => now);
    const id = await answers.save(stored());
    expect(await new AnswerStore(store, 60_000, Buffer.from('x'.repeat(32)), () => now).get(id)).toBeUndefined();
    now += 60_001;
    expect(await answers.get(id)).toBeUndefined();
  });

  it('read an answer stored by an earlier version: { value, expiresAt, sig } with the HMAC over id.expiresAt.value', async () => {
    const store = new MemoryStore();
    const key = Buffer.from('shared-payload-secret-0123456789', 'utf8');
    const id = 'AbCdEfGhIjKlMnOp';
    const value = stored();
    const expiresAt = Date.now() + 3_600_000;
    const sig = createHmac('sha256', key)
      .update(`${id}.${expiresAt}.${JSON.stringify(value)}`)
      .digest('base64url');
    await store.namespace(NAMESPACES.answers).set(id, { value, expiresAt, sig }, 3_600_000);
    const answers = new AnswerStore(store, 3_600_000, key);
    expect(await answers.get(id)).toEqual(value);
    // And writes the same envelope, so an earlier version reads what this one stores.
    const written = await answers.save(value);
    const raw = (await store.namespace<{ value: StoredAnswer; expiresAt: number }>(NAMESPACES.answers).get(written))!;
    expect(Object.keys(raw)).toEqual(['value', 'expiresAt', 'sig']);
    expect(raw.value).toEqual(value);
  });

  it('reject IDs that could not have been issued', async () => {
    const answers = new AnswerStore(new MemoryStore());
    for (const id of ['', 'short', '../../etc/passwd', 'a'.repeat(200), 'bad id with spaces'])
      expect(await answers.get(id)).toBeUndefined();
  });
});
