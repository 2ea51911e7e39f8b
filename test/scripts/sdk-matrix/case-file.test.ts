import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../../eval/case-schema.js';
import { capturedText, GENERATED_HEADER, renderCaseFile, stylesFor } from '../../../scripts/sdk-matrix/case-file.js';

describe('SDK-matrix case files', () => {
  it('capture every response style of a successful call, and one error style per scenario in turn', () => {
    expect(stylesFor(4, true, ['uncaught', 'print'], ['response', 'response-json'])).toEqual([
      'response',
      'response-json',
    ]);
    expect([0, 1, 2, 3].map((i) => stylesFor(i, false, ['uncaught', 'print', 'logging'], ['response']))).toEqual([
      ['uncaught'],
      ['print'],
      ['logging'],
      ['uncaught'],
    ]);
    expect(() => stylesFor(0, false, [], ['response'])).toThrow(/at least one error style/);
  });

  it('keep the text as printed, dropping only the final newlines', () => {
    expect(
      capturedText(
        '\nAn error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded\n\n',
      ),
    ).toBe('\nAn error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded');
    expect(capturedText("  '$metadata': {  \n\tattempts: 3\n")).toBe("  '$metadata': {  \n\tattempts: 3");
  });

  it('read back verbatim, whatever the text holds (a leading blank line, tabs, trailing spaces, YAML syntax)', () => {
    const texts = [
      '\nAn error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 2): Rate exceeded',
      'RequestError: send request failed\ncaused by: Post "http://127.0.0.1:38965/": dial tcp 127.0.0.1:38965: connect: connection refused',
      '2026/12/07 08:45:15 NoCredentialProviders: no valid providers in chain. Deprecated.\n\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors',
      '{"$fault":"client","$metadata":{"httpStatusCode":400},"name":"ThrottlingException"}',
      'line with trailing spaces   \n- looks: like yaml\n# and a comment',
      '   indented first line\nthen not',
    ];
    const cases: EvalCase[] = texts.map((text, i) => ({
      id: `case-${i}`,
      source: 'scripts/sdk-matrix: test',
      text,
      expect: { class: 'catalog', entry: 'metering-throttling' },
    }));
    const file = renderCaseFile(cases);
    expect(file.startsWith(GENERATED_HEADER.join('\n'))).toBe(true);
    expect((parse(file) as EvalCase[]).map((c) => c.text)).toEqual(texts);
  });
});
