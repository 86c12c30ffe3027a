import {
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  formatVnd,
  type Identity,
  NotFoundError,
  optionalText,
} from '@metrology/kit';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledger } from '../../shared/ledger';
import { idOf, overCeiling } from '../../shared/money';
import { transact } from '../../shared/transaction';
import { BudgetEnvelope, type FundingSource } from '../envelope/envelope.entity';
import type { Plan } from '../plan/plan.entity';
import { planService } from '../plan/plan.service';
import { BudgetLine, TaskGroupFunding } from './budget-line.entity';

export interface NewBudgetLine {
  planCode: string;
  source: FundingSource;
  taskGroup: number;
  year: number;
  plannedAmount: bigint;
  note?: string | null;
}

export interface BudgetLineChange {
  id: string;
  version: number;
  /** Omitted: unchanged. */
  plannedAmount?: bigint | null;
  /** Omitted: unchanged; blank: cleared. */
  note?: string | null;
}

export interface BudgetLineFilter {
  planCode: string;
  year?: number | null;
  source?: FundingSource | null;
}

const SOURCE_LINES = {
  vi: 'Tổng các dòng kinh phí của nguồn sẽ vượt hạn mức',
  en: 'The lines of this source exceed its envelope',
};

/** Locks the envelope of a plan's source (`select … for update`): it guards the sum of the source's lines. */
export async function lockEnvelope(tx: EntityManager, plan: Plan, source: FundingSource): Promise<BudgetEnvelope> {
  const envelope = await tx.findOne(
    BudgetEnvelope,
    { plan: plan.id, source },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!envelope) throw new NotFoundError('BudgetEnvelope', `${plan.code} ${source}`, 'nguồn kinh phí của kế hoạch');
  return envelope;
}

/** Locks a line (`select … for update`): it guards the sums of its allocations and disbursements. */
export async function lockLine(tx: EntityManager, rawId: string): Promise<BudgetLine> {
  const line = await tx.findOne(
    BudgetLine,
    { id: idOf(rawId, 'BudgetLine', 'dòng kinh phí') },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!line) throw new NotFoundError('BudgetLine', rawId, 'dòng kinh phí');
  return line;
}

/**
 * How the plan names `source` for `taskGroup` (see TaskGroupFunding). Refused: a group the plan
 * gives to another source, when this source has groups of its own (science operating for
 * group 2 would spend the investment budget's task from the recurrent budget).
 */
function fundingOf(envelopes: readonly BudgetEnvelope[], source: FundingSource, taskGroup: number): TaskGroupFunding {
  const own = envelopes.find((envelope) => envelope.source === source);
  if (own?.taskGroups.includes(taskGroup)) return TaskGroupFunding.NAMED;
  const other = envelopes.find((envelope) => envelope.source !== source && envelope.taskGroups.includes(taskGroup));
  if (other && own && own.taskGroups.length > 0) {
    throw new BadInputError(
      'taskGroup',
      `Theo kế hoạch, nhóm nhiệm vụ ${taskGroup} do nguồn "${other.title}" chi, không phải nguồn "${own.title}".`,
      `The plan funds task group ${taskGroup} from ${other.source}, not from ${source}.`,
      { fundedBy: other.source },
    );
  }
  return TaskGroupFunding.UNNAMED;
}

function auditedLine(line: BudgetLine): Record<string, unknown> {
  return {
    source: line.source,
    taskGroup: line.taskGroup,
    year: line.year,
    plannedAmount: line.plannedAmount.toString(),
    funding: line.funding,
  };
}

/** Budget lines: the plan's money per source, task group and year, capped by the source's envelope. */
export const budgetLineService = {
  async get(em: EntityManager, rawId: string): Promise<BudgetLine> {
    const line = await em.findOne(BudgetLine, { id: idOf(rawId, 'BudgetLine', 'dòng kinh phí') });
    if (!line) throw new NotFoundError('BudgetLine', rawId, 'dòng kinh phí');
    return line;
  },

  async list(em: EntityManager, filter: BudgetLineFilter): Promise<BudgetLine[]> {
    const plan = await planService.requireByCode(em, filter.planCode);
    return em.find(
      BudgetLine,
      {
        plan: plan.id,
        ...(filter.year ? { year: filter.year } : {}),
        ...(filter.source ? { source: filter.source } : {}),
      },
      { orderBy: { year: 'asc', source: 'asc', taskGroup: 'asc' } },
    );
  },

  /**
   * Plans a line. The source's envelope row is locked before its lines are summed, so that two
   * finance officers planning at once cannot together pass the envelope.
   */
  create(em: EntityManager, identity: Identity, input: NewBudgetLine): Promise<BudgetLine> {
    return transact(em, async (tx) => {
      const plan = await planService.requireByCode(tx, input.planCode);
      await planService.assertYearInPlan(tx, plan, input.year);
      await planService.assertTaskGroupInPlan(tx, plan, input.taskGroup);
      const note = optionalText(input.note, 'note', 'Ghi chú', 500);
      const envelope = await lockEnvelope(tx, plan, input.source);
      const funding = fundingOf(await tx.find(BudgetEnvelope, { plan: plan.id }), input.source, input.taskGroup);
      if (await tx.count(BudgetLine, { plan: plan.id, source: input.source, taskGroup: input.taskGroup, year: input.year })) {
        throw new ConflictError(
          `Đã có dòng kinh phí của nguồn này cho nhóm nhiệm vụ ${input.taskGroup} năm ${input.year}; hãy sửa dòng đó.`,
          `A line for this source, task group ${input.taskGroup} and year ${input.year} already exists; edit it instead.`,
        );
      }
      const planned = await ledger.plannedForSource(tx, plan.id, input.source);
      if (planned + input.plannedAmount > envelope.amount) {
        throw overCeiling(SOURCE_LINES, envelope.amount, planned + input.plannedAmount);
      }
      const line = tx.create(BudgetLine, {
        plan,
        source: input.source,
        taskGroup: input.taskGroup,
        year: input.year,
        plannedAmount: input.plannedAmount,
        funding,
        note,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, { entityType: 'BudgetLine', entityId: String(line.id), action: 'create', changes: auditedLine(line) });
      return line;
    });
  },

  /**
   * Changes a line's planned amount or note, on the version the caller read (stale → CONFLICT).
   * Raising it is capped by the envelope; lowering it stops at what is already allocated.
   */
  update(em: EntityManager, identity: Identity, input: BudgetLineChange): Promise<BudgetLine> {
    return transact(em, async (tx) => {
      const found = await budgetLineService.get(tx, input.id);
      const envelope = await lockEnvelope(tx, found.plan, found.source);
      const line = await lockLine(tx, input.id);
      assertVersion(line, input.version, 'Dòng kinh phí', 'budget line');
      const before = line.plannedAmount;
      if (input.plannedAmount !== undefined && input.plannedAmount !== null && input.plannedAmount !== before) {
        const next = input.plannedAmount;
        const allocated = await ledger.allocatedForLine(tx, line.id);
        if (next < allocated) {
          throw new ConflictError(
            `Không thể giảm dòng kinh phí xuống dưới số đã phân bổ (${formatVnd(allocated)} đồng).`,
            `The planned amount cannot go below what is already allocated (${allocated} VND).`,
            { allocated: allocated.toString() },
          );
        }
        const others = await ledger.plannedForSource(tx, line.plan.id, line.source, line.id);
        if (others + next > envelope.amount) throw overCeiling(SOURCE_LINES, envelope.amount, others + next);
        line.plannedAmount = next;
      }
      if (input.note !== undefined) line.note = optionalText(input.note, 'note', 'Ghi chú', 500);
      await tx.flush();
      audit(tx, identity, {
        entityType: 'BudgetLine',
        entityId: String(line.id),
        action: 'update',
        changes: { plannedAmount: { from: before.toString(), to: line.plannedAmount.toString() }, version: line.version },
      });
      return line;
    });
  },
};
