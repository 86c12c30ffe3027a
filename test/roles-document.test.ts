import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fundingSubgraph } from '@metrology/funding';
import {
  type AccessMatrix,
  renderRolesDocument,
  SUBGRAPH_NAMES,
  type SubgraphDefinition,
  type SubgraphName,
} from '@metrology/kit';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import { describe, expect, it } from 'vitest';

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = {
  training: trainingSubgraph,
  labs: labsSubgraph,
  funding: fundingSubgraph,
};

/** What the kit's `cli/roles-document` prints: the matrices in the platform's order. */
function rolesDocument(): string {
  return renderRolesDocument(
    SUBGRAPH_NAMES.flatMap((name): AccessMatrix[] => {
      const { access } = DEFINITIONS[name];
      return access ? [access] : [];
    }),
  );
}

describe('docs/ROLES.md', () => {
  it('is what the subgraphs’ role matrices print (run `node scripts/launch.mjs compose` after changing one)', async () => {
    const committed = await readFile(path.resolve(__dirname, '..', 'docs', 'ROLES.md'), 'utf8');
    expect(committed, 'docs/ROLES.md is stale').toBe(rolesDocument());
  });

  it('has a row for every mutation of every subgraph, with the Vietnamese role names', () => {
    const document = rolesDocument();
    for (const name of ['createCourse', 'decideAssessment', 'reverseDisbursement', 'linkTraineeAccount']) {
      expect(document).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
    }
    expect(document).toContain('| `assessor` | Cán bộ đo lường / đánh giá viên |');
  });
});
