import { AuditEvent, MetrologyField } from '@metrology/kit';
import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { Assessment, AssessmentKind, AssessmentOutcome, AssessmentStatus } from '../src/modules/assessment/assessment.entity';
import { CriteriaSet } from '../src/modules/criteria/criteria.entity';
import { Laboratory } from '../src/modules/laboratory/laboratory.entity';
import { Recognition, RecognitionStatus } from '../src/modules/recognition/recognition.entity';
import { assessor, errorCode, registerLaboratory, registerOrganization, run, viewer } from './fixtures';

const FIELDS = `id status version validFrom validUntil scope
  before: effectiveStatus(asOf: "2024-12-31")
  first: effectiveStatus(asOf: "2025-01-01")
  mid: effectiveStatus(asOf: "2025-06-15")
  last: effectiveStatus(asOf: "2025-12-31")
  after: effectiveStatus(asOf: "2026-01-01")
  statusHistory { fromStatus toStatus effectiveOn reason }`;

const MOVE = (name: string) => /* GraphQL */ `
  mutation($input: RecognitionStatusChangeInput!) { ${name}(input: $input) { ${FIELDS} } }
`;

interface RecognitionData {
  id: string;
  status: string;
  version: number;
  [key: string]: unknown;
}

describe('labs subgraph: recognitions of laboratories', () => {
  let subgraph: TestSubgraph;
  let laboratoryId: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
    const organization = await registerOrganization(subgraph, { kind: 'SERVICE_PROVIDER', ownership: 'STATE' });
    laboratoryId = (await registerLaboratory(subgraph, organization.taxCode)).id;
  });
  afterAll(() => subgraph?.stop());

  /** A recognition valid through 2025, granted by a passed assessment arranged in the database. */
  async function grant(): Promise<string> {
    const em = subgraph.database.orm.em.fork();
    const laboratory = await em.findOneOrFail(Laboratory, { id: laboratoryId });
    const set = await em.findOneOrFail(CriteriaSet, { code: 'TCVN-13187-MAU' });
    const assessment = em.create(Assessment, {
      laboratory,
      criteriaSet: set,
      kind: AssessmentKind.INITIAL,
      status: AssessmentStatus.DECIDED,
      fields: [MetrologyField.MASS],
      startDate: '2024-12-01',
      endDate: null,
      assessors: [{ subject: 'test-assessor', name: 'Chuyên gia' }],
      submittedAt: new Date(),
      outcome: AssessmentOutcome.PASSED,
      decidedOn: '2024-12-20',
      decidedBy: 'test-assessor',
      decidedByName: 'Chuyên gia',
      totalScore: 90,
      unmetMandatoryCriteria: [],
      openMajorFindingsAtDecision: 0,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 3,
    });
    const recognition = em.create(Recognition, {
      laboratory,
      assessment,
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
      scope: [MetrologyField.MASS],
      status: RecognitionStatus.ACTIVE,
      createdAt: new Date(),
      version: 1,
    });
    await em.flush();
    return recognition.id;
  }

  const move = (name: string, input: Record<string, unknown>) =>
    subgraph.execute<Record<string, RecognitionData>>({ query: MOVE(name), variables: { input } }, assessor);

  it('reports the status at a date: NOT_YET_VALID before, ACTIVE through the last day, EXPIRED after', async () => {
    const id = await grant();
    const data = await run<{ recognition: RecognitionData }>(
      subgraph,
      `query($id: ID!) { recognition(id: $id) { ${FIELDS} } }`,
      { id },
      viewer,
    );
    expect(data.recognition).toMatchObject({
      status: 'ACTIVE',
      before: 'NOT_YET_VALID',
      first: 'ACTIVE',
      last: 'ACTIVE',
      after: 'EXPIRED',
      statusHistory: [],
    });
  });

  it('suspends, reinstates and withdraws, each from its date on, keeping the history and the audit trail', async () => {
    const id = await grant();
    const suspended = await move('suspendRecognition', {
      id,
      version: 1,
      reason: 'Chuẩn quá hạn hiệu chuẩn',
      effectiveOn: '2025-03-01',
    });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data?.suspendRecognition).toMatchObject({
      status: 'SUSPENDED',
      version: 2,
      first: 'ACTIVE',
      mid: 'SUSPENDED',
    });
    const reinstated = await move('reinstateRecognition', { id, version: 2, effectiveOn: '2025-04-01' });
    expect(reinstated.data?.reinstateRecognition).toMatchObject({ status: 'ACTIVE', version: 3, mid: 'ACTIVE' });
    const withdrawn = await move('withdrawRecognition', { id, version: 3, reason: 'Ngừng hoạt động', effectiveOn: '2025-06-01' });
    expect(withdrawn.data?.withdrawRecognition).toMatchObject({
      status: 'WITHDRAWN',
      first: 'ACTIVE',
      mid: 'WITHDRAWN',
      after: 'WITHDRAWN',
      statusHistory: [
        { fromStatus: 'ACTIVE', toStatus: 'SUSPENDED', effectiveOn: '2025-03-01', reason: 'Chuẩn quá hạn hiệu chuẩn' },
        { fromStatus: 'SUSPENDED', toStatus: 'ACTIVE', effectiveOn: '2025-04-01', reason: null },
        { fromStatus: 'ACTIVE', toStatus: 'WITHDRAWN', effectiveOn: '2025-06-01', reason: 'Ngừng hoạt động' },
      ],
    });
    const events = await subgraph.database.orm.em
      .fork()
      .find(AuditEvent, { entityType: 'Recognition', entityId: id }, { orderBy: { id: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['SUSPEND', 'REINSTATE', 'WITHDRAW']);
  });

  it('refuses moves the status does not allow with CONFLICT (reinstate an ACTIVE one; anything after WITHDRAWN)', async () => {
    const id = await grant();
    const reinstateActive = await move('reinstateRecognition', { id, version: 1 });
    expect(reinstateActive.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'ACTIVE', action: 'REINSTATE' });
    await move('withdrawRecognition', { id, version: 1, reason: 'Thu hồi', effectiveOn: '2025-02-01' });
    for (const name of ['suspendRecognition', 'reinstateRecognition', 'withdrawRecognition']) {
      const result = await move(name, { id, version: 2, reason: 'Lại', effectiveOn: '2025-03-01' });
      expect(errorCode(result)).toBe('CONFLICT');
    }
  });

  it('refuses a change based on a stale version with CONFLICT', async () => {
    const id = await grant();
    await move('suspendRecognition', { id, version: 1, reason: 'Tạm dừng', effectiveOn: '2025-02-01' });
    const stale = await move('withdrawRecognition', { id, version: 1, reason: 'Thu hồi', effectiveOn: '2025-03-01' });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  it.each([
    ['no reason for a suspension', { reason: null, effectiveOn: '2025-02-01' }, 'reason'],
    ['a date before the validity starts', { reason: 'Lý do', effectiveOn: '2024-12-31' }, 'effectiveOn'],
    ['a date in the future', { reason: 'Lý do', effectiveOn: '2999-01-01' }, 'effectiveOn'],
  ])('refuses a suspension with %s with BAD_USER_INPUT', async (_name, input, field) => {
    const id = await grant();
    const result = await move('suspendRecognition', { id, version: 1, ...input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a change dated before the previous change with BAD_USER_INPUT', async () => {
    const id = await grant();
    await move('suspendRecognition', { id, version: 1, reason: 'Tạm dừng', effectiveOn: '2025-05-01' });
    const result = await move('reinstateRecognition', { id, version: 2, effectiveOn: '2025-04-01' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveOn' });
  });

  it('shows recognitions on the laboratory to viewers, but not the assessment behind them, nor the mutations', async () => {
    const id = await grant();
    const data = await run<{ laboratory: { recognitions: { id: string }[] } }>(
      subgraph,
      `query($lab: ID!) { laboratory(id: $lab) { recognitions { id } } }`,
      { lab: laboratoryId },
      viewer,
    );
    expect(data.laboratory.recognitions.map((recognition) => recognition.id)).toContain(id);
    const assessment = await subgraph.execute(
      { query: `query($id: ID!) { recognition(id: $id) { assessment { id } } }`, variables: { id } },
      viewer,
    );
    expect(errorCode(assessment)).toBe('FORBIDDEN');
    const suspend = await subgraph.execute(
      { query: MOVE('suspendRecognition'), variables: { input: { id, version: 1, reason: 'x' } } },
      viewer,
    );
    expect(errorCode(suspend)).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for an unknown recognition', async () => {
    const result = await move('suspendRecognition', { id: '00000000-0000-4000-8000-000000000000', version: 1, reason: 'x' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
