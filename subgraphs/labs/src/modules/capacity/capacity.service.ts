import {
  assertNotFuture,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  distinctNonEmpty,
  type Identity,
  inTransaction,
  isUuid,
  type Page,
  referencedNotFound,
  requireText,
  todayInVietnam,
  yearOf,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { optionalTaxCode, organizationFor } from '../organization/organization.service';
import { type CapacityArea, CapacityProject } from './capacity.entity';

export interface NewCapacityProject {
  organizationTaxCode: string;
  title: string;
  raised: CapacityArea[];
  year: number;
  completedOn?: string | null;
}

export interface CapacityProjectFilter {
  organizationTaxCode?: string | null;
  completed?: boolean | null;
  offset: number;
  limit: number;
}

function parseYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new BadInputError('year', 'Năm thực hiện phải từ 2000 đến 2100.', '"year" must be from 2000 to 2100.');
  }
  return year;
}

/** Completed on a date that has come, not before the project's year. */
function assertCompletion(completedOn: string, year: number): void {
  assertNotFuture(completedOn, 'completedOn', 'Ngày hoàn thành');
  if (yearOf(completedOn) < year) {
    throw new BadInputError(
      'completedOn',
      `Ngày hoàn thành không được trước năm thực hiện ${year}.`,
      `"completedOn" cannot be before the project year ${year}.`,
    );
  }
}

/** Capacity projects (plan II.2.a). Knows no GraphQL. */
export const capacityService = {
  async list(em: EntityManager, filter: CapacityProjectFilter): Promise<Page<CapacityProject>> {
    const where: FilterQuery<CapacityProject> = {};
    const taxCode = optionalTaxCode(filter.organizationTaxCode, 'organizationTaxCode');
    if (taxCode) where.organization = taxCode;
    if (filter.completed === true) where.completedOn = { $ne: null };
    if (filter.completed === false) where.completedOn = null;
    const [items, total] = await em.findAndCount(CapacityProject, where, {
      orderBy: { year: 'desc', createdAt: 'desc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  register(em: EntityManager, identity: Identity, input: NewCapacityProject): Promise<CapacityProject> {
    const title = requireText(input.title, 'title', 'Tên dự án', 300);
    const raised = distinctNonEmpty(input.raised, 'raised', 'nội dung nâng cao năng lực');
    const year = parseYear(input.year);
    if (input.completedOn) assertCompletion(input.completedOn, year);
    return inTransaction(em, async (tx) => {
      const organization = await organizationFor(tx, input.organizationTaxCode, 'organizationTaxCode');
      const project = tx.create(CapacityProject, {
        organization,
        title,
        raised,
        year,
        completedOn: input.completedOn ?? null,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'CapacityProject',
        entityId: project.id,
        action: 'REGISTER',
        changes: { organization: organization.taxCode, raised, year, completedOn: project.completedOn },
      });
      return project;
    });
  },

  complete(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    completedOn: string | null | undefined,
  ): Promise<CapacityProject> {
    const date = completedOn ?? todayInVietnam();
    return inTransaction(em, async (tx) => {
      const project = isUuid(id) ? await tx.findOne(CapacityProject, { id }) : null;
      if (!project) throw referencedNotFound('id', 'Capacity project', id, 'dự án nâng cao năng lực');
      assertVersion(project, version, 'Dự án nâng cao năng lực', 'capacity project');
      if (project.completedOn !== null) {
        throw new ConflictError('Dự án đã hoàn thành.', 'The project is already completed.', {
          completedOn: project.completedOn,
        });
      }
      assertCompletion(date, project.year);
      project.completedOn = date;
      audit(tx, identity, {
        entityType: 'CapacityProject',
        entityId: project.id,
        action: 'COMPLETE',
        changes: { completedOn: date },
      });
      return project;
    });
  },
};
