import { Migration } from '@mikro-orm/migrations';

/** Existing estimates' submitters, from the audit trail (exported for its test). */
export const BACKFILL_ESTIMATE_SUBMITTERS = `update "budget_estimate" as estimate set "submitted_by" = (
      select event."actor" from "audit_event" as event
      where event."entity_type" = 'BudgetEstimate' and event."entity_id" = estimate."id"::text
        and event."action" = 'submit'
      order by event."id" desc limit 1)
    where estimate."status" <> 'DRAFT';`;

/**
 * Who submitted each estimate (token subject), for the four-eyes rule of the approval
 * (docs/ROLES.md). Estimates already submitted take the subject of their audited submission;
 * one without it keeps null (submitter unknown).
 */
export class Migration20261208040100_estimate_submitter extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "budget_estimate" add column "submitted_by" varchar(200) null;');
    this.addSql(BACKFILL_ESTIMATE_SUBMITTERS);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "budget_estimate" drop column "submitted_by";');
  }
}
