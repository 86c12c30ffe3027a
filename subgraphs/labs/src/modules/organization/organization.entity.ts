import { Check, Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What kind of body an organisation is (docs/RULES.md, "The register"). */
export enum OrganizationKind {
  ENTERPRISE = 'ENTERPRISE',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  STATE_AGENCY = 'STATE_AGENCY',
  ASSOCIATION = 'ASSOCIATION',
  OTHER = 'OTHER',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Kind of organisation (loại hình tổ chức).',
  valuesConfig: {
    ENTERPRISE: { description: 'Doanh nghiệp' },
    SERVICE_PROVIDER: { description: 'Tổ chức cung cấp dịch vụ kiểm định, hiệu chuẩn, thử nghiệm' },
    STATE_AGENCY: { description: 'Cơ quan nhà nước' },
    ASSOCIATION: { description: 'Hiệp hội' },
    OTHER: { description: 'Khác' },
  },
});

/** Ownership, for the plan's state/private split (docs/RULES.md, "The register"). */
export enum Ownership {
  STATE = 'STATE',
  PRIVATE = 'PRIVATE',
  FOREIGN_INVESTED = 'FOREIGN_INVESTED',
  COLLECTIVE = 'COLLECTIVE',
}
registerEnumType(Ownership, {
  name: 'Ownership',
  description: 'Ownership (loại hình sở hữu).',
  valuesConfig: {
    STATE: { description: 'Nhà nước' },
    PRIVATE: { description: 'Tư nhân' },
    FOREIGN_INVESTED: { description: 'Có vốn đầu tư nước ngoài' },
    COLLECTIVE: { description: 'Tập thể, hợp tác xã' },
  },
});

/** The plan's priority sectors (docs/RULES.md, "The plan as data"), and OTHER. */
export enum PrioritySector {
  HIGH_TECH_INDUSTRY = 'HIGH_TECH_INDUSTRY',
  LOGISTICS = 'LOGISTICS',
  ELECTRONICS = 'ELECTRONICS',
  TELECOM_DIGITAL = 'TELECOM_DIGITAL',
  HIGH_TECH_AGRICULTURE = 'HIGH_TECH_AGRICULTURE',
  OTHER = 'OTHER',
}
registerEnumType(PrioritySector, {
  name: 'PrioritySector',
  description: "Sector (lĩnh vực), the plan's priority sectors first.",
  valuesConfig: {
    HIGH_TECH_INDUSTRY: { description: 'Công nghiệp công nghệ cao' },
    LOGISTICS: { description: 'Logistics' },
    ELECTRONICS: { description: 'Điện tử' },
    TELECOM_DIGITAL: { description: 'Viễn thông, kinh tế số' },
    HIGH_TECH_AGRICULTURE: { description: 'Nông nghiệp công nghệ cao' },
    OTHER: { description: 'Lĩnh vực khác' },
  },
});

/**
 * An organisation or enterprise, keyed across the federation by its tax code (mã số thuế). This
 * subgraph owns it; training and funding refer to it by tax code and add their own fields.
 */
@Directive('@key(fields: "taxCode")')
@ObjectType('Organization', {
  description: 'An organisation or enterprise (tổ chức, doanh nghiệp), identified by its tax code (mã số thuế).',
})
@Entity({ tableName: 'organization' })
@Check({ name: 'organization_tax_code_format', expression: "tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'" })
@Index({ properties: ['searchName'] })
export class Organization {
  [PrimaryKeyProp]?: 'taxCode';

  @Field(() => ID, { description: 'Tax code (mã số thuế): 10 digits, or 10 digits, "-" and 3 digits for a branch.' })
  @PrimaryKey({ type: 'string', length: 14 })
  taxCode!: string;

  @Field(() => String, { description: 'Registered name (tên tổ chức), Unicode NFC.' })
  @Property({ type: 'string', length: 300 })
  name!: string;

  /** Lower case without diacritics: accent-insensitive search by name. */
  @Property({ type: 'string', length: 300 })
  searchName!: string;

  @Field(() => OrganizationKind, { description: 'Kind of organisation.' })
  @Enum({ items: () => OrganizationKind, type: 'string' })
  kind!: OrganizationKind;

  @Field(() => Ownership, { description: 'Ownership (loại hình sở hữu).' })
  @Enum({ items: () => Ownership, type: 'string' })
  ownership!: Ownership;

  @Field(() => PrioritySector, { description: 'Sector (lĩnh vực), priority sectors of the plan first.' })
  @Enum({ items: () => PrioritySector, type: 'string' })
  sector!: PrioritySector;

  @Field(() => String, { nullable: true, description: 'Address (địa chỉ).' })
  @Property({ type: 'string', length: 500, nullable: true })
  address!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
