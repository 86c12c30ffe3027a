import { Migration } from '@mikro-orm/migrations';

/**
 * An enrolment's first attended date counts only sessions held on or after its enrolment date,
 * as the attendance rate does (docs/ARCHITECTURE.md, "Attendance and the enrolment date"), so
 * that a mark before enrolment (written before the rule, or by direct SQL) is a participation for
 * no figure. The mark and session triggers of `*_first_attendance` recompute with the enrolment
 * date; a new trigger recomputes an enrolment whose date changes (a re-enrolment); the stored
 * dates are recomputed once.
 *
 * The enrolment trigger is a BEFORE UPDATE row trigger setting the row's own value: the mark and
 * session triggers update `first_attended_on` only, which leaves `enrolled_on` unchanged, so no
 * trigger fires another in a loop.
 */
const FIRST_ATTENDED = (enrolment: string) => `(
        select min(s."date") from "attendance_mark" m
        join "course_session" s on s."id" = m."session_id" and s."course_id" = ${enrolment}."course_id"
        where m."enrolment_id" = ${enrolment}."id" and m."status" in ('PRESENT', 'LATE')
          and s."date" >= ${enrolment}."enrolled_on"
      )`;

const RECOMPUTE = `update "enrolment" e set "first_attended_on" = ${FIRST_ATTENDED('e')}`;

/** The body of `*_first_attendance` before this migration (for `down`). */
const OLD_RECOMPUTE = `update "enrolment" e set "first_attended_on" = (
        select min(s."date") from "attendance_mark" m
        join "course_session" s on s."id" = m."session_id" and s."course_id" = e."course_id"
        where m."enrolment_id" = e."id" and m."status" in ('PRESENT', 'LATE')
      )`;

function markFunction(recompute: string): string {
  return `create or replace function "attendance_mark_first_attendance"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${recompute} where e."id" in (select "enrolment_id" from "new_marks");
        elsif tg_op = 'DELETE' then
          ${recompute} where e."id" in (select "enrolment_id" from "old_marks");
        else
          ${recompute} where e."id" in (select "enrolment_id" from "new_marks" union select "enrolment_id" from "old_marks");
        end if;
        return null;
      end
    $$;`;
}

function sessionFunction(recompute: string): string {
  return `create or replace function "course_session_first_attendance"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          ${recompute} where e."id" in (
            select m."enrolment_id" from "attendance_mark" m
            where m."session_id" in (
              select n."id" from "new_sessions" n join "old_sessions" o on o."id" = n."id"
              where n."date" is distinct from o."date" or n."course_id" is distinct from o."course_id"
            )
          );
        end if;
        return null;
      end
    $$;`;
}

export class Migration20261208030000_attendance_from_enrolment extends Migration {
  override async up(): Promise<void> {
    this.addSql(markFunction(RECOMPUTE));
    this.addSql(sessionFunction(RECOMPUTE));
    this.addSql(`create function "enrolment_first_attendance"() returns trigger language plpgsql as $$
      begin
        if new."enrolled_on" is distinct from old."enrolled_on" or new."course_id" is distinct from old."course_id" then
          new."first_attended_on" := ${FIRST_ATTENDED('new')};
        end if;
        return new;
      end
    $$;`);
    this.addSql(`create trigger "enrolment_first_attendance_update" before update on "enrolment" for each row execute function "enrolment_first_attendance"();`);
    this.addSql(`${RECOMPUTE} where e."first_attended_on" is distinct from ${FIRST_ATTENDED('e')};`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "enrolment_first_attendance_update" on "enrolment";`);
    this.addSql(`drop function if exists "enrolment_first_attendance"();`);
    this.addSql(markFunction(OLD_RECOMPUTE));
    this.addSql(sessionFunction(OLD_RECOMPUTE));
    this.addSql(`${OLD_RECOMPUTE};`);
  }
}
