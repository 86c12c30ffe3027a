import { fundingSubgraph } from '@metrology/funding';
import type { SubgraphDefinition } from '@metrology/kit';
import { startTestSubgraph } from '@metrology/kit/testing';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import { describe, expect, it } from 'vitest';

const SUBGRAPHS: SubgraphDefinition[] = [trainingSubgraph, labsSubgraph, fundingSubgraph];

describe('committed migrations match the entities', () => {
  it.each(SUBGRAPHS.map((definition) => [definition.name, definition] as const))(
    '%s: after every migration, the schema needs no further change (run migration:create after an entity change)',
    async (_name, definition) => {
      const subgraph = await startTestSubgraph(definition);
      try {
        const pending = await subgraph.database.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        expect(pending.trim()).toBe('');
      } finally {
        await subgraph.stop();
      }
    },
  );
});
