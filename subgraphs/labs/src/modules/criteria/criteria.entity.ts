import { LocalDateScalar, MetrologyField } from '@metrology/kit';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { enumArrayCheck } from '../../shared/checks';

/**
 * A version of a criteria set (bộ tiêu chí), e.g. the national criteria for metrology
 * laboratories. Loaded as data and never edited: a change is a new version, so that every
 * assessment keeps the criteria it was made against.
 */
@ObjectType('CriteriaSet', { description: 'A version of a criteria set (bộ tiêu chí đánh giá), loaded as data.' })
@Entity({ tableName: 'criteria_set' })
@Unique({ properties: ['code', 'edition'] })
@Check({ name: 'criteria_set_threshold_range', expression: 'pass_threshold >= 0 and pass_threshold <= total_max_score' })
export class CriteriaSet {
  @Field(() => ID, { description: 'Id of this version of the set.' })
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Field(() => String, { description: 'Code of the set, the same for all its versions, e.g. "TCVN-13187-MAU".' })
  @Property({ type: 'string', length: 64 })
  code!: string;

  /** The version number of the set's data (named `version` in GraphQL, as people say it). */
  @Field(() => Int, {
    name: 'version',
    description: 'Version of the set (1, 2, …): each import of new criteria is a new version.',
  })
  @Property({ type: 'smallint' })
  edition!: number;

  @Field(() => String, { description: 'Title (Vietnamese).' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Date from which assessments may use it (ngày hiệu lực).' })
  @Property({ type: 'date' })
  effectiveDate!: string;

  @Field(() => Int, {
    description: 'Pass rule: every applicable mandatory criterion met and the total score at least this (ngưỡng đạt).',
  })
  @Property({ type: 'integer' })
  passThreshold!: number;

  @Field(() => Int, { description: 'Sum of the maximum scores of all its criteria.' })
  @Property({ type: 'integer' })
  totalMaxScore!: number;

  @Field(() => String, { nullable: true, description: 'Note on the source of the data.' })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => Date, { description: 'When it was imported.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  importedAt!: Date;

  /** Token subject of who imported it; null for the seeded sample. */
  @Property({ type: 'string', length: 200, nullable: true })
  importedBy!: string | null;
}

/** One criterion (tiêu chí) of a criteria-set version. */
@ObjectType('Criterion', { description: 'A criterion (tiêu chí) of a criteria set.' })
@Entity({ tableName: 'criterion' })
@Unique({ properties: ['criteriaSet', 'code'] })
@Check({ name: 'criterion_max_score_positive', expression: 'max_score > 0' })
@Check({ name: 'criterion_fields_valid', expression: enumArrayCheck('fields', MetrologyField, { nonEmpty: false }) })
@Check({
  name: 'criterion_minimum_score_range',
  expression: 'minimum_score is null or (minimum_score >= 1 and minimum_score <= max_score)',
})
export class Criterion {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => CriteriaSet, deleteRule: 'cascade' })
  criteriaSet!: CriteriaSet;

  @Field(() => Int, { description: 'Order within the set, from 1.' })
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => String, { description: 'Code, unique within the set, e.g. "B.2".' })
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Field(() => String, { description: 'Group (nhóm tiêu chí), e.g. "A. Tiêu chí chung".' })
  @Property({ type: 'string', length: 300 })
  group!: string;

  @Field(() => String, { description: 'What is assessed (Vietnamese).' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => Int, { description: 'Maximum score (điểm tối đa), above 0.' })
  @Property({ type: 'integer' })
  maxScore!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Lowest score that meets a mandatory criterion; none: any score above 0 meets it.',
  })
  @Property({ type: 'integer', nullable: true })
  minimumScore!: number | null;

  @Field(() => Boolean, { description: 'Mandatory (bắt buộc): must be met to pass.' })
  @Property({ type: 'boolean' })
  mandatory!: boolean;

  @Field(() => [MetrologyField], { description: 'Fields it applies to; empty: every field.' })
  @Enum({ items: () => MetrologyField, array: true })
  fields!: MetrologyField[];
}
