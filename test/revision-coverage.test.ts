/**
 * Every field a subgraph declares as covered by its data revision exists in its schema, so a
 * renamed or removed field cannot leave a stale entry behind (kit `RevisionCoverage`).
 */
import { fundingSubgraph } from '@metrology/funding';
import { labsSubgraph } from '@metrology/labs';
import { trainingSubgraph } from '@metrology/training';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

describe('revision coverage of each subgraph', () => {
  for (const definition of [trainingSubgraph, labsSubgraph, fundingSubgraph]) {
    it(`${definition.name}: every covered coordinate names a field of its schema`, async () => {
      const schema = await definition.buildSchema();
      const coordinates = Object.keys(definition.revisionCoverage ?? {});
      expect(coordinates.length).toBeGreaterThan(0);
      const missing = coordinates.filter((coordinate) => {
        const [typeName, fieldName] = coordinate.split('.') as [string, string];
        const type = schema.getType(typeName);
        return !isObjectType(type) || !type.getFields()[fieldName];
      });
      expect(missing).toEqual([]);
    });
  }
});
