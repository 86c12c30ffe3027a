import { Migration } from '@mikro-orm/migrations';

/**
 * The data revision behind the cached participations (kit `DataRevision`, `RevisionCache`).
 * Hand-written below the generated table: its one row, and statement-level triggers raising it
 * in the writing transaction on any change of a table participations are counted from
 * (attendance marks, sessions, enrolments, courses). Whole tables rather than chosen columns, so
 * that a later change of the count cannot miss a change of its data; they change seldom.
 */
export class Migration20261127123619_data_revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_revision" ("id" smallint not null, "revision" bigint not null, constraint "data_revision_pkey" primary key ("id"), constraint data_revision_single_row check (id = 1));`);

    this.addSql(`insert into "data_revision" ("id", "revision") values (1, 0);`);
    this.addSql(`create function "raise_data_revision"() returns trigger language plpgsql as $$
      begin
        update "data_revision" set "revision" = "revision" + 1 where "id" = 1;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "attendance_mark_data_revision" after insert or update or delete or truncate on "attendance_mark" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "course_session_data_revision" after insert or update or delete or truncate on "course_session" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "enrolment_data_revision" after insert or update or delete or truncate on "enrolment" for each statement execute function "raise_data_revision"();`);
    this.addSql(`create trigger "course_data_revision" after insert or update or delete or truncate on "course" for each statement execute function "raise_data_revision"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "course_data_revision" on "course";`);
    this.addSql(`drop trigger if exists "enrolment_data_revision" on "enrolment";`);
    this.addSql(`drop trigger if exists "course_session_data_revision" on "course_session";`);
    this.addSql(`drop trigger if exists "attendance_mark_data_revision" on "attendance_mark";`);
    this.addSql(`drop function if exists "raise_data_revision"();`);
    this.addSql(`drop table if exists "data_revision" cascade;`);
  }

}
