import { IndicatorResult, IndicatorYear } from '@metrology/kit';
import { Field, ObjectType } from 'type-graphql';
import type { TrainingIndicatorValue } from './indicator.service';

/** The TRAINING indicator of a plan at an as-of date. */
@ObjectType('TrainingIndicator', {
  description:
    'People-times trained (lượt người được bồi dưỡng) against the plan: a participation is an enrolment whose trainee was present or late at one session at least, counted in the year of the first such session.',
})
export class TrainingIndicator implements TrainingIndicatorValue {
  @Field(() => IndicatorResult, {
    nullable: true,
    description: 'The yearly target (60 a year in 129/KH-UBND) over the selected calendar year; null when its phase sets none.',
  })
  yearly!: IndicatorResult | null;

  @Field(() => IndicatorResult, {
    nullable: true,
    description: 'The phase target (300 a phase in 129/KH-UBND) over the selected phase; null when the phase sets none.',
  })
  phase!: IndicatorResult | null;

  @Field(() => [IndicatorYear], {
    description:
      "Participations per calendar year from the plan's first year through the as-of year, with the running total and the percentage of each year's yearly target.",
  })
  participationsByYear!: IndicatorYear[];
}
