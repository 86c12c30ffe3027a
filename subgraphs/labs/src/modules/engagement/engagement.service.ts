import {
  assertDateOrder,
  assertNotFuture,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  distinctNonEmpty,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  NotFoundError,
  optionalText,
  type Page,
  referencedNotFound,
  todayInVietnam,
} from '@metrology/kit';
import { type FilterQuery, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { laboratoryFor } from '../laboratory/laboratory.service';
import { Ownership } from '../organization/organization.entity';
import { optionalTaxCode, organizationFor } from '../organization/organization.service';
import { AssuranceEngagement, type AssuranceService, EngagementStatus } from './engagement.entity';
import { engagementByIdLoader } from './engagement.loaders';
import { canMoveEngagement, isEngagementClosed } from './engagement.rules';
import { EngagementsByOwnership } from './engagement.types';

export interface NewEngagement {
  enterpriseTaxCode: string;
  providerLaboratoryId: string;
  services: AssuranceService[];
  instrumentsCovered: number;
  instrumentsDescription?: string | null;
  plannedStart: string;
  plannedEnd?: string | null;
}

export interface EngagementChanges {
  services?: AssuranceService[] | null;
  instrumentsCovered?: number | null;
  instrumentsDescription?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
}

export interface StatusMove {
  id: string;
  version: number;
  status: EngagementStatus;
  on?: string | null;
  reason?: string | null;
}

export interface EngagementFilter {
  enterpriseTaxCode?: string | null;
  providerLaboratoryId?: string | null;
  status?: EngagementStatus | null;
  offset: number;
  limit: number;
}

const MAX_INSTRUMENTS = 1_000_000;

function parseInstruments(count: number): number {
  if (!Number.isInteger(count) || count < 0 || count > MAX_INSTRUMENTS) {
    throw new BadInputError(
      'instrumentsCovered',
      `Số phương tiện đo phải từ 0 đến ${MAX_INSTRUMENTS}.`,
      `"instrumentsCovered" must be from 0 to ${MAX_INSTRUMENTS}.`,
    );
  }
  return count;
}

async function engagementFor(tx: EntityManager, id: string): Promise<AssuranceEngagement> {
  const engagement = isUuid(id) ? await tx.findOne(AssuranceEngagement, { id }) : null;
  if (!engagement) throw referencedNotFound('id', 'Assurance engagement', id, 'hoạt động hỗ trợ đảm bảo đo lường');
  return engagement;
}

function audited(engagement: AssuranceEngagement) {
  return {
    status: engagement.status,
    services: engagement.services,
    instrumentsCovered: engagement.instrumentsCovered,
    plannedStart: engagement.plannedStart,
    plannedEnd: engagement.plannedEnd,
  };
}

/** Engagements of the Measurement Assurance Programme with enterprises. Knows no GraphQL. */
export const engagementService = {
  async get(loaders: Loaders, id: string): Promise<AssuranceEngagement> {
    const engagement = await loaders.get(engagementByIdLoader).load(id);
    if (!engagement) throw new NotFoundError('Assurance engagement', id, 'hoạt động hỗ trợ đảm bảo đo lường');
    return engagement;
  },

  reference(loaders: Loaders, id: string): Promise<AssuranceEngagement | null> {
    return loaders.get(engagementByIdLoader).load(id);
  },

  async list(em: EntityManager, filter: EngagementFilter): Promise<Page<AssuranceEngagement>> {
    const where: FilterQuery<AssuranceEngagement> = {};
    const taxCode = optionalTaxCode(filter.enterpriseTaxCode, 'enterpriseTaxCode');
    if (taxCode) where.enterprise = taxCode;
    if (filter.providerLaboratoryId) {
      if (!isUuid(filter.providerLaboratoryId)) return { items: [], total: 0, offset: filter.offset, limit: filter.limit };
      where.provider = filter.providerLaboratoryId;
    }
    if (filter.status) where.status = filter.status;
    const [items, total] = await em.findAndCount(AssuranceEngagement, where, {
      orderBy: { plannedStart: 'desc', createdAt: 'desc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  /**
   * Engagements completed from `from` (default: ever) through `asOf`, per ownership of the
   * enterprise: one aggregate query. Every ownership is listed, with 0 when none.
   */
  async byOwnership(
    em: EntityManager,
    asOf: string | null | undefined,
    from: string | null | undefined,
  ): Promise<EngagementsByOwnership[]> {
    const until = asOf ?? todayInVietnam();
    const rows: { ownership: Ownership; completed: string }[] = await em
      .createQueryBuilder(AssuranceEngagement, 'e')
      .select(['o.ownership', raw('count(*) as completed')])
      .join('e.enterprise', 'o')
      .where({ status: EngagementStatus.COMPLETED, completedOn: from ? { $gte: from, $lte: until } : { $lte: until } })
      .groupBy('o.ownership')
      .execute('all', false);
    const counts = new Map(rows.map((row) => [row.ownership, Number(row.completed)]));
    return Object.values(Ownership).map((ownership) =>
      Object.assign(new EngagementsByOwnership(), { ownership, completed: counts.get(ownership) ?? 0 }),
    );
  },

  plan(em: EntityManager, identity: Identity, input: NewEngagement): Promise<AssuranceEngagement> {
    const services = distinctNonEmpty(input.services, 'services', 'dịch vụ');
    const instrumentsCovered = parseInstruments(input.instrumentsCovered);
    const instrumentsDescription = optionalText(
      input.instrumentsDescription,
      'instrumentsDescription',
      'Mô tả phương tiện đo',
      2000,
    );
    if (input.plannedEnd)
      assertDateOrder(input.plannedStart, input.plannedEnd, 'plannedEnd', 'Ngày kết thúc dự kiến không được trước ngày bắt đầu.');
    return inTransaction(em, async (tx) => {
      const enterprise = await organizationFor(tx, input.enterpriseTaxCode, 'enterpriseTaxCode');
      const provider = await laboratoryFor(tx, input.providerLaboratoryId, 'providerLaboratoryId');
      const engagement = tx.create(AssuranceEngagement, {
        enterprise,
        provider,
        services,
        instrumentsCovered,
        instrumentsDescription,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd ?? null,
        status: EngagementStatus.PLANNED,
        startedOn: null,
        completedOn: null,
        cancelledOn: null,
        cancellationReason: null,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'AssuranceEngagement',
        entityId: engagement.id,
        action: 'PLAN',
        changes: { enterprise: enterprise.taxCode, provider: provider.id, ...audited(engagement) },
      });
      return engagement;
    });
  },

  update(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    changes: EngagementChanges,
  ): Promise<AssuranceEngagement> {
    const services = changes.services ? distinctNonEmpty(changes.services, 'services', 'dịch vụ') : null;
    const instruments =
      changes.instrumentsCovered === null || changes.instrumentsCovered === undefined
        ? null
        : parseInstruments(changes.instrumentsCovered);
    const description =
      changes.instrumentsDescription === undefined
        ? undefined
        : optionalText(changes.instrumentsDescription, 'instrumentsDescription', 'Mô tả phương tiện đo', 2000);
    return inTransaction(em, async (tx) => {
      const engagement = await engagementFor(tx, id);
      if (isEngagementClosed(engagement.status)) {
        throw new ConflictError(
          'Hoạt động đã hoàn thành hoặc đã hủy: không thể thay đổi.',
          `The engagement is ${engagement.status}: it can no longer change.`,
          { status: engagement.status },
        );
      }
      assertVersion(engagement, version, 'Hoạt động hỗ trợ', 'engagement');
      const before = audited(engagement);
      const plannedStart = changes.plannedStart ?? engagement.plannedStart;
      const plannedEnd = changes.plannedEnd === undefined ? engagement.plannedEnd : changes.plannedEnd;
      if (plannedEnd)
        assertDateOrder(plannedStart, plannedEnd, 'plannedEnd', 'Ngày kết thúc dự kiến không được trước ngày bắt đầu.');
      engagement.plannedStart = plannedStart;
      engagement.plannedEnd = plannedEnd ?? null;
      if (services) engagement.services = services;
      if (instruments !== null) engagement.instrumentsCovered = instruments;
      if (description !== undefined) engagement.instrumentsDescription = description;
      audit(tx, identity, {
        entityType: 'AssuranceEngagement',
        entityId: engagement.id,
        action: 'UPDATE',
        changes: { from: before, to: audited(engagement) },
      });
      return engagement;
    });
  },

  /** Moves the status along the allowed transitions only (others: CONFLICT), dating each move. */
  changeStatus(em: EntityManager, identity: Identity, move: StatusMove): Promise<AssuranceEngagement> {
    const on = move.on ?? todayInVietnam();
    assertNotFuture(on, 'on', 'Ngày chuyển trạng thái');
    const reason = optionalText(move.reason, 'reason', 'Lý do', 2000);
    return inTransaction(em, async (tx) => {
      const engagement = await engagementFor(tx, move.id);
      assertVersion(engagement, move.version, 'Hoạt động hỗ trợ', 'engagement');
      const from = engagement.status;
      if (!canMoveEngagement(from, move.status)) {
        throw new ConflictError(
          `Không thể chuyển hoạt động từ trạng thái ${from} sang ${move.status}.`,
          `An engagement cannot move from ${from} to ${move.status}.`,
          { from, to: move.status },
        );
      }
      if (move.status === EngagementStatus.IN_PROGRESS) engagement.startedOn = on;
      if (move.status === EngagementStatus.COMPLETED) {
        assertDateOrder(engagement.startedOn ?? on, on, 'on', 'Ngày hoàn thành không được trước ngày bắt đầu thực hiện.');
        engagement.completedOn = on;
      }
      if (move.status === EngagementStatus.CANCELLED) {
        engagement.cancelledOn = on;
        engagement.cancellationReason = reason;
      }
      engagement.status = move.status;
      audit(tx, identity, {
        entityType: 'AssuranceEngagement',
        entityId: engagement.id,
        action: 'STATUS',
        changes: { from, to: move.status, on },
      });
      return engagement;
    });
  },
};
