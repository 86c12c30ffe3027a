import {
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  inTransaction,
  type Loaders,
  likeEscape,
  NotFoundError,
  optionalText,
  type Page,
  parseTaxCode,
  referencedNotFound,
  requireText,
  searchKey,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organization, type OrganizationKind, type Ownership, type PrioritySector } from './organization.entity';
import { organizationByTaxCodeLoader } from './organization.loaders';

export interface NewOrganization {
  taxCode: string;
  name: string;
  kind: OrganizationKind;
  ownership: Ownership;
  sector: PrioritySector;
  address?: string | null;
}

export interface OrganizationChanges {
  name?: string | null;
  kind?: OrganizationKind | null;
  ownership?: Ownership | null;
  sector?: PrioritySector | null;
  address?: string | null;
}

export interface OrganizationFilter {
  search?: string | null;
  ownership?: Ownership | null;
  kind?: OrganizationKind | null;
  offset: number;
  limit: number;
}

const NAME_MAX = 300;
const ADDRESS_MAX = 500;

/** The organisation an input names by tax code, inside a transaction: BAD_USER_INPUT or NOT_FOUND naming `field`. */
export async function organizationFor(em: EntityManager, taxCode: string, field: string): Promise<Organization> {
  const parsed = parseTaxCode(taxCode, field);
  const organization = await em.findOne(Organization, { taxCode: parsed });
  if (!organization) throw referencedNotFound(field, 'Organization', parsed, 'tổ chức có mã số thuế');
  return organization;
}

/** The register of organisations. Knows no GraphQL. */
export const organizationService = {
  /** By tax code: BAD_USER_INPUT for a malformed one, NOT_FOUND for an unknown one. */
  async get(loaders: Loaders, taxCode: string): Promise<Organization> {
    const parsed = parseTaxCode(taxCode);
    const organization = await loaders.get(organizationByTaxCodeLoader).load(parsed);
    if (!organization) throw new NotFoundError('Organization', parsed, 'tổ chức có mã số thuế');
    return organization;
  },

  /** A federation reference: null when the tax code names no organisation. */
  reference(loaders: Loaders, taxCode: string): Promise<Organization | null> {
    return loaders.get(organizationByTaxCodeLoader).load(taxCode);
  },

  /** Organisations by name, then tax code; search is accent-insensitive. */
  async list(em: EntityManager, filter: OrganizationFilter): Promise<Page<Organization>> {
    const where: FilterQuery<Organization> = {};
    if (filter.ownership) where.ownership = filter.ownership;
    if (filter.kind) where.kind = filter.kind;
    const key = filter.search ? searchKey(filter.search) : '';
    if (key) {
      const pattern = likeEscape(key);
      where.$or = [{ searchName: { $like: `%${pattern}%` } }, { taxCode: { $like: `${pattern}%` } }];
    }
    const [items, total] = await em.findAndCount(Organization, where, {
      orderBy: { searchName: 'asc', taxCode: 'asc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  register(em: EntityManager, identity: Identity, input: NewOrganization): Promise<Organization> {
    const taxCode = parseTaxCode(input.taxCode);
    const name = requireText(input.name, 'name', 'Tên tổ chức', NAME_MAX);
    const address = optionalText(input.address, 'address', 'Địa chỉ', ADDRESS_MAX);
    return inTransaction(em, async (tx) => {
      if (await tx.count(Organization, { taxCode })) {
        throw new ConflictError(
          `Tổ chức có mã số thuế ${taxCode} đã có trong sổ đăng ký.`,
          `An organisation with tax code ${taxCode} is already registered.`,
          { field: 'taxCode' },
        );
      }
      const organization = tx.create(Organization, {
        taxCode,
        name,
        searchName: searchKey(name),
        kind: input.kind,
        ownership: input.ownership,
        sector: input.sector,
        address,
        createdAt: new Date(),
        version: 1,
      });
      audit(tx, identity, {
        entityType: 'Organization',
        entityId: taxCode,
        action: 'REGISTER',
        changes: { kind: input.kind, ownership: input.ownership, sector: input.sector },
      });
      return organization;
    });
  },

  update(
    em: EntityManager,
    identity: Identity,
    taxCode: string,
    version: number,
    changes: OrganizationChanges,
  ): Promise<Organization> {
    const parsed = parseTaxCode(taxCode);
    const name =
      changes.name === undefined || changes.name === null ? null : requireText(changes.name, 'name', 'Tên tổ chức', NAME_MAX);
    const address = changes.address === undefined ? undefined : optionalText(changes.address, 'address', 'Địa chỉ', ADDRESS_MAX);
    return inTransaction(em, async (tx) => {
      const organization = await tx.findOne(Organization, { taxCode: parsed });
      if (!organization) throw new NotFoundError('Organization', parsed, 'tổ chức có mã số thuế');
      assertVersion(organization, version, 'Tổ chức', 'organisation');
      const before = { kind: organization.kind, ownership: organization.ownership, sector: organization.sector };
      if (name) {
        organization.name = name;
        organization.searchName = searchKey(name);
      }
      if (changes.kind) organization.kind = changes.kind;
      if (changes.ownership) organization.ownership = changes.ownership;
      if (changes.sector) organization.sector = changes.sector;
      if (address !== undefined) organization.address = address;
      audit(tx, identity, {
        entityType: 'Organization',
        entityId: parsed,
        action: 'UPDATE',
        changes: {
          from: before,
          to: { kind: organization.kind, ownership: organization.ownership, sector: organization.sector },
          nameChanged: name !== null,
        },
      });
      return organization;
    });
  },
};

/** A malformed filter tax code is a caller's mistake, not an empty result. */
export function optionalTaxCode(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!value.trim()) throw new BadInputError(field, 'Mã số thuế không được để trống.', `"${field}" cannot be empty.`);
  return parseTaxCode(value, field);
}
