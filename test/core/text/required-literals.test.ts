import { describe, expect, it } from 'vitest';
import { gateAlternation, requiredLiterals, topLevelAlternatives } from '../../../src/core/text/required-literals.js';

describe('topLevelAlternatives', () => {
  it('splits at the bars outside groups, classes and escapes', () => {
    expect(topLevelAlternatives('a|b(?:c|d)|[|]x|\\|e|^\\s*f')).toEqual(['a', 'b(?:c|d)', '[|]x', '\\|e', '^\\s*f']);
  });

  it('gives the whole source when there is one alternative', () => {
    expect(topLevelAlternatives('Task timed out after ')).toEqual(['Task timed out after ']);
  });
});

describe('requiredLiterals', () => {
  it('reads plain text and punctuation escapes as the text they match', () => {
    expect(requiredLiterals('Unauthorized: ')).toEqual(['Unauthorized: ']);
    expect(requiredLiterals('api\\.aliyun\\.com\\/troubleshoot')).toEqual(['api.aliyun.com/troubleshoot']);
  });

  it('takes the longest run between classes, dots and class escapes', () => {
    expect(requiredLiterals('\\(HTTP [1-5]\\d\\d\\)')).toEqual(['(HTTP ']);
    expect(requiredLiterals('\\bFATAL ERROR: .{0,200}Allocation failed - ')).toEqual(['Allocation failed - ']);
  });

  it('expands a group of plain words into one string per word', () => {
    expect(requiredLiterals('\\b(?:level|lvl|severity)=')).toEqual(['level=', 'lvl=', 'severity=']);
    expect(requiredLiterals('\\bcontainer (?:die|oom) [0-9a-f]')).toEqual(['container die ', 'container oom ']);
  });

  it('reads a class of a few plain characters as one string per character', () => {
    expect(requiredLiterals('\\(HTTP [45]\\d\\d\\)')).toEqual(['(HTTP 4', '(HTTP 5']);
    expect(requiredLiterals('[Ss]ession (?:has )?expired')).toEqual(['Session ', 'session ']);
    expect(requiredLiterals('x[^ab]yz')).toEqual(['yz']);
  });

  it('ends a run at an atom that may be absent', () => {
    expect(requiredLiterals('Credential:? (?:is unavailable|failed)')).toEqual(['Credential']);
    expect(requiredLiterals('It (?:has )?(?:expired|timed out)!')).toEqual(['expired!', 'timed out!']);
  });

  it('keeps the first of a repeated atom and ends the run after it', () => {
    expect(requiredLiterals('Warning {2,}[A-Z]')).toEqual(['Warning ']);
    expect(requiredLiterals('ab+cd')).toEqual(['ab']);
  });

  it('never reads a quantifier or a lookaround as text', () => {
    expect(requiredLiterals('x{1000}')).toEqual(['x']);
    expect(requiredLiterals('no(?=thing here)')).toEqual(['no']);
    expect(requiredLiterals('(?<!AWS)4-HMAC')).toEqual(['4-HMAC']);
  });

  it('splits a run whose words would make too many strings', () => {
    expect(requiredLiterals('(?:one|two|three)(?:a|b|c|d|e|f)', 16)).toEqual(['one', 'two', 'three']);
  });

  it('gives up on an escape it does not read, and on an alternative with no text at all', () => {
    expect(requiredLiterals('\\u0041BCD')).toBeUndefined();
    expect(requiredLiterals('abc\\1')).toBeUndefined();
    expect(requiredLiterals('[A-Z]\\d+')).toBeUndefined();
  });

  it('names text that every match contains', () => {
    const cases: Array<[string, string[]]> = [
      ['\\b(?:level|lvl|severity)=', ['level=error', 'x lvl=warn', 'severity=fatal']],
      [
        'Credential:? (?:authentication |failed to retrieve)',
        ['Credential: failed to retrieve', 'Credential authentication x'],
      ],
      [
        '[Ss]ession (?:has )?(?:expired|timed out)[.!]?\\s+Please ',
        ['Session has expired. Please ', 'session timed out  Please '],
      ],
      ['pid=\\d+ tid=', ['pid=12 tid=3']],
      ['"error"\\s*:\\s*"(?:invalid_(?:request|grant)|unauthorized_client)"', ['{"error" : "invalid_grant"}']],
      ['Warning {2,}[A-Z]', ['Warning   BackOff']],
    ];
    for (const [source, samples] of cases) {
      const literals = requiredLiterals(source)!;
      for (const sample of samples) {
        expect(new RegExp(source).test(sample)).toBe(true);
        expect(literals.some((l) => sample.includes(l))).toBe(true);
      }
    }
  });
});

describe('gateAlternation', () => {
  const pattern = /^\s*pq: |Forbidden: |\bAADSTS\d|x\d+y/;

  it('leaves out the alternatives a mark gates, and keeps the anchored ones and those no mark gates', () => {
    const gate = gateAlternation(pattern, ['Forbidden', 'AADSTS']);
    expect(gate.ungated?.source).toBe('^\\s*pq: |x\\d+y');
    expect(gate.unanchored).toEqual(['x\\d+y']);
  });

  it('reads marks case-insensitively, as the scan does', () => {
    expect(gateAlternation(/Forbidden: /, ['forbidden:'])).toEqual({ ungated: undefined, unanchored: [] });
  });

  it('does not use a mark that starts with white space, nor a mark longer than the text', () => {
    expect(gateAlternation(/Forbidden: /, [' Forbidden']).unanchored).toEqual(['Forbidden: ']);
    expect(gateAlternation(/Forbidden: /, ['Forbidden: now']).unanchored).toEqual(['Forbidden: ']);
  });

  it('gates nothing in a pattern with flags', () => {
    const folded = /forbidden: /i;
    expect(gateAlternation(folded, ['forbidden'])).toEqual({ ungated: folded, unanchored: ['forbidden: '] });
  });

  it('matches a line exactly when the pattern does, given whether the line holds a mark', () => {
    const marks = ['Forbidden', 'AADSTS'];
    const gate = gateAlternation(pattern, marks);
    const lines = [
      '  pq: password authentication failed',
      'HTTP 403 Forbidden: no access',
      'AADSTS70011: invalid scope',
      'value x123y',
      'forbidden: lower case',
      'nothing to see here',
      'AADSTS without a digit',
    ];
    for (const line of lines) {
      const marked = marks.some((m) => line.toLowerCase().includes(m.toLowerCase()));
      const gated = marked ? pattern.test(line) : (gate.ungated?.test(line) ?? false);
      expect(gated, line).toBe(pattern.test(line));
    }
  });
});
