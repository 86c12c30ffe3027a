import {
  assertNotFuture,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  type MetrologyField,
  NotFoundError,
  type Page,
  referencedNotFound,
  requireText,
  todayInVietnam,
  yearOf,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { optionalTaxCode, organizationFor } from '../organization/organization.service';
import { MeasurementStandard, StandardKind, StandardStatus, Traceability } from './standard.entity';
import { measurementStandardByIdLoader } from './standard.loaders';

export interface TraceabilityFields {
  calibratedBy: string;
  certificateNumber: string;
  calibratedOn: string;
  dueOn: string;
}

export interface NewMeasurementStandard {
  kindCode: string;
  name: string;
  field: MetrologyField;
  ownerTaxCode: string;
  yearFirstSupported: number;
  serial: string;
  traceability?: TraceabilityFields | null;
  status?: StandardStatus | null;
}

export interface MeasurementStandardChanges {
  name?: string | null;
  field?: MetrologyField | null;
  yearFirstSupported?: number | null;
  serial?: string | null;
  traceability?: TraceabilityFields | null;
  status?: StandardStatus | null;
}

export interface MeasurementStandardFilter {
  kindCode?: string | null;
  field?: MetrologyField | null;
  ownerTaxCode?: string | null;
  status?: StandardStatus | null;
  offset: number;
  limit: number;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{1,31}$/;
const FIRST_YEAR = 1990;

function parseYear(year: number): number {
  const thisYear = yearOf(todayInVietnam());
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear) {
    throw new BadInputError(
      'yearFirstSupported',
      `Năm được hỗ trợ phải từ ${FIRST_YEAR} đến ${thisYear}.`,
      `"yearFirstSupported" must be from ${FIRST_YEAR} to ${thisYear}.`,
    );
  }
  return year;
}

function parseTraceability(input: TraceabilityFields): Traceability {
  assertNotFuture(input.calibratedOn, 'traceability.calibratedOn', 'Ngày hiệu chuẩn');
  if (input.dueOn <= input.calibratedOn) {
    throw new BadInputError(
      'traceability.dueOn',
      'Hạn hiệu chuẩn tiếp theo phải sau ngày hiệu chuẩn.',
      'The next calibration must be due after the calibration date.',
    );
  }
  const traceability = new Traceability();
  traceability.calibratedBy = requireText(input.calibratedBy, 'traceability.calibratedBy', 'Đơn vị hiệu chuẩn', 300);
  traceability.certificateNumber = requireText(
    input.certificateNumber,
    'traceability.certificateNumber',
    'Số giấy chứng nhận hiệu chuẩn',
    100,
  );
  traceability.calibratedOn = input.calibratedOn;
  traceability.dueOn = input.dueOn;
  return traceability;
}

async function assertSerialFree(em: EntityManager, kind: StandardKind, serial: string, exceptId?: string): Promise<void> {
  const existing = await em.findOne(MeasurementStandard, { kind, serial });
  if (existing && existing.id !== exceptId) {
    throw new ConflictError(
      `Đã có chuẩn loại "${kind.code}" với số hiệu "${serial}".`,
      `A standard of kind "${kind.code}" with serial "${serial}" is already registered.`,
      { field: 'serial', measurementStandardId: existing.id },
    );
  }
}

function audited(standard: MeasurementStandard) {
  return {
    field: standard.field,
    owner: standard.owner.taxCode,
    yearFirstSupported: standard.yearFirstSupported,
    serial: standard.serial,
    status: standard.status,
    dueOn: standard.traceability?.dueOn ?? null,
  };
}

/** Socialised measurement standards and instruments, their kinds and calibrations. Knows no GraphQL. */
export const standardService = {
  kinds(em: EntityManager): Promise<StandardKind[]> {
    return em.find(StandardKind, {}, { orderBy: { code: 'asc' } });
  },

  registerKind(em: EntityManager, identity: Identity, input: { code: string; name: string }): Promise<StandardKind> {
    const code = input.code.trim();
    if (!CODE_PATTERN.test(code)) {
      throw new BadInputError(
        'code',
        'Mã loại phải gồm 2 đến 32 ký tự chữ, số và - _ . /',
        'The kind code must be 2 to 32 letters, digits and - _ . /',
      );
    }
    const name = requireText(input.name, 'name', 'Tên loại', 300);
    return inTransaction(em, async (tx) => {
      if (await tx.count(StandardKind, { code })) {
        throw new ConflictError(`Mã loại "${code}" đã được dùng.`, `The kind code "${code}" is already in use.`, {
          field: 'code',
        });
      }
      const kind = tx.create(StandardKind, { code, name, createdAt: new Date() });
      await tx.flush();
      audit(tx, identity, { entityType: 'StandardKind', entityId: code, action: 'REGISTER', changes: { code } });
      return kind;
    });
  },

  async get(loaders: Loaders, id: string): Promise<MeasurementStandard> {
    const standard = await loaders.get(measurementStandardByIdLoader).load(id);
    if (!standard) throw new NotFoundError('Measurement standard', id, 'chuẩn đo lường');
    return standard;
  },

  reference(loaders: Loaders, id: string): Promise<MeasurementStandard | null> {
    return loaders.get(measurementStandardByIdLoader).load(id);
  },

  async list(em: EntityManager, filter: MeasurementStandardFilter): Promise<Page<MeasurementStandard>> {
    const where: FilterQuery<MeasurementStandard> = {};
    if (filter.kindCode) where.kind = { code: filter.kindCode };
    if (filter.field) where.field = filter.field;
    const owner = optionalTaxCode(filter.ownerTaxCode, 'ownerTaxCode');
    if (owner) where.owner = owner;
    if (filter.status) where.status = filter.status;
    const [items, total] = await em.findAndCount(MeasurementStandard, where, {
      orderBy: { yearFirstSupported: 'asc', serial: 'asc', id: 'asc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  /** Standards still in use (not RETIRED) whose calibration was due before the as-of date, most overdue first. */
  overdue(em: EntityManager, asOf: string | null | undefined): Promise<MeasurementStandard[]> {
    return em.find(
      MeasurementStandard,
      { status: { $ne: StandardStatus.RETIRED }, traceability: { dueOn: { $lt: asOf ?? todayInVietnam() } } },
      { orderBy: { traceability: { dueOn: 'asc' }, serial: 'asc' } },
    );
  },

  register(em: EntityManager, identity: Identity, input: NewMeasurementStandard): Promise<MeasurementStandard> {
    const name = requireText(input.name, 'name', 'Tên chuẩn', 300);
    const serial = requireText(input.serial, 'serial', 'Số hiệu', 100);
    const yearFirstSupported = parseYear(input.yearFirstSupported);
    const traceability = input.traceability ? parseTraceability(input.traceability) : null;
    return inTransaction(em, async (tx) => {
      const kind = await tx.findOne(StandardKind, { code: input.kindCode.trim() });
      if (!kind) throw referencedNotFound('kindCode', 'Standard kind', input.kindCode, 'loại chuẩn');
      const owner = await organizationFor(tx, input.ownerTaxCode, 'ownerTaxCode');
      await assertSerialFree(tx, kind, serial);
      const standard = tx.create(MeasurementStandard, {
        kind,
        name,
        field: input.field,
        owner,
        yearFirstSupported,
        serial,
        traceability,
        status: input.status ?? StandardStatus.IN_SERVICE,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'MeasurementStandard',
        entityId: standard.id,
        action: 'REGISTER',
        changes: { kind: kind.code, ...audited(standard) },
      });
      return standard;
    });
  },

  update(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    changes: MeasurementStandardChanges,
  ): Promise<MeasurementStandard> {
    const name = changes.name ? requireText(changes.name, 'name', 'Tên chuẩn', 300) : null;
    const serial = changes.serial ? requireText(changes.serial, 'serial', 'Số hiệu', 100) : null;
    const year =
      changes.yearFirstSupported === null || changes.yearFirstSupported === undefined
        ? null
        : parseYear(changes.yearFirstSupported);
    const traceability = changes.traceability ? parseTraceability(changes.traceability) : null;
    return inTransaction(em, async (tx) => {
      const standard = isUuid(id) ? await tx.findOne(MeasurementStandard, { id }, { populate: ['kind'] }) : null;
      if (!standard) throw referencedNotFound('id', 'Measurement standard', id, 'chuẩn đo lường');
      assertVersion(standard, version, 'Chuẩn đo lường', 'measurement standard');
      const before = audited(standard);
      if (serial && serial !== standard.serial) {
        await assertSerialFree(tx, standard.kind, serial, standard.id);
        standard.serial = serial;
      }
      if (name) standard.name = name;
      if (changes.field) standard.field = changes.field;
      if (year !== null) standard.yearFirstSupported = year;
      if (traceability) standard.traceability = traceability;
      if (changes.status) standard.status = changes.status;
      audit(tx, identity, {
        entityType: 'MeasurementStandard',
        entityId: standard.id,
        action: 'UPDATE',
        changes: { from: before, to: audited(standard) },
      });
      return standard;
    });
  },
};
