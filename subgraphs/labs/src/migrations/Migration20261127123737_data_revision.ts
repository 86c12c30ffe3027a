import { Migration } from '@mikro-orm/migrations';

/**
 * The data revision behind the cached indicator counts (kit `DataRevision`, `RevisionCache`).
 * Hand-written below the generated table: its one row, and statement-level triggers raising it
 * in the writing transaction on any change of a table the STANDARDS, MAP, LABS and CAPACITY
 * counts read.
 */
export class Migration20261127123737_data_revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_revision" ("id" smallint not null, "revision" bigint not null, constraint "data_revision_pkey" primary key ("id"), constraint data_revision_single_row check (id = 1));`);

    this.addSql(`insert into "data_revision" ("id", "revision") values (1, 0);`);
    this.addSql(`create function "raise_data_revision"() returns trigger language plpgsql as $$
      begin
        update "data_revision" set "revision" = "revision" + 1 where "id" = 1;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "measurement_standard_data_revision" after insert or update or delete or truncate on "measurement_standard" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "assurance_engagement_data_revision" after insert or update or delete or truncate on "assurance_engagement" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "organization_data_revision" after insert or update or delete or truncate on "organization" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "recognition_data_revision" after insert or update or delete or truncate on "recognition" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "recognition_status_change_data_revision" after insert or update or delete or truncate on "recognition_status_change" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "capacity_project_data_revision" after insert or update or delete or truncate on "capacity_project" for each statement execute function "raise_data_revision"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "capacity_project_data_revision" on "capacity_project";`);
    this.addSql(`drop trigger if exists "recognition_status_change_data_revision" on "recognition_status_change";`);
    this.addSql(`drop trigger if exists "recognition_data_revision" on "recognition";`);
    this.addSql(`drop trigger if exists "organization_data_revision" on "organization";`);
    this.addSql(`drop trigger if exists "assurance_engagement_data_revision" on "assurance_engagement";`);
    this.addSql(`drop trigger if exists "measurement_standard_data_revision" on "measurement_standard";`);
    this.addSql(`drop function if exists "raise_data_revision"();`);
    this.addSql(`drop table if exists "data_revision" cascade;`);
  }

}
