import { Migration } from '@mikro-orm/migrations';

/** Existing scores' recorders, from the audit trail (exported for its test). */
export const BACKFILL_SCORE_RECORDERS = `update "criterion_score" as score set "recorded_by" = (
      select event."actor" from "audit_event" as event, "criterion" as criterion
      where criterion."id" = score."criterion_id"
        and event."entity_type" = 'Assessment' and event."entity_id" = score."assessment_id"::text
        and event."action" = 'RECORD_SCORES'
        and event."changes" -> 'scores' @> jsonb_build_array(jsonb_build_object('criterion', criterion."code"))
      order by event."id" desc limit 1);`;

/**
 * Who recorded each score (token subject), for the four-eyes rule of the decision
 * (docs/ROLES.md). Existing scores take the subject of the latest audited RECORD_SCORES of their
 * assessment that names their criterion; a score without one keeps null (recorder unknown).
 */
export class Migration20261208040000_score_recorder extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "criterion_score" add column "recorded_by" varchar(200) null;');
    this.addSql(BACKFILL_SCORE_RECORDERS);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "criterion_score" drop column "recorded_by";');
  }
}
