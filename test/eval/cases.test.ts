import { describe, expect, it } from 'vitest';
import { discoverCaseSets, loadCaseSet, parseCaseFile } from '../../eval/load-cases.js';
import { realCatalog } from '../core/helpers.js';

const sets = discoverCaseSets();

describe('evaluation case files', () => {
  it('the held-out set is among the sets found', () => {
    expect(sets.map((s) => s.name)).toContain('heldout');
  });

  describe.each(sets)('set $name', ({ name, files }) => {
    it('every file matches the case schema and no id is used twice', () => {
      expect(() => loadCaseSet(name, files)).not.toThrow();
    });

    it('every catalog case names an entry the catalog has', () => {
      const ids = new Set(realCatalog().entries.map((e) => e.id));
      const unknown = loadCaseSet(name, files)
        .cases.filter((c) => c.expect.class === 'catalog' && !ids.has(c.expect.entry))
        .map((c) => c.id);
      expect(unknown).toEqual([]);
    });
  });

  it('held-out cases each give the public URL where the text appears', () => {
    const heldout = sets.find((s) => s.name === 'heldout')!;
    const withoutUrl = loadCaseSet('heldout', heldout.files).cases.filter((c) => !c.url);
    expect(withoutUrl.map((c) => c.id)).toEqual([]);
  });

  it('no catalog example or counterexample copies a line of a held-out text (lines of 90+ characters, shorter ones are canonical SDK messages)', () => {
    const heldout = sets.find((s) => s.name === 'heldout')!;
    const squash = (t: string): string => t.replace(/\s+/g, ' ').trim().toLowerCase();
    const examples = realCatalog().entries.flatMap((e) =>
      [...e.examples, ...e.counterexamples].map((x) => ({ id: e.id, text: squash(x) })),
    );
    const copied = loadCaseSet('heldout', heldout.files).cases.flatMap((c) =>
      c.text
        .split('\n')
        .map(squash)
        .filter((line) => line.length >= 90)
        .flatMap((line) => examples.filter((x) => x.text.includes(line)).map((x) => `${c.id} in ${x.id}`)),
    );
    expect(copied).toEqual([]);
  });

  it('a broken case file names the file, the case and the field', () => {
    expect(() =>
      parseCaseFile('- id: x\n  url: https://example.com\n  text: hi\n  expect: { class: catalog }\n', 'eval/x.yaml'),
    ).toThrow(/eval\/x\.yaml: 0\.expect\.entry/);
    expect(() => parseCaseFile('cases: [', 'eval/y.yaml')).toThrow(/eval\/y\.yaml: not valid YAML/);
  });
});
