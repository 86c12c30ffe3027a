import { LocalDateScalar } from '@metrology/kit';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** A metrology plan of a province (kế hoạch), keyed across the federation by its code. */
@Directive('@key(fields: "code")')
@ObjectType('Plan', { description: 'A metrology plan (kế hoạch), e.g. 129/KH-UBND of Lạng Sơn.' })
@Entity({ tableName: 'plan' })
export class Plan {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => ID, { description: 'The plan\'s number, e.g. "129/KH-UBND".' })
  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Field(() => String, { description: 'Full title (Vietnamese).' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'Who issued it, e.g. "UBND tỉnh Lạng Sơn".' })
  @Property({ type: 'string', length: 200 })
  issuer!: string;

  @Field(() => String, { description: 'The province whose plan it is.' })
  @Property({ type: 'string', length: 100 })
  province!: string;

  @Field(() => LocalDateScalar, { description: 'Date of signature.' })
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => [String], { description: 'The national decisions the plan implements.' })
  @Property({ type: 'json' })
  implementsDecisions!: string[];

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** A phase of a plan (giai đoạn). */
@ObjectType('PlanPhase', { description: 'A phase of a plan (giai đoạn).' })
@Entity({ tableName: 'plan_phase' })
@Unique({ properties: ['plan', 'number'] })
export class PlanPhase {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan, deleteRule: 'cascade' })
  plan!: Plan;

  @Field(() => Int, { description: 'Phase number, from 1.' })
  @Property({ type: 'smallint' })
  number!: number;

  @Field(() => String, { description: 'Title (Vietnamese).' })
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'First day of the phase.' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the phase.' })
  @Property({ type: 'date' })
  endDate!: string;
}

/** A task group of the plan's section II (nhóm nhiệm vụ). */
@ObjectType('TaskGroup', { description: "A task group of the plan's section II (nhóm nhiệm vụ)." })
@Entity({ tableName: 'task_group' })
@Unique({ properties: ['plan', 'number'] })
export class TaskGroup {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan, deleteRule: 'cascade' })
  plan!: Plan;

  @Field(() => Int, { description: 'Number in section II, 1 to 7.' })
  @Property({ type: 'smallint' })
  number!: number;

  @Field(() => String, { description: 'Title (Vietnamese).' })
  @Property({ type: 'text' })
  title!: string;
}
