import { LocalDateScalar } from '@metrology/kit';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';
import { Organization } from '../organization/organization.entity';

/** What a capacity project raised (plan II.2.a). */
export enum CapacityArea {
  EQUIPMENT = 'EQUIPMENT',
  STANDARDS = 'STANDARDS',
  STAFF = 'STAFF',
  PROCEDURES = 'PROCEDURES',
}
registerEnumType(CapacityArea, {
  name: 'CapacityArea',
  description: 'What a capacity project raised (nội dung nâng cao năng lực).',
  valuesConfig: {
    EQUIPMENT: { description: 'Trang thiết bị' },
    STANDARDS: { description: 'Chuẩn đo lường' },
    STAFF: { description: 'Nhân lực' },
    PROCEDURES: { description: 'Quy trình, phương pháp' },
  },
});

/**
 * A project raising the capacity of a verification, calibration or testing organisation (plan
 * II.2.a). CAPACITY counts distinct organisations with a completed project.
 */
@ObjectType('CapacityProject', {
  description: 'A project raising the capacity of a verification, calibration or testing organisation (plan II.2.a).',
})
@Entity({ tableName: 'capacity_project' })
@Index({ properties: ['organization'] })
@Index({ properties: ['completedOn'] })
@Check({ name: 'capacity_project_year_range', expression: 'year >= 2000 and year <= 2100' })
@Check({ name: 'capacity_project_raised_valid', expression: enumArrayCheck('raised', CapacityArea, { nonEmpty: true }) })
export class CapacityProject {
  @Field(() => ID, { description: 'Id of the project.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Organization })
  organization!: Organization;

  @Field(() => String, { description: 'Title (Vietnamese).' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => [CapacityArea], { description: 'What it raised.' })
  @Enum({ items: () => CapacityArea, array: true })
  raised!: CapacityArea[];

  @Field(() => Int, { description: 'Year of the project (năm thực hiện).' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date it was completed; null while not completed.' })
  @Property({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back when editing.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
