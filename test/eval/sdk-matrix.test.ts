import { describe, expect, it } from 'vitest';
import { discoverCaseSets, loadCaseSet } from '../../eval/load-cases.js';
import { parseMatrixCaseId } from '../../scripts/sdk-matrix/case-file.js';
import { CLIENT_KINDS } from '../../scripts/sdk-matrix/clients.js';
import { expectationFor, SCENARIOS } from '../../scripts/sdk-matrix/scenarios.js';

// The SDK matrix is committed output of real clients (scripts/sdk-matrix). These checks need none
// of those clients: they hold the committed files to the generator's own scenarios and labels.

const found = discoverCaseSets().find((s) => s.name === 'sdk-matrix');
const matrix = found ? loadCaseSet(found.name, found.files) : undefined;
const scenarioIds = SCENARIOS.map((s) => s.id);

describe('the SDK-matrix case set', () => {
  it('is found by the eval and holds at least 80 cases over JavaScript, Go and botocore clients', () => {
    expect(matrix).toBeDefined();
    expect(matrix!.cases.length).toBeGreaterThanOrEqual(80);
    const clients = new Set(matrix!.cases.map((c) => parseMatrixCaseId(c.id, CLIENT_KINDS, scenarioIds)?.clientId));
    const families = new Set(CLIENT_KINDS.filter((k) => clients.has(k.id)).map((k) => k.family));
    expect([...families].sort()).toEqual(['botocore', 'go', 'js']);
  });

  it('names every case by client, scenario and style, and says what produced it', () => {
    const unnamed = matrix!.cases.filter(
      (c) => !parseMatrixCaseId(c.id, CLIENT_KINDS, scenarioIds) || !c.source?.startsWith('scripts/sdk-matrix: '),
    );
    expect(unnamed.map((c) => c.id)).toEqual([]);
  });

  it('labels every case as scenarios.ts says for its client (relabel with generate.ts --relabel)', () => {
    const drifted = matrix!.cases.flatMap((c) => {
      const key = parseMatrixCaseId(c.id, CLIENT_KINDS, scenarioIds)!;
      const family = CLIENT_KINDS.find((k) => k.id === key.clientId)!.family;
      const scenario = SCENARIOS.find((s) => s.id === key.scenarioId)!;
      const want = expectationFor(scenario, key.clientId, family, key.style);
      return JSON.stringify(c.expect) === JSON.stringify(want) && c.note === scenario.note ? [] : [c.id];
    });
    expect(drifted).toEqual([]);
  });

  it('puts every client file through every scenario', () => {
    const byClient = new Map<string, Set<string>>();
    for (const c of matrix!.cases) {
      const key = parseMatrixCaseId(c.id, CLIENT_KINDS, scenarioIds)!;
      byClient.set(key.clientId, (byClient.get(key.clientId) ?? new Set()).add(key.scenarioId));
    }
    const gaps = [...byClient].flatMap(([client, seen]) =>
      scenarioIds.filter((s) => !seen.has(s)).map((s) => `${client} ${s}`),
    );
    expect(gaps).toEqual([]);
  });

  it('never shows a client reaching for the real instance metadata address', () => {
    expect(matrix!.cases.filter((c) => c.text.includes('169.254.169.254')).map((c) => c.id)).toEqual([]);
  });
});
