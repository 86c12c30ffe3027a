import { SEEDED_PLANS } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { BudgetEnvelope, type FundingSource } from '../modules/envelope/envelope.entity';
import { Plan, PlanPhase, TaskGroup } from '../modules/plan/plan.entity';

/**
 * Seeds each plan document's header, phases, task groups and envelopes when the plan is absent.
 * An existing plan is left as it is: administrators may have changed it.
 */
export class PlanSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    for (const document of SEEDED_PLANS) {
      await em.transactional(async (tx) => {
        if (await tx.count(Plan, { code: document.code })) return;
        const plan = tx.create(Plan, {
          code: document.code,
          title: document.title,
          issuer: document.issuer,
          province: document.province,
          signedOn: document.signedOn,
          implementsDecisions: document.implements,
          version: 1,
        });
        for (const phase of document.phases) tx.create(PlanPhase, { plan, ...phase });
        for (const group of document.taskGroups) tx.create(TaskGroup, { plan, ...group });
        for (const envelope of document.envelopes) {
          tx.create(BudgetEnvelope, {
            plan,
            source: envelope.source as FundingSource,
            title: envelope.title,
            amount: BigInt(envelope.amount),
            taskGroups: envelope.taskGroups,
            version: 1,
          });
        }
      });
    }
  }
}
