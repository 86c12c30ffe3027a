import { audit, type Identity, parseTaxCode, requireText } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePositive } from '../../shared/money';
import { transact } from '../../shared/transaction';
import { planService } from '../plan/plan.service';
import { Contribution } from './contribution.entity';

export interface NewContribution {
  planCode: string;
  contributorTaxCode: string;
  date: string;
  amount: bigint;
  purpose: string;
}

export interface ContributionFilter {
  planCode: string;
  contributorTaxCode?: string | null;
  year?: number | null;
}

/** Contributions mobilised from enterprises and other lawful sources, by tax code. */
export const contributionService = {
  async list(em: EntityManager, filter: ContributionFilter): Promise<Contribution[]> {
    const plan = await planService.requireByCode(em, filter.planCode);
    return em.find(
      Contribution,
      {
        plan: plan.id,
        ...(filter.contributorTaxCode
          ? { contributorTaxCode: parseTaxCode(filter.contributorTaxCode, 'contributorTaxCode') }
          : {}),
        ...(filter.year ? { date: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } } : {}),
      },
      { orderBy: { date: 'asc', id: 'asc' } },
    );
  },

  record(em: EntityManager, identity: Identity, input: NewContribution): Promise<Contribution> {
    return transact(em, async (tx) => {
      const amount = requirePositive('amount', input.amount);
      const contributorTaxCode = parseTaxCode(input.contributorTaxCode, 'contributorTaxCode');
      const purpose = requireText(input.purpose, 'purpose', 'Mục đích', 500);
      const plan = await planService.requireByCode(tx, input.planCode);
      const contribution = tx.create(Contribution, {
        plan,
        contributorTaxCode,
        date: input.date,
        amount,
        purpose,
        createdAt: new Date(),
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Contribution',
        entityId: String(contribution.id),
        action: 'create',
        changes: { contributorTaxCode, date: input.date, amount: amount.toString() },
      });
      return contribution;
    });
  },
};
