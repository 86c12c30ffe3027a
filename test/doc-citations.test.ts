import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The code cites the project's own docs: a product rule it relies on is written in
 * docs/RULES.md and cited by section, `(docs/RULES.md, "Indicator status")`, never by a section
 * number of a document that is not in the repository.
 */
const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRECTORIES = ['subgraphs', 'gateway', 'clients', 'test', 'bench', 'scripts', 'docs'];
const SOURCE = /\.(ts|tsx|mts|mjs|graphql|md)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.vite']);

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const relative = path.posix.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return SOURCE.test(entry.name) ? [relative] : [];
  });
}

const FILES = SOURCE_DIRECTORIES.flatMap(sourceFiles).filter((file) => file !== 'test/doc-citations.test.ts');

/** `## Heading` and `### Heading` of docs/RULES.md. */
function rulesSections(): Set<string> {
  const text = readFileSync(path.join(ROOT, 'docs', 'RULES.md'), 'utf8');
  return new Set([...text.matchAll(/^#{2,3} (.+)$/gm)].map((match) => match[1].trim()));
}

describe('citations of the product rules', () => {
  it('no source or doc cites "SPEC §n" or SPEC.md (the rules are in docs/RULES.md)', () => {
    const citing = FILES.filter((file) => /SPEC( ?§|\.md| intro)/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(citing).toEqual([]);
  });

  it('every section of docs/RULES.md the code or the docs cite exists', () => {
    const sections = rulesSections();
    const missing: string[] = [];
    let citations = 0;
    for (const file of FILES) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      // `docs/RULES.md, "Attendance"` in code; `RULES.md, "Counting rules"` or `(RULES.md), "Indicators"` in docs.
      for (const match of text.matchAll(/RULES\.md(?:\]\(RULES\.md\))?\)?,? \\?"([^"\\]+)\\?"(?: and \\?"([^"\\]+)\\?")?/g)) {
        for (const section of match.slice(1)) {
          if (section === undefined) continue;
          citations++;
          if (!sections.has(section)) missing.push(`${file}: "${section}"`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(citations).toBeGreaterThan(40);
  });
});
