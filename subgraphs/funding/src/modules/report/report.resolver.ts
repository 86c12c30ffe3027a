import type { BaseContext } from '@metrology/kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ACCESS } from '../../access';
import { Plan } from '../plan/plan.entity';
import { phasesByPlanLoader } from '../plan/plan.loaders';
import { assertYearInPhases } from '../plan/plan.service';

/** Where the gateway serves the annual report of a plan for a year (`GET /reports/annual/<code>/<year>.pdf`). */
export function annualReportUrlOf(publicUrl: string, planCode: string, year: number): string {
  return `${publicUrl}/reports/annual/${encodeURIComponent(planCode)}/${year}.pdf`;
}

/** `Plan.annualReportUrl`: funding owns the plan header, so it names the report of the plan. */
@Resolver(() => Plan)
export class PlanAnnualReportResolver {
  @Authorized(ACCESS.fields['Plan.annualReportUrl'])
  @FieldResolver(() => String, {
    description:
      "Link to the annual implementation report (báo cáo kết quả thực hiện kế hoạch) for a year: a Vietnamese A4 PDF built by the gateway from the scorecard, the budget execution and the year's activities. Viewers and administrators; BAD_USER_INPUT (field year) for a year outside the plan's phases.",
  })
  async annualReportUrl(
    @Root() plan: Plan,
    @Arg('year', () => Int, { description: "Calendar year reported, inside one of the plan's phases." }) year: number,
    @Ctx() ctx: BaseContext,
  ): Promise<string> {
    assertYearInPhases(await ctx.loaders.get(phasesByPlanLoader).load(plan.id), year);
    return annualReportUrlOf(ctx.config.publicUrl, plan.code, year);
  }
}
