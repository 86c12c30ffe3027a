/**
 * The data behind the scorecard and annual-report tests, created through the gateway's mutations
 * as the people who keep it would (an administrator for training, an assessor for labs, a finance
 * officer for funding). A second plan of another province: `other-plan.fixtures.ts`.
 *
 * Plan 129/KH-UBND, evaluated for 2026 (phase 2) on AS_OF = 27 November 2026:
 * - TRAINING: course A (2 sessions in March, 7 enrolled, 6 attended) and course B (June, 4
 *   attended) give 10 participations in 2026; course C (October 2025, 3 attended) 3 in 2025.
 * - STANDARDS: kind QC-F1 first supported in 2024, kind BDC-2 in 2026: 2 kinds.
 * - MAP: three completed engagements (2025-11-20, 2026-04-10, 2026-09-01), one still planned.
 * - LABS: laboratory 1 recognised from 2026-03-01 (held on AS_OF); laboratory 2 recognised for
 *   2025 only (expired).
 * - CAPACITY: the provider's project completed on 2025-06-10 (a phase 1 target).
 * - Money in 2026: science line 850,000,000 (task group 3) with 600,000,000 allocated and
 *   95,000,000 + 28,456,789 paid; investment line 2,400,000,000 (task group 2); a contribution
 *   of 150,000,000.
 */
import type { Role } from '@metrology/kit/identity';
import { expect } from 'vitest';
import type { Stack } from './harness';

export const PLAN = '129/KH-UBND';
export const YEAR = 2026;
export const AS_OF = '2026-11-27';

export const PROVIDER = '4900800001';
export const PRIVATE_ENTERPRISE = '4900800002';
export const STATE_ENTERPRISE = '4900800003';
export const PRIVATE_ENTERPRISE_NAME = 'Công ty TNHH Cân điện tử Kỳ Lừa';

export interface Seeded {
  /** Courses of 2026 for plan 129: A (7 enrolled) and B. */
  courseA: string;
  courseB: string;
  laboratoryId: string;
}

/** Runs an operation that must succeed and returns its data. */
export async function ok<T>(stack: Stack, query: string, variables: Record<string, unknown>, role: Role): Promise<T> {
  const result = await stack.execute<T>({ query, variables }, { role, subject: `scorecard-${role}` });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** A course with its sessions and trainees; `attended[s]` lists who was PRESENT at session s (the others ABSENT). */
export async function courseWithAttendance(
  stack: Stack,
  course: { code: string; title: string; planCode: string; startDate: string; endDate: string; sessions: string[] },
  trainees: string[],
  attended: number[][],
): Promise<string> {
  const { createCourse } = await ok<{ createCourse: { id: string } }>(
    stack,
    `mutation($input: CourseInput!) { createCourse(input: $input) { id } }`,
    {
      input: {
        code: course.code,
        title: course.title,
        kind: 'CALIBRATION',
        field: 'MASS',
        venue: 'Sở Khoa học và Công nghệ',
        startDate: course.startDate,
        endDate: course.endDate,
        plannedHours: 16,
        capacity: 30,
        planCode: course.planCode,
      },
    },
    'admin',
  );
  const sessionIds: string[] = [];
  for (const date of course.sessions) {
    const { addSession } = await ok<{ addSession: { id: string } }>(
      stack,
      `mutation($courseId: ID!, $input: SessionInput!) { addSession(courseId: $courseId, input: $input) { id } }`,
      { courseId: createCourse.id, input: { date, startTime: '08:00', endTime: '11:30', topic: 'Chuyên đề đo lường' } },
      'admin',
    );
    sessionIds.push(addSession.id);
  }
  const enrolmentIds: string[] = [];
  for (const traineeId of trainees) {
    const { enrol } = await ok<{ enrol: { id: string } }>(
      stack,
      `mutation($courseId: ID!, $traineeId: ID!, $on: LocalDate) { enrol(courseId: $courseId, traineeId: $traineeId, enrolledOn: $on) { id } }`,
      { courseId: createCourse.id, traineeId, on: course.startDate },
      'admin',
    );
    enrolmentIds.push(enrol.id);
  }
  for (const [index, sessionId] of sessionIds.entries()) {
    await ok(
      stack,
      `mutation($input: AttendanceSheetInput!) { recordAttendanceSheet(input: $input) { created } }`,
      {
        input: {
          sessionId,
          rows: enrolmentIds.map((enrolmentId, i) => ({
            enrolmentId,
            status: attended[index].includes(i) ? (i === 0 ? 'LATE' : 'PRESENT') : 'ABSENT',
          })),
        },
      },
      'admin',
    );
  }
  return createCourse.id;
}

const ASSESSMENT = 'id version applicableCriteria { code maxScore } recognition { id }';

/** A laboratory passing an initial assessment against the sample criteria set, recognised for the given period. */
async function recognisedLaboratory(
  stack: Stack,
  code: string,
  name: string,
  assessment: { startDate: string; decidedOn: string; validFrom: string; validUntil?: string },
): Promise<string> {
  const { registerLaboratory } = await ok<{ registerLaboratory: { id: string } }>(
    stack,
    `mutation($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id } }`,
    { input: { code, name, organizationTaxCode: PROVIDER, fields: ['MASS'], services: ['VERIFICATION', 'CALIBRATION'] } },
    'assessor',
  );
  type Assessment = { id: string; version: number; applicableCriteria: { code: string; maxScore: number }[] };
  const { createAssessment: draft } = await ok<{ createAssessment: Assessment }>(
    stack,
    `mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT} } }`,
    {
      input: {
        laboratoryId: registerLaboratory.id,
        criteriaSetCode: 'TCVN-13187-MAU',
        criteriaSetVersion: 1,
        kind: 'INITIAL',
        startDate: assessment.startDate,
        endDate: assessment.startDate,
        assessors: [{ subject: 'scorecard-assessor', name: 'Chuyên gia Lê Minh' }],
      },
    },
    'assessor',
  );
  const { recordAssessmentScores: scored } = await ok<{ recordAssessmentScores: Assessment }>(
    stack,
    `mutation($input: RecordAssessmentScoresInput!) { recordAssessmentScores(input: $input) { ${ASSESSMENT} } }`,
    {
      input: {
        assessmentId: draft.id,
        version: draft.version,
        scores: draft.applicableCriteria.map((criterion) => ({ criterionCode: criterion.code, score: criterion.maxScore })),
      },
    },
    'assessor',
  );
  const { submitAssessment: submitted } = await ok<{ submitAssessment: Assessment }>(
    stack,
    `mutation($id: ID!, $version: Int!) { submitAssessment(id: $id, version: $version) { ${ASSESSMENT} } }`,
    { id: scored.id, version: scored.version },
    'assessor',
  );
  await ok(
    stack,
    `mutation($input: DecideAssessmentInput!) { decideAssessment(input: $input) { ${ASSESSMENT} } }`,
    {
      input: {
        id: submitted.id,
        version: submitted.version,
        decidedOn: assessment.decidedOn,
        recognitionValidFrom: assessment.validFrom,
        ...(assessment.validUntil ? { recognitionValidUntil: assessment.validUntil } : {}),
      },
    },
    // Four eyes (docs/ROLES.md): someone other than the sole scorer decides.
    'admin',
  );
  return registerLaboratory.id;
}

/** An MAP engagement planned, started and (when `completedOn` is given) completed. */
async function engagement(stack: Stack, enterpriseTaxCode: string, laboratoryId: string, start: string, completedOn?: string) {
  const { planAssuranceEngagement: planned } = await ok<{ planAssuranceEngagement: { id: string; version: number } }>(
    stack,
    `mutation($input: PlanAssuranceEngagementInput!) { planAssuranceEngagement(input: $input) { id version } }`,
    {
      input: {
        enterpriseTaxCode,
        providerLaboratoryId: laboratoryId,
        services: ['CALIBRATION'],
        instrumentsCovered: 12,
        plannedStart: start,
      },
    },
    'assessor',
  );
  if (!completedOn) return;
  const move = `mutation($input: ChangeAssuranceEngagementStatusInput!) { changeAssuranceEngagementStatus(input: $input) { version } }`;
  const { changeAssuranceEngagementStatus: started } = await ok<{ changeAssuranceEngagementStatus: { version: number } }>(
    stack,
    move,
    { input: { id: planned.id, version: planned.version, status: 'IN_PROGRESS', on: start } },
    'assessor',
  );
  await ok(
    stack,
    move,
    { input: { id: planned.id, version: started.version, status: 'COMPLETED', on: completedOn } },
    'assessor',
  );
}

/** Creates the data described at the top of this file, through the gateway. */
export async function seedPlanActivity(stack: Stack): Promise<Seeded> {
  const trainees: string[] = [];
  const names = ['Nguyễn Văn Hải', 'Trần Thị Lan', 'Lê Đức Bình', 'Phạm Minh Hùng', 'Hoàng Thu Phương', 'Vũ Quốc Tuấn'];
  for (const fullName of [...names, 'Đặng Ngọc Hằng', 'Bùi Hữu Dũng', 'Đỗ Thị Yến', 'Hồ Văn Sơn']) {
    const { registerTrainee } = await ok<{ registerTrainee: { trainee: { id: string } } }>(
      stack,
      `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
      { input: { fullName } },
      'admin',
    );
    trainees.push(registerTrainee.trainee.id);
  }
  // Course A: trainees 0-5 attend a session (0 only the first, late), trainee 6 attends none.
  const courseA = await courseWithAttendance(
    stack,
    {
      code: 'SC-2026-01',
      title: 'Bồi dưỡng hiệu chuẩn phương tiện đo khối lượng',
      planCode: PLAN,
      startDate: '2026-03-02',
      endDate: '2026-03-04',
      sessions: ['2026-03-02', '2026-03-03'],
    },
    trainees.slice(0, 7),
    [[0, 1, 2, 3, 4, 5], [1]],
  );
  const courseB = await courseWithAttendance(
    stack,
    {
      code: 'SC-2026-02',
      title: 'Bồi dưỡng đảm bảo đo lường cho doanh nghiệp',
      planCode: PLAN,
      startDate: '2026-06-15',
      endDate: '2026-06-16',
      sessions: ['2026-06-15'],
    },
    trainees.slice(0, 4),
    [[0, 1, 2, 3]],
  );
  await courseWithAttendance(
    stack,
    {
      code: 'SC-2025-01',
      title: 'Bồi dưỡng kiểm định viên',
      planCode: PLAN,
      startDate: '2025-10-06',
      endDate: '2025-10-07',
      sessions: ['2025-10-06'],
    },
    trainees.slice(7, 10),
    [[0, 1, 2]],
  );

  for (const [taxCode, name, kind, ownership] of [
    [PROVIDER, 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn', 'SERVICE_PROVIDER', 'STATE'],
    [PRIVATE_ENTERPRISE, PRIVATE_ENTERPRISE_NAME, 'ENTERPRISE', 'PRIVATE'],
    [STATE_ENTERPRISE, 'Công ty TNHH MTV Nước sạch Lạng Sơn', 'ENTERPRISE', 'STATE'],
  ]) {
    await ok(
      stack,
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { taxCode } }`,
      { input: { taxCode, name, kind, ownership, sector: 'LOGISTICS', address: 'Thành phố Lạng Sơn' } },
      'assessor',
    );
  }
  const laboratoryId = await recognisedLaboratory(stack, 'PTN-SC-01', 'Phòng thí nghiệm Đo lường Khối lượng', {
    startDate: '2026-02-02',
    decidedOn: '2026-02-20',
    validFrom: '2026-03-01',
  });
  await recognisedLaboratory(stack, 'PTN-SC-02', 'Phòng thí nghiệm Đo lường Áp suất', {
    startDate: '2024-12-01',
    decidedOn: '2024-12-20',
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
  });
  await engagement(stack, PRIVATE_ENTERPRISE, laboratoryId, '2025-11-01', '2025-11-20');
  await engagement(stack, PRIVATE_ENTERPRISE, laboratoryId, '2026-04-01', '2026-04-10');
  await engagement(stack, STATE_ENTERPRISE, laboratoryId, '2026-08-20', '2026-09-01');
  await engagement(stack, STATE_ENTERPRISE, laboratoryId, '2026-11-01');
  for (const [kindCode, kindName, field, serial, year] of [
    ['QC-F1', 'Bộ quả cân chuẩn cấp chính xác F1', 'MASS', 'QC-2024-01', 2024],
    ['QC-F1', 'Bộ quả cân chuẩn cấp chính xác F1', 'MASS', 'QC-2026-01', 2026],
    ['BDC-2', 'Bình chuẩn kim loại hạng 2', 'VOLUME', 'BDC-2026-01', 2026],
  ] as const) {
    if (serial !== 'QC-2026-01') {
      await ok(
        stack,
        `mutation($input: RegisterStandardKindInput!) { registerStandardKind(input: $input) { code } }`,
        { input: { code: kindCode, name: kindName } },
        'assessor',
      );
    }
    await ok(
      stack,
      `mutation($input: RegisterMeasurementStandardInput!) { registerMeasurementStandard(input: $input) { id } }`,
      { input: { kindCode, name: kindName, field, ownerTaxCode: PROVIDER, yearFirstSupported: year, serial } },
      'assessor',
    );
  }
  await ok(
    stack,
    `mutation($input: RegisterCapacityProjectInput!) { registerCapacityProject(input: $input) { id } }`,
    {
      input: {
        organizationTaxCode: PROVIDER,
        title: 'Đầu tư chuẩn khối lượng và đào tạo kiểm định viên',
        raised: ['EQUIPMENT', 'STAFF'],
        year: 2025,
        completedOn: '2025-06-10',
      },
    },
    'assessor',
  );

  const line = async (source: string, taskGroup: number, plannedAmount: string) =>
    (
      await ok<{ createBudgetLine: { id: string } }>(
        stack,
        `mutation($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { id } }`,
        { input: { planCode: PLAN, source, taskGroup, year: YEAR, plannedAmount } },
        'finance',
      )
    ).createBudgetLine.id;
  const science = await line('SCIENCE_OPERATING', 3, '850000000');
  await line('DEVELOPMENT_INVESTMENT', 2, '2400000000');
  await ok(
    stack,
    `mutation($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }`,
    { input: { lineId: science, decisionNumber: '45/QĐ-SKHCN', decisionDate: '2026-01-20', amount: '600000000' } },
    'finance',
  );
  for (const [voucherNumber, date, amount] of [
    ['PC-2026-001', '2026-03-13', '95000000'],
    ['PC-2026-002', '2026-03-20', '28456789'],
  ]) {
    await ok(
      stack,
      `mutation($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { id } }`,
      {
        input: {
          lineId: science,
          voucherNumber,
          date,
          amount,
          payeeTaxCode: PROVIDER,
          purpose: 'Chi tổ chức lớp bồi dưỡng',
          activity: { kind: 'COURSE', id: courseA },
        },
      },
      'finance',
    );
  }
  await ok(
    stack,
    `mutation($input: RecordContributionInput!) { recordContribution(input: $input) { id } }`,
    {
      input: {
        planCode: PLAN,
        contributorTaxCode: PRIVATE_ENTERPRISE,
        date: '2026-05-05',
        amount: '150000000',
        purpose: 'Đối ứng hiệu chuẩn phương tiện đo',
      },
    },
    'finance',
  );
  return { courseA, courseB, laboratoryId };
}
