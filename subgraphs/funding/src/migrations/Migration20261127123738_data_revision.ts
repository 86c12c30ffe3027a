import { Migration } from '@mikro-orm/migrations';

/**
 * The data revision behind the cached budget summaries (kit `DataRevision`, `RevisionCache`).
 * Hand-written below the generated table: its one row, and statement-level triggers raising it
 * in the writing transaction on any change of the money a summary sums: budget lines,
 * allocations, disbursements and contributions.
 */
export class Migration20261127123738_data_revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_revision" ("id" smallint not null, "revision" bigint not null, constraint "data_revision_pkey" primary key ("id"), constraint data_revision_single_row check (id = 1));`);

    this.addSql(`insert into "data_revision" ("id", "revision") values (1, 0);`);
    this.addSql(`create function "raise_data_revision"() returns trigger language plpgsql as $$
      begin
        update "data_revision" set "revision" = "revision" + 1 where "id" = 1;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "budget_line_data_revision" after insert or update or delete or truncate on "budget_line" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "allocation_data_revision" after insert or update or delete or truncate on "allocation" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "disbursement_data_revision" after insert or update or delete or truncate on "disbursement" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "contribution_data_revision" after insert or update or delete or truncate on "contribution" for each statement execute function "raise_data_revision"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "contribution_data_revision" on "contribution";`);
    this.addSql(`drop trigger if exists "disbursement_data_revision" on "disbursement";`);
    this.addSql(`drop trigger if exists "allocation_data_revision" on "allocation";`);
    this.addSql(`drop trigger if exists "budget_line_data_revision" on "budget_line";`);
    this.addSql(`drop function if exists "raise_data_revision"();`);
    this.addSql(`drop table if exists "data_revision" cascade;`);
  }

}
