import { describe, expect, it } from 'vitest';
import { diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * What `confidence` promises: from 0.85 the answer is a diagnosis (at least 99 % right on the
 * held-out pastes and the SDK matrix, `npm run eval` prints the reliability table), below it a
 * possible match. Pastes written for these tests in the layouts people paste.
 */
describe('confidence is high only when the paste pins the entry down', () => {
  const catalog = realCatalog();
  const top = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0]!;

  describe("an error with no code, known by the entry's own wording", () => {
    it('is high confidence when two distinct fragments of the message are there', () => {
      const finding = top(
        '2026-12-07 10:14:02 WARN sso-login: The SSO session associated with this profile has expired or is otherwise invalid. Token has expired and refresh failed',
      );
      expect(finding.entry.id).toBe('credentials-sso-expired');
      expect(finding.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    });

    it('is a possible match on one fragment alone', () => {
      const finding = top('2026-12-07 10:14:02 WARN sso-login: Token has expired and refresh failed');
      expect(finding.entry.id).toBe('credentials-sso-expired');
      expect(finding.confidence).toBeLessThan(HIGH_CONFIDENCE);
    });
  });

  describe('a code that entries of several services list, with no service or operation in the paste', () => {
    it('is a possible match when only the code says what failed', () => {
      const finding = top('2026-12-07T10:14:02Z ERROR sync-worker: ThrottlingException: Rate exceeded');
      expect(finding.entry.id).toBe('aws-throttling');
      expect(finding.confidence).toBeLessThan(HIGH_CONFIDENCE);
    });

    it('is a possible match when the wording is one several services print', () => {
      // Metering and Entitlement both raise InternalServiceErrorException with this wording.
      const finding = top(
        'worker-7 | 2026-12-07 10:14:02,118 ERROR poll failed: InternalServiceErrorException: An internal error has occurred. Retry your request.',
      );
      expect(finding.confidence).toBeLessThan(HIGH_CONFIDENCE);
    });

    it("is high confidence when the wording is the service's own", () => {
      // AccessDeniedException is every service's; this message is Cost Explorer's alone.
      const finding = top(
        '2026-12-07T10:14:02Z ERROR cost-report: AccessDeniedException: User not enabled for cost explorer access',
      );
      expect(finding.entry.id).toBe('ce-not-enabled');
      expect(finding.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    });

    it('is high confidence once the operation names the service', () => {
      const finding = top(
        'worker-7 | 2026-12-07 10:14:02,118 ERROR An error occurred (InternalServiceErrorException) when calling the GetEntitlements operation: An internal error has occurred. Retry your request.',
      );
      expect(finding.entry.id).toBe('entitlement-internal-error');
      expect(finding.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    });

    it('is high confidence once the stack names the service client', () => {
      const finding = top(
        [
          '[meter-sync] ThrottlingException: The calls to the API are throttled.',
          '    at de_ThrottlingExceptionRes (/srv/meter-sync/node_modules/@aws-sdk/client-marketplace-metering/dist-cjs/index.js:702:21)',
        ].join('\n'),
      );
      expect(finding.entry.id).toBe('metering-throttling');
      expect(finding.facts.service).toBe('metering.marketplace');
      expect(finding.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    });
  });
});
