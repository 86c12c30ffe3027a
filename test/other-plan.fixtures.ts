/**
 * A second, small plan of another province (a plan is a record: docs/RULES.md, "The plan as data"),
 * written straight into the three test databases as an administrator's import would, with one
 * course of its own: for the scorecard of two plans side by side.
 */
import { type PlanDocument, PlanTarget, targetRows } from '@metrology/kit';
import { BudgetEnvelope, type FundingSource } from '../subgraphs/funding/src/modules/envelope/envelope.entity';
import { Plan, PlanPhase, TaskGroup } from '../subgraphs/funding/src/modules/plan/plan.entity';
import type { Stack } from './harness';
import { courseWithAttendance, ok } from './scorecard.fixtures';

/** The second plan: another province's, with other targets. */
export const OTHER_PLAN: PlanDocument = {
  code: '88/KH-UBND',
  title: 'Kế hoạch tăng cường, đổi mới hoạt động đo lường hỗ trợ doanh nghiệp tỉnh Cao Bằng (dữ liệu thử nghiệm)',
  issuer: 'UBND tỉnh Cao Bằng',
  province: 'Cao Bằng',
  signedOn: '2020-04-10',
  implements: ['996/QĐ-TTg'],
  phases: [
    { number: 1, title: 'Giai đoạn 2020 - 2025', startDate: '2020-01-01', endDate: '2025-12-31' },
    { number: 2, title: 'Giai đoạn 2026 - 2030', startDate: '2026-01-01', endDate: '2030-12-31' },
  ],
  targets: [
    {
      indicator: 'TRAINING',
      phase: 2,
      scope: 'PER_PHASE',
      value: 200,
      unit: 'lượt người',
      description: 'Bồi dưỡng 200 lượt người',
    },
    { indicator: 'TRAINING', phase: 2, scope: 'PER_YEAR', value: 40, unit: 'lượt người', description: 'Mỗi năm 40 lượt người' },
    { indicator: 'STANDARDS', phase: 2, scope: 'CUMULATIVE', value: 4, unit: 'loại', description: 'Xã hội hóa 4 loại chuẩn' },
    {
      indicator: 'MAP',
      phase: 2,
      scope: 'CUMULATIVE',
      value: 8,
      unit: 'lượt doanh nghiệp',
      description: 'Hỗ trợ 8 lượt doanh nghiệp',
    },
    {
      indicator: 'LABS',
      phase: 2,
      scope: 'HELD',
      value: 1,
      unit: 'phòng thí nghiệm',
      description: '1 phòng thí nghiệm được công nhận',
    },
  ],
  taskGroups: [
    { number: 1, title: 'Hoàn thiện cơ chế, chính sách' },
    { number: 2, title: 'Tăng cường hạ tầng đo lường' },
  ],
  envelopes: [
    { source: 'SCIENCE_OPERATING', title: 'Kinh phí sự nghiệp khoa học', amount: '2000000000', taskGroups: [1, 2] },
    { source: 'ENTERPRISE_AND_OTHER', title: 'Doanh nghiệp và nguồn hợp pháp khác', amount: '500000000', taskGroups: [] },
  ],
};

/**
 * Writes the second plan into the three databases (header, phases, task groups and envelopes in
 * funding; targets in training and labs), then gives it one course of its own.
 */
export async function seedOtherPlan(stack: Stack): Promise<void> {
  const plan = OTHER_PLAN;
  await stack.subgraphs.funding.database.orm.em.fork().transactional(async (tx) => {
    const header = tx.create(Plan, {
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      province: plan.province,
      signedOn: plan.signedOn,
      implementsDecisions: plan.implements,
      version: 1,
    });
    for (const phase of plan.phases) tx.create(PlanPhase, { plan: header, ...phase });
    for (const group of plan.taskGroups) tx.create(TaskGroup, { plan: header, ...group });
    for (const envelope of plan.envelopes) {
      tx.create(BudgetEnvelope, {
        plan: header,
        source: envelope.source as FundingSource,
        title: envelope.title,
        amount: BigInt(envelope.amount),
        taskGroups: envelope.taskGroups,
        version: 1,
      });
    }
  });
  await stack.subgraphs.training.database.orm.em.fork().insertMany(PlanTarget, targetRows(plan, ['TRAINING']));
  await stack.subgraphs.labs.database.orm.em
    .fork()
    .insertMany(PlanTarget, targetRows(plan, ['STANDARDS', 'MAP', 'LABS', 'CAPACITY']));
  // Its own course, through the gateway: two participations in May 2026.
  const trainees: string[] = [];
  for (const fullName of ['Nông Văn Pác', 'Lục Thị Mai']) {
    const { registerTrainee } = await ok<{ registerTrainee: { trainee: { id: string } } }>(
      stack,
      `mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id } } }`,
      { input: { fullName } },
      'admin',
    );
    trainees.push(registerTrainee.trainee.id);
  }
  await courseWithAttendance(
    stack,
    {
      code: 'CB-2026-01',
      title: 'Bồi dưỡng đo lường cho doanh nghiệp tỉnh Cao Bằng',
      planCode: plan.code,
      startDate: '2026-05-11',
      endDate: '2026-05-12',
      sessions: ['2026-05-11'],
    },
    trainees,
    [[0, 1]],
  );
}
