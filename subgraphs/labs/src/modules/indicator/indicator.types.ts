import { IndicatorResult, LocalDateScalar } from '@metrology/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { EngagementsByOwnership } from '../engagement/engagement.types';
import type { InfrastructureIndicatorsValue } from './indicator.service';

/** The STANDARDS, MAP, LABS and CAPACITY indicators of a plan for a phase, at an as-of date. */
@ObjectType('InfrastructureIndicators', {
  description:
    'Metrology infrastructure indicators (chỉ tiêu hạ tầng đo lường) of a plan for one phase at an as-of date (docs/RULES.md, "Indicators"): each target with status, pace, forecast, gap and yearly series; null where the phase sets no such target.',
})
export class InfrastructureIndicators implements InfrastructureIndicatorsValue {
  @Field(() => Int, { description: 'The phase (giai đoạn) evaluated.' })
  phase!: number;

  @Field(() => LocalDateScalar, { description: 'The date the indicators are evaluated at.' })
  asOf!: string;

  @Field(() => IndicatorResult, {
    nullable: true,
    description:
      'STANDARDS: kinds of measurement standards and instruments socialised (loại chuẩn, phương tiện đo), cumulative from the plan start; a kind counts once, from 1 January of the year its first standard was supported.',
  })
  standards!: IndicatorResult | null;

  @Field(() => IndicatorResult, {
    nullable: true,
    description:
      'MAP: Measurement Assurance Programme engagements with enterprises (lượt doanh nghiệp), cumulative from the plan start; an engagement counts once COMPLETED, on its completion date.',
  })
  assurance!: IndicatorResult | null;

  @Field(() => IndicatorResult, {
    nullable: true,
    description:
      'LABS: distinct laboratories holding a valid recognition (công nhận) at the date: ACTIVE then by its status history, between "valid from" and "valid until". The series gives the number held at each year end (the as-of date for its own year).',
  })
  laboratories!: IndicatorResult | null;

  @Field(() => IndicatorResult, {
    nullable: true,
    description:
      'CAPACITY: distinct organisations with a completed capacity project (plan II.2.a), counted on the completion of their first; null in a phase without this target.',
  })
  capacity!: IndicatorResult | null;

  @Field(() => [EngagementsByOwnership], {
    description:
      "The engagements MAP counts, per ownership of the enterprise (the plan's state/private split): completed from the window's start through the as-of date. Every ownership is listed, 0 when none.",
  })
  mapByOwnership!: EngagementsByOwnership[];
}
