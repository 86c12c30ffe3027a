import { todayInVietnam } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { Assessment, AssessmentOutcome } from '../src/modules/assessment/assessment.entity';
import { CapacityProject } from '../src/modules/capacity/capacity.entity';
import { AssuranceEngagement, EngagementStatus } from '../src/modules/engagement/engagement.entity';
import { Laboratory } from '../src/modules/laboratory/laboratory.entity';
import { Organization } from '../src/modules/organization/organization.entity';
import { Recognition } from '../src/modules/recognition/recognition.entity';
import { MeasurementStandard, StandardKind } from '../src/modules/standard/standard.entity';
import { LabsDemoSeeder } from '../src/seeders/demo.seeder';

const ENTITIES = [
  Organization,
  Laboratory,
  Assessment,
  Recognition,
  StandardKind,
  MeasurementStandard,
  AssuranceEngagement,
  CapacityProject,
];

describe('labs demo data set (development start)', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const counts = async () => {
    const em = subgraph.database.orm.em.fork();
    return Promise.all(ENTITIES.map((entity) => em.count(entity, {})));
  };

  it('adds labelled organisations, a recognised laboratory, standards of 3 kinds, 6 completed MAP engagements and a capacity project; a second run adds nothing', async () => {
    const orm = subgraph.database.orm;
    expect(await counts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    await orm.getSeeder().seed(LabsDemoSeeder);

    const em = orm.em.fork();
    const organizations = await em.find(Organization, {}, { orderBy: { taxCode: 'asc' } });
    expect(organizations.map((organization) => organization.taxCode)).toEqual(
      expect.arrayContaining(['4900100001', '4900100002', '4900100003', '4900100004-001']),
    );
    expect(
      organizations.every(
        (organization) => organization.name.startsWith('[DEMO]') && organization.name.endsWith('(dữ liệu mẫu)'),
      ),
    ).toBe(true);
    expect(new Set(organizations.map((organization) => organization.ownership)).size).toBe(4);
    const [laboratory] = await em.find(Laboratory, {});
    expect(laboratory.code).toBe('DEMO-PTN-01');
    expect(await em.findOneOrFail(Assessment, { laboratory })).toMatchObject({ outcome: AssessmentOutcome.PASSED });
    expect(await em.count(Recognition, { laboratory })).toBe(1);
    expect(await em.count(StandardKind, { code: { $like: 'DEMO-%' } })).toBe(3);
    expect(await em.count(AssuranceEngagement, { status: EngagementStatus.COMPLETED })).toBe(6);
    expect(await em.count(CapacityProject, { completedOn: { $ne: null } })).toBe(1);

    const seeded = await counts();
    await orm.getSeeder().seed(LabsDemoSeeder);
    expect(await counts()).toEqual(seeded);
  });

  it('shows in the indicators today: 1 laboratory held, 3 kinds of standards, 6 engagements across the four ownerships', async () => {
    const result = await subgraph.execute<{
      _entities: {
        infrastructureIndicators: {
          standards: { actual: number };
          assurance: { actual: number };
          laboratories: { actual: number };
          mapByOwnership: { ownership: string; completed: number }[];
        };
      }[];
    }>(
      {
        query: /* GraphQL */ `
          query($r: [_Any!]!, $asOf: LocalDate) {
            _entities(representations: $r) {
              ... on Plan {
                infrastructureIndicators(asOf: $asOf) {
                  standards { actual } assurance { actual } laboratories { actual } mapByOwnership { ownership completed }
                }
              }
            }
          }
        `,
        variables: { r: [{ __typename: 'Plan', code: '129/KH-UBND' }], asOf: todayInVietnam() },
      },
      identityOf('viewer'),
    );
    expect(result.errors).toBeUndefined();
    const value = result.data?._entities[0]?.infrastructureIndicators;
    expect(value).toMatchObject({ standards: { actual: 3 }, assurance: { actual: 6 }, laboratories: { actual: 1 } });
    expect(value?.mapByOwnership).toEqual([
      { ownership: 'STATE', completed: 1 },
      { ownership: 'PRIVATE', completed: 2 },
      { ownership: 'FOREIGN_INVESTED', completed: 2 },
      { ownership: 'COLLECTIVE', completed: 1 },
    ]);
  });
});
