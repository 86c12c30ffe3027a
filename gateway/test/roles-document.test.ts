import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROLES_FILE, rolesDocument } from '../src/roles-document';

describe('docs/ROLES.md', () => {
  it('is what the subgraphs’ role matrices print (run `node scripts/launch.mjs compose` after changing one)', async () => {
    expect(await readFile(ROLES_FILE, 'utf8'), 'docs/ROLES.md is stale').toBe(rolesDocument());
  });

  it('has a row for every mutation of every subgraph, with the Vietnamese role names', () => {
    const document = rolesDocument();
    for (const name of ['createCourse', 'decideAssessment', 'reverseDisbursement', 'linkTraineeAccount']) {
      expect(document).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
    expect(document).toContain('| `assessor` | Cán bộ đo lường / đánh giá viên |');
  });
});
