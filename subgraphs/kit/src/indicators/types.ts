import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../scalars';
import { IndicatorCode, TargetScope } from '../targets';
import { type IndicatorOutcome, IndicatorStatus, type IndicatorYearValue } from './rule';

registerEnumType(IndicatorStatus, {
  name: 'IndicatorStatus',
  description: 'Where a target stands at the as-of date (tình trạng thực hiện chỉ tiêu).',
  valuesConfig: {
    NOT_STARTED: { description: 'The as-of date is before the window (chưa bắt đầu).' },
    ON_TRACK: { description: 'Pace at least 0.95 of the expected progress (đúng tiến độ).' },
    AT_RISK: { description: 'Pace from 0.6 to below 0.95 (có nguy cơ chậm).' },
    OFF_TRACK: { description: 'Pace below 0.6 (chậm tiến độ).' },
    ACHIEVED: { description: 'The actual has reached the target, during or after the window (đã đạt).' },
    MISSED: { description: 'The window is over and the target was not reached (không đạt).' },
  },
});

/** One calendar year of an indicator's series (shared by every subgraph that counts a target). */
@Directive('@shareable')
@ObjectType('IndicatorYear', { description: 'One calendar year of an indicator: actual, running total, percentage of target.' })
export class IndicatorYear implements IndicatorYearValue {
  @Field(() => Int, { description: 'Calendar year.' })
  year!: number;

  @Field(() => Int, {
    description: 'Counted in this year up to the as-of date; for a held target, the number held at the end of the year.',
  })
  actual!: number;

  @Field(() => Int, {
    description: "Total from the window's start through the end of this year; for a held target, the number held.",
  })
  runningTotal!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      "Percentage (0–100, 2 decimals) of the target: a per-year target's percentage is this year's actual against the yearly target; per-phase and cumulative targets compare the running total with the phase target; held targets the number held. Null when the target is 0.",
  })
  percentOfTarget!: number | null;
}

/** A target evaluated at an as-of date (docs/RULES.md, "Indicator status"), the same shape for every indicator. */
@Directive('@shareable')
@ObjectType('IndicatorResult', {
  description:
    'A plan target evaluated at an as-of date (the indicator rule: docs/RULES.md, "Indicator status"): actual against expected progress, status, pace, linear forecast and the gap still to close.',
})
export class IndicatorResult implements IndicatorOutcome<IndicatorCode, TargetScope> {
  @Field(() => IndicatorCode, { description: 'The indicator (chỉ tiêu).' })
  indicator!: IndicatorCode;

  @Field(() => TargetScope, { description: 'How the target is counted over time.' })
  scope!: TargetScope;

  @Field(() => Int, { description: 'Phase (giai đoạn) of the target.' })
  phase!: number;

  @Field(() => Int, { nullable: true, description: 'The calendar year of a per-year target; null for the other scopes.' })
  year!: number | null;

  @Field(() => LocalDateScalar, { description: 'First day counted (a per-year target: 1 January of the year).' })
  windowStart!: string;

  @Field(() => LocalDateScalar, { description: 'Last day counted (a per-year target: 31 December of the year).' })
  windowEnd!: string;

  @Field(() => LocalDateScalar, { description: 'The date the indicator is evaluated at (default: today in Asia/Ho_Chi_Minh).' })
  asOf!: string;

  @Field(() => Int, { description: 'The value to reach, at least (T).' })
  target!: number;

  @Field(() => Int, { description: 'Counted from the window start through the as-of date (held: the number held then).' })
  actual!: number;

  @Field(() => Float, {
    description: 'Expected progress by the as-of date: T × elapsed days / days in the window (2 decimals).',
  })
  expected!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'actual / expected (4 decimals); null when nothing is expected yet (before the window).',
  })
  pace!: number | null;

  @Field(() => IndicatorStatus, { description: 'ACHIEVED, MISSED, NOT_STARTED, or by pace ON_TRACK / AT_RISK / OFF_TRACK.' })
  status!: IndicatorStatus;

  @Field(() => Float, {
    nullable: true,
    description:
      'Linear run rate to the window end: actual × days in the window / elapsed days (2 decimals); null before the window.',
  })
  forecast!: number | null;

  @Field(() => Int, { description: 'Still to reach: max(0, target − actual).' })
  gap!: number;

  @Field(() => String, { description: 'Unit in Vietnamese, e.g. "lượt người".' })
  unit!: string;

  @Field(() => [IndicatorYear], {
    description: "Each calendar year of the window through the as-of date's year: actual, running total, percentage of target.",
  })
  series!: IndicatorYear[];
}
