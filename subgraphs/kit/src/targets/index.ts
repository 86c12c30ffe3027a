import { type Constructor, Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import {
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { type BaseContext, defineLoader, groupByKeys } from '../context';
import { type IndicatorCodeValue, type PlanDocument, SEEDED_PLANS } from '../plan';
import { LocalDateScalar } from '../scalars';

/** The plan's indicators (docs/RULES.md, "The plan as data"). Each subgraph counts its own. */
export enum IndicatorCode {
  TRAINING = 'TRAINING',
  STANDARDS = 'STANDARDS',
  MAP = 'MAP',
  LABS = 'LABS',
  CAPACITY = 'CAPACITY',
}
registerEnumType(IndicatorCode, {
  name: 'IndicatorCode',
  description: 'A target of the plan (chỉ tiêu).',
  valuesConfig: {
    TRAINING: { description: 'People-times trained in metrology (lượt người được bồi dưỡng).' },
    STANDARDS: { description: 'Kinds of measurement standards and instruments socialised (loại chuẩn, phương tiện đo).' },
    MAP: { description: 'Enterprise-times supported by the Measurement Assurance Programme.' },
    LABS: { description: 'Laboratories recognised against the national criteria set, held at a date.' },
    CAPACITY: { description: 'Verification, calibration and testing organisations whose capacity was raised.' },
  },
});

/** How a target is counted over time (docs/RULES.md, "Windows"). */
export enum TargetScope {
  PER_PHASE = 'PER_PHASE',
  PER_YEAR = 'PER_YEAR',
  CUMULATIVE = 'CUMULATIVE',
  HELD = 'HELD',
}
registerEnumType(TargetScope, {
  name: 'TargetScope',
  description: 'How a target is counted over time.',
  valuesConfig: {
    PER_PHASE: { description: 'Counted within the phase.' },
    PER_YEAR: { description: 'Counted within each calendar year of the phase.' },
    CUMULATIVE: { description: "Counted from the plan's start to the end of the target's phase." },
    HELD: { description: 'Distinct items holding the status at the as-of date.' },
  },
});

/**
 * One target of a plan, stored by the subgraph that counts it, with the dates of its window so
 * that an indicator needs no other subgraph. Seeded from the plan document; an administrator can
 * change it (the seed never overwrites).
 */
@Directive('@shareable')
@ObjectType('PlanTarget', { description: 'A target of the plan for one phase, with its counting scope and window.' })
@Entity({ tableName: 'plan_target' })
@Unique({ properties: ['planCode', 'indicator', 'phase', 'scope'] })
export class PlanTarget {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => ID, { description: 'Code of the plan, e.g. "129/KH-UBND".' })
  @Property({ type: 'string', length: 64 })
  planCode!: string;

  @Field(() => IndicatorCode)
  @Enum({ items: () => IndicatorCode, type: 'string' })
  indicator!: IndicatorCode;

  @Field(() => Int, { description: 'Phase number (giai đoạn) of the plan.' })
  @Property({ type: 'smallint' })
  phase!: number;

  @Field(() => TargetScope)
  @Enum({ items: () => TargetScope, type: 'string' })
  scope!: TargetScope;

  @Field(() => Int, { description: 'The value to reach, at least ("ít nhất").' })
  @Property({ type: 'integer' })
  value!: number;

  @Field(() => String, { description: 'Unit in Vietnamese, e.g. "lượt người".' })
  @Property({ type: 'string', length: 64 })
  unit!: string;

  @Field(() => String, { description: "The plan's wording of the target (Vietnamese)." })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDateScalar, { description: 'First day counted.' })
  @Property({ type: 'date' })
  windowStart!: string;

  @Field(() => LocalDateScalar, { description: 'Last day counted.' })
  @Property({ type: 'date' })
  windowEnd!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** Targets of each plan code, in a stable order. */
export const planTargetsLoader = defineLoader<string, PlanTarget[]>({
  name: 'planTargets',
  // Read-only rows for the indicators and the `targets` field: read as plain rows, without the
  // ORM's query building and hydration, which cost more than the statement on every scorecard.
  async batch(em, planCodes) {
    const rows: PlanTarget[] = await em.execute(
      `select id, plan_code as "planCode", indicator, phase, scope, value, unit, description,
              to_char(window_start, 'YYYY-MM-DD') as "windowStart", to_char(window_end, 'YYYY-MM-DD') as "windowEnd", version
       from plan_target
       where plan_code in (${planCodes.map(() => '?').join(', ')})
       order by indicator asc, phase asc, scope asc`,
      [...planCodes],
    );
    return groupByKeys(planCodes, rows, (row) => row.planCode);
  },
});

/** The window a target counts over (docs/RULES.md, "Windows"). */
export function targetWindow(plan: PlanDocument, phaseNumber: number, scope: TargetScope): { start: string; end: string } {
  const phase = plan.phases.find((p) => p.number === phaseNumber);
  if (!phase) throw new Error(`plan ${plan.code} has no phase ${phaseNumber}`);
  // ISO dates sort as strings.
  const planStart = plan.phases.map((p) => p.startDate).sort()[0];
  const cumulative = scope === TargetScope.CUMULATIVE || scope === TargetScope.HELD;
  return { start: cumulative ? planStart : phase.startDate, end: phase.endDate };
}

/** Rows to seed for the given indicators of a plan document. */
export function targetRows(plan: PlanDocument, indicators: readonly IndicatorCodeValue[]) {
  return plan.targets
    .filter((target) => indicators.includes(target.indicator))
    .map((target) => {
      const window = targetWindow(plan, target.phase, target.scope as TargetScope);
      return {
        planCode: plan.code,
        indicator: target.indicator as IndicatorCode,
        phase: target.phase,
        scope: target.scope as TargetScope,
        value: target.value,
        unit: target.unit,
        description: target.description,
        windowStart: window.start,
        windowEnd: window.end,
        version: 1,
      };
    });
}

/** A seeder adding the missing targets of `indicators` for every seeded plan; it never overwrites. */
export function planTargetsSeeder(indicators: readonly IndicatorCodeValue[]): Constructor<Seeder> {
  return class PlanTargetsSeeder extends Seeder {
    async run(em: EntityManager): Promise<void> {
      const rows = SEEDED_PLANS.flatMap((plan) => targetRows(plan, indicators));
      if (rows.length === 0) return;
      await em
        .createQueryBuilder(PlanTarget)
        .insert(rows)
        .onConflict(['planCode', 'indicator', 'phase', 'scope'])
        .ignore()
        .execute();
    }
  };
}

/** The plan as another subgraph sees it: only its key. */
export interface PlanKey {
  code: string;
}

/**
 * A `Plan` stub class for a subgraph that extends the plan (training, labs). Each subgraph makes
 * its own: type-graphql keeps field resolvers per class, so a class shared by two subgraphs
 * would carry both subgraphs' fields.
 */
export function planKeyType() {
  @Directive('@key(fields: "code")')
  @ObjectType('Plan', { description: 'A metrology plan (kế hoạch), e.g. 129/KH-UBND of Lạng Sơn.' })
  class Plan implements PlanKey {
    @Field(() => ID, { description: 'The plan\'s number, e.g. "129/KH-UBND".' })
    code!: string;
  }
  return Plan;
}

export const planKeyReference = {
  Plan: { __resolveReference: (reference: PlanKey): PlanKey => ({ code: reference.code }) },
};

/**
 * A `Plan.<fieldName>` resolver returning the targets this subgraph stores. The field is nullable
 * because the plan belongs to another subgraph: when this one is down, the gateway answers the
 * plan with this field null and an error naming the service, instead of losing the whole plan
 * to null propagation.
 */
export function planTargetsResolver(plan: ReturnType<typeof planKeyType>, fieldName: string, description: string) {
  @Resolver(() => plan)
  class PlanTargetsResolver {
    @Authorized()
    @FieldResolver(() => [PlanTarget], {
      name: fieldName,
      nullable: true,
      description: `${description} Null when this part of the plan is unavailable (the error names the service).`,
    })
    targets(@Root() root: PlanKey, @Ctx() ctx: BaseContext): Promise<PlanTarget[]> {
      return ctx.loaders.get(planTargetsLoader).load(root.code);
    }
  }
  return PlanTargetsResolver;
}
