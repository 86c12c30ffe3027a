import { Migration } from '@mikro-orm/migrations';

/**
 * Each enrolment's first attended date (`enrolment.first_attended_on`), kept by the database, so
 * that counting a plan's participations (docs/RULES.md, "Counting rules": an enrolment counts once,
 * on the date of its first session attended PRESENT or LATE) reads the enrolments instead of every
 * attendance mark: 180,000 rows instead of 2,000,000 at thirty years of courses (docs/CACHING.md).
 *
 * Statement-level triggers with transition tables recompute the date of exactly the enrolments a
 * statement touched: marks inserted, changed or deleted; sessions moved to another date or
 * course, or deleted (the marks of a deleted session go by cascade and fire the mark trigger).
 * One statement of a whole attendance sheet recomputes each of its enrolments once.
 */
const RECOMPUTE = `update "enrolment" e set "first_attended_on" = (
        select min(s."date") from "attendance_mark" m
        join "course_session" s on s."id" = m."session_id" and s."course_id" = e."course_id"
        where m."enrolment_id" = e."id" and m."status" in ('PRESENT', 'LATE')
      )`;

export class Migration20261127150000_first_attendance extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "enrolment" add column "first_attended_on" date null;`);
    this.addSql(`update "enrolment" e set "first_attended_on" = f."first_date"
      from (
        select m."enrolment_id", min(s."date") as "first_date"
        from "attendance_mark" m
        join "enrolment" x on x."id" = m."enrolment_id"
        join "course_session" s on s."id" = m."session_id" and s."course_id" = x."course_id"
        where m."status" in ('PRESENT', 'LATE')
        group by m."enrolment_id"
      ) f
      where e."id" = f."enrolment_id";`);
    this.addSql(`create function "attendance_mark_first_attendance"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${RECOMPUTE} where e."id" in (select "enrolment_id" from "new_marks");
        elsif tg_op = 'DELETE' then
          ${RECOMPUTE} where e."id" in (select "enrolment_id" from "old_marks");
        else
          ${RECOMPUTE} where e."id" in (select "enrolment_id" from "new_marks" union select "enrolment_id" from "old_marks");
        end if;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "attendance_mark_first_attendance_insert" after insert on "attendance_mark" referencing new table as "new_marks" for each statement execute function "attendance_mark_first_attendance"();`);
    this.addSql(`create trigger "attendance_mark_first_attendance_update" after update on "attendance_mark" referencing old table as "old_marks" new table as "new_marks" for each statement execute function "attendance_mark_first_attendance"();`);
    this.addSql(`create trigger "attendance_mark_first_attendance_delete" after delete on "attendance_mark" referencing old table as "old_marks" for each statement execute function "attendance_mark_first_attendance"();`);
    this.addSql(`create function "course_session_first_attendance"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          ${RECOMPUTE} where e."id" in (
            select m."enrolment_id" from "attendance_mark" m
            where m."session_id" in (
              select n."id" from "new_sessions" n join "old_sessions" o on o."id" = n."id"
              where n."date" is distinct from o."date" or n."course_id" is distinct from o."course_id"
            )
          );
        end if;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "course_session_first_attendance_update" after update on "course_session" referencing old table as "old_sessions" new table as "new_sessions" for each statement execute function "course_session_first_attendance"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "course_session_first_attendance_update" on "course_session";`);
    this.addSql(`drop function if exists "course_session_first_attendance"();`);
    this.addSql(`drop trigger if exists "attendance_mark_first_attendance_delete" on "attendance_mark";`);
    this.addSql(`drop trigger if exists "attendance_mark_first_attendance_update" on "attendance_mark";`);
    this.addSql(`drop trigger if exists "attendance_mark_first_attendance_insert" on "attendance_mark";`);
    this.addSql(`drop function if exists "attendance_mark_first_attendance"();`);
    this.addSql(`alter table "enrolment" drop column "first_attended_on";`);
  }
}
