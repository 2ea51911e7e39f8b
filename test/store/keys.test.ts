import { describe, expect, it } from 'vitest';
import { CLAIMS, COUNTERS, NAMESPACES } from '../../src/store/keys.js';

describe('the store key registry', () => {
  it('keeps every namespace name of earlier versions (a rename would orphan stored data)', () => {
    expect(Object.values(NAMESPACES).sort()).toEqual(
      [
        'ai-answers',
        'ai-failures',
        'answers',
        'audit',
        'audit-index',
        'feedback',
        'gaps',
        'gaps-index',
        'health',
        'health-answers',
        'retry-drafts',
        'retry-state',
        'threads',
        'watch-answers',
        'watch-index',
        'watch-lost',
        'watch-records',
        'watches',
      ].sort(),
    );
    expect(new Set(Object.values(NAMESPACES)).size).toBe(Object.values(NAMESPACES).length);
  });

  it('keeps the claim and counter keys replicas of the previous version take', () => {
    expect([
      CLAIMS.event('Ev1'),
      CLAIMS.message('C1', '1.2'),
      CLAIMS.aiAnswer('k'),
      CLAIMS.retryLock('a'),
      CLAIMS.iamCheckLock('a'),
      CLAIMS.auditIndexLock,
      CLAIMS.writerLock('health', 'T1:2026-11-23'),
      CLAIMS.digest('C1', '2026-11-23'),
      CLAIMS.watchEvent('w', 'e'),
      CLAIMS.watchLock,
      COUNTERS.aiCalls(493_000),
    ]).toEqual([
      'event:Ev1',
      'message:C1:1.2',
      'ai:k',
      'retry-lock:a',
      'iam-check-lock:a',
      'audit-index-lock',
      'health-lock:T1:2026-11-23',
      'digest:C1:2026-11-23',
      'watch-event:w:e',
      'watch-lock',
      'ai-calls:493000',
    ]);
  });
});
