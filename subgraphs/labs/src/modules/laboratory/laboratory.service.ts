import {
  addDays,
  assertDateOrder,
  assertNotFuture,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  daysBetween,
  distinctNonEmpty,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  likeEscape,
  type MetrologyField,
  NotFoundError,
  type Page,
  referencedNotFound,
  requireText,
  searchKey,
  todayInVietnam,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { optionalTaxCode, organizationFor } from '../organization/organization.service';
import { Accreditation, Laboratory, type LaboratoryService, RegistrationCertificate } from './laboratory.entity';
import { laboratoryByIdLoader } from './laboratory.loaders';
import { ExpiringDocument, LaboratoryDocumentKind } from './laboratory.types';

export interface RegistrationFields {
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string;
}

export interface AccreditationFields {
  scheme: string;
  number: string;
  validUntil: string;
}

export interface NewLaboratory {
  code: string;
  name: string;
  organizationTaxCode: string;
  fields: MetrologyField[];
  services: LaboratoryService[];
  registration?: RegistrationFields | null;
  accreditation?: AccreditationFields | null;
}

/** Absent: unchanged; `registration` or `accreditation` null: removed. */
export interface LaboratoryChanges {
  code?: string | null;
  name?: string | null;
  fields?: MetrologyField[] | null;
  services?: LaboratoryService[] | null;
  registration?: RegistrationFields | null;
  accreditation?: AccreditationFields | null;
}

export interface LaboratoryFilter {
  search?: string | null;
  organizationTaxCode?: string | null;
  field?: MetrologyField | null;
  service?: LaboratoryService | null;
  offset: number;
  limit: number;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{1,31}$/;
const MAX_WITHIN_DAYS = 3650;

function parseCode(value: string): string {
  const code = value.trim();
  if (!CODE_PATTERN.test(code)) {
    throw new BadInputError(
      'code',
      'Mã phòng thí nghiệm phải gồm 2 đến 32 ký tự chữ, số và - _ . /',
      'The laboratory code must be 2 to 32 letters, digits and - _ . /',
    );
  }
  return code;
}

function parseRegistration(input: RegistrationFields): RegistrationCertificate {
  assertNotFuture(input.issuedOn, 'registration.issuedOn', 'Ngày cấp giấy chứng nhận đăng ký');
  assertDateOrder(
    input.issuedOn,
    input.validUntil,
    'registration.validUntil',
    'Ngày hết hiệu lực của giấy chứng nhận đăng ký không được trước ngày cấp.',
  );
  const registration = new RegistrationCertificate();
  registration.number = requireText(input.number, 'registration.number', 'Số giấy chứng nhận đăng ký', 100);
  registration.issuer = requireText(input.issuer, 'registration.issuer', 'Cơ quan cấp', 300);
  registration.issuedOn = input.issuedOn;
  registration.validUntil = input.validUntil;
  return registration;
}

function parseAccreditation(input: AccreditationFields): Accreditation {
  const accreditation = new Accreditation();
  accreditation.scheme = requireText(input.scheme, 'accreditation.scheme', 'Hệ thống công nhận', 50);
  accreditation.number = requireText(input.number, 'accreditation.number', 'Số hiệu công nhận', 100);
  accreditation.validUntil = input.validUntil;
  return accreditation;
}

async function assertCodeFree(em: EntityManager, code: string, exceptId?: string): Promise<void> {
  const existing = await em.findOne(Laboratory, { code });
  if (existing && existing.id !== exceptId) {
    throw new ConflictError(`Mã phòng thí nghiệm "${code}" đã được dùng.`, `The laboratory code "${code}" is already in use.`, {
      field: 'code',
      laboratoryId: existing.id,
    });
  }
}

/** The laboratory an input names, inside a transaction: NOT_FOUND naming `field`. */
export async function laboratoryFor(em: EntityManager, id: string, field: string): Promise<Laboratory> {
  const laboratory = isUuid(id) ? await em.findOne(Laboratory, { id }) : null;
  if (!laboratory) throw referencedNotFound(field, 'Laboratory', id, 'phòng thí nghiệm');
  return laboratory;
}

function auditedFields(laboratory: Laboratory) {
  return {
    code: laboratory.code,
    fields: laboratory.fields,
    services: laboratory.services,
    registration: laboratory.registration
      ? { number: laboratory.registration.number, validUntil: laboratory.registration.validUntil }
      : null,
    accreditation: laboratory.accreditation
      ? { number: laboratory.accreditation.number, validUntil: laboratory.accreditation.validUntil }
      : null,
  };
}

/** The register of laboratories. Knows no GraphQL. */
export const laboratoryService = {
  async get(loaders: Loaders, id: string): Promise<Laboratory> {
    const laboratory = await loaders.get(laboratoryByIdLoader).load(id);
    if (!laboratory) throw new NotFoundError('Laboratory', id, 'phòng thí nghiệm');
    return laboratory;
  },

  reference(loaders: Loaders, id: string): Promise<Laboratory | null> {
    return loaders.get(laboratoryByIdLoader).load(id);
  },

  async list(em: EntityManager, filter: LaboratoryFilter): Promise<Page<Laboratory>> {
    const where: FilterQuery<Laboratory> = {};
    const taxCode = optionalTaxCode(filter.organizationTaxCode, 'organizationTaxCode');
    if (taxCode) where.organization = taxCode;
    if (filter.field) where.fields = { $contains: [filter.field] };
    if (filter.service) where.services = { $contains: [filter.service] };
    const key = filter.search ? searchKey(filter.search) : '';
    if (key) {
      const pattern = `%${likeEscape(key)}%`;
      where.$or = [{ searchName: { $like: pattern } }, { code: { $ilike: pattern } }];
    }
    const [items, total] = await em.findAndCount(Laboratory, where, {
      orderBy: { code: 'asc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  register(em: EntityManager, identity: Identity, input: NewLaboratory): Promise<Laboratory> {
    const code = parseCode(input.code);
    const name = requireText(input.name, 'name', 'Tên phòng thí nghiệm', 300);
    const fields = distinctNonEmpty(input.fields, 'fields', 'lĩnh vực đo');
    const services = distinctNonEmpty(input.services, 'services', 'dịch vụ');
    const registration = input.registration ? parseRegistration(input.registration) : null;
    const accreditation = input.accreditation ? parseAccreditation(input.accreditation) : null;
    return inTransaction(em, async (tx) => {
      const organization = await organizationFor(tx, input.organizationTaxCode, 'organizationTaxCode');
      await assertCodeFree(tx, code);
      const laboratory = tx.create(Laboratory, {
        code,
        name,
        searchName: searchKey(name),
        organization,
        fields,
        services,
        registration,
        accreditation,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Laboratory',
        entityId: laboratory.id,
        action: 'REGISTER',
        changes: { organization: organization.taxCode, ...auditedFields(laboratory) },
      });
      return laboratory;
    });
  },

  update(em: EntityManager, identity: Identity, id: string, version: number, changes: LaboratoryChanges): Promise<Laboratory> {
    const code = changes.code ? parseCode(changes.code) : null;
    const name = changes.name ? requireText(changes.name, 'name', 'Tên phòng thí nghiệm', 300) : null;
    const fields = changes.fields ? distinctNonEmpty(changes.fields, 'fields', 'lĩnh vực đo') : null;
    const services = changes.services ? distinctNonEmpty(changes.services, 'services', 'dịch vụ') : null;
    const registration = changes.registration ? parseRegistration(changes.registration) : changes.registration;
    const accreditation = changes.accreditation ? parseAccreditation(changes.accreditation) : changes.accreditation;
    return inTransaction(em, async (tx) => {
      const laboratory = await laboratoryFor(tx, id, 'id');
      assertVersion(laboratory, version, 'Phòng thí nghiệm', 'laboratory');
      const before = auditedFields(laboratory);
      if (code && code !== laboratory.code) {
        await assertCodeFree(tx, code, laboratory.id);
        laboratory.code = code;
      }
      if (name) {
        laboratory.name = name;
        laboratory.searchName = searchKey(name);
      }
      if (fields) laboratory.fields = fields;
      if (services) laboratory.services = services;
      if (registration !== undefined) laboratory.registration = registration;
      if (accreditation !== undefined) laboratory.accreditation = accreditation;
      audit(tx, identity, {
        entityType: 'Laboratory',
        entityId: laboratory.id,
        action: 'UPDATE',
        changes: { from: before, to: auditedFields(laboratory) },
      });
      return laboratory;
    });
  },

  /**
   * Registration certificates and accreditations whose validity ends within `withinDays` of the
   * as-of date, and those already expired, soonest first.
   */
  async expiring(em: EntityManager, withinDays: number, asOf: string | null | undefined): Promise<ExpiringDocument[]> {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
      throw new BadInputError(
        'withinDays',
        `Số ngày phải từ 0 đến ${MAX_WITHIN_DAYS}.`,
        `"withinDays" must be from 0 to ${MAX_WITHIN_DAYS}.`,
      );
    }
    const date = asOf ?? todayInVietnam();
    const horizon = addDays(date, withinDays);
    const laboratories = await em.find(Laboratory, {
      $or: [{ registration: { validUntil: { $lte: horizon } } }, { accreditation: { validUntil: { $lte: horizon } } }],
    });
    const documents: ExpiringDocument[] = [];
    const add = (laboratory: Laboratory, kind: LaboratoryDocumentKind, number: string, validUntil: string) => {
      if (validUntil > horizon) return;
      const daysRemaining = daysBetween(date, validUntil);
      documents.push(
        Object.assign(new ExpiringDocument(), {
          laboratory,
          kind,
          number,
          validUntil,
          daysRemaining,
          expired: daysRemaining < 0,
        }),
      );
    };
    for (const laboratory of laboratories) {
      if (laboratory.registration) {
        add(laboratory, LaboratoryDocumentKind.REGISTRATION, laboratory.registration.number, laboratory.registration.validUntil);
      }
      if (laboratory.accreditation) {
        add(
          laboratory,
          LaboratoryDocumentKind.ACCREDITATION,
          laboratory.accreditation.number,
          laboratory.accreditation.validUntil,
        );
      }
    }
    return documents.sort(
      (a, b) => a.validUntil.localeCompare(b.validUntil) || a.laboratory.code.localeCompare(b.laboratory.code),
    );
  },
};
