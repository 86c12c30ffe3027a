import { Migration } from '@mikro-orm/migrations';

export class Migration20261127113058_courses extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "entity_type" varchar(64) not null, "entity_id" varchar(64) not null, "action" varchar(64) not null, "actor" varchar(200) null, "actor_name" varchar(200) null, "at" timestamptz not null default now(), "changes" jsonb null);`);
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(`create table "certificate_serial_counter" ("year" smallint not null, "last" int not null, constraint "certificate_serial_counter_pkey" primary key ("year"));`);

    this.addSql(`create table "course" ("id" uuid not null default gen_random_uuid(), "code" varchar(32) not null, "title" text not null, "kind" text check ("kind" in ('VERIFIER_TRAINING', 'CALIBRATION', 'TESTING', 'MEASUREMENT_ASSURANCE', 'PREPACKAGED_GOODS', 'STATE_INSPECTION', 'OTHER')) not null, "field" text check ("field" in ('LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER')) not null, "venue" varchar(300) not null, "start_date" date not null, "end_date" date not null, "planned_hours" smallint not null, "capacity" smallint not null, "plan_code" varchar(64) not null, "plan_year" smallint not null, "status" text check ("status" in ('PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED')) not null default 'PLANNED', "min_attendance_percent" smallint not null default 80, "passing_score" numeric(5,2) null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "course_pkey" primary key ("id"), constraint course_min_attendance_percent_range check (min_attendance_percent >= 0 and min_attendance_percent <= 100), constraint course_dates_ordered check (end_date >= start_date));`);
    this.addSql(`alter table "course" add constraint "course_code_unique" unique ("code");`);
    this.addSql(`create index "course_plan_code_plan_year_index" on "course" ("plan_code", "plan_year");`);

    this.addSql(`create table "course_session" ("id" uuid not null default gen_random_uuid(), "course_id" uuid not null, "date" date not null, "start_time" time(0) not null, "end_time" time(0) not null, "topic" varchar(300) not null, "version" int not null default 1, constraint "course_session_pkey" primary key ("id"), constraint course_session_times_ordered check (end_time > start_time));`);
    this.addSql(`alter table "course_session" add constraint "course_session_course_id_date_start_time_unique" unique ("course_id", "date", "start_time");`);

    this.addSql(`create table "course_trainer" ("id" serial primary key, "course_id" uuid not null, "subject" varchar(200) not null, "name" varchar(200) not null);`);
    this.addSql(`create index "course_trainer_subject_index" on "course_trainer" ("subject");`);
    this.addSql(`alter table "course_trainer" add constraint "course_trainer_course_id_subject_unique" unique ("course_id", "subject");`);

    this.addSql(`create table "trainee" ("id" uuid not null default gen_random_uuid(), "full_name" varchar(200) not null, "search_name" varchar(200) not null, "date_of_birth" date null, "email" varchar(254) null, "phone" varchar(20) null, "citizen_id" varchar(12) null, "employer_tax_code" varchar(14) null, "position" varchar(200) null, "subject" varchar(200) null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "trainee_pkey" primary key ("id"), constraint trainee_citizen_id_format check (citizen_id ~ '^[0-9]{12}\$'));`);
    this.addSql(`alter table "trainee" add constraint "trainee_email_unique" unique ("email");`);
    this.addSql(`alter table "trainee" add constraint "trainee_citizen_id_unique" unique ("citizen_id");`);
    this.addSql(`alter table "trainee" add constraint "trainee_subject_unique" unique ("subject");`);
    this.addSql(`create index "trainee_employer_tax_code_index" on "trainee" ("employer_tax_code");`);
    this.addSql(`create index "trainee_search_name_index" on "trainee" ("search_name");`);

    this.addSql(`create table "enrolment" ("id" uuid not null default gen_random_uuid(), "course_id" uuid not null, "trainee_id" uuid not null, "enrolled_on" date not null, "status" text check ("status" in ('ENROLLED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED')) not null default 'ENROLLED', "exam_score" numeric(5,2) null, "version" int not null default 1, constraint "enrolment_pkey" primary key ("id"));`);
    this.addSql(`create index "enrolment_trainee_id_index" on "enrolment" ("trainee_id");`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_course_id_trainee_id_unique" unique ("course_id", "trainee_id");`);

    this.addSql(`create table "certificate" ("id" uuid not null default gen_random_uuid(), "enrolment_id" uuid not null, "serial" varchar(32) not null, "year" smallint not null, "sequence" int not null, "verification_code" varchar(64) not null, "holder_name" varchar(200) not null, "holder_date_of_birth" date null, "course_title" text not null, "course_code" varchar(32) not null, "course_hours" smallint not null, "course_start_date" date not null, "course_end_date" date not null, "issuer_name" varchar(300) not null, "signer_name" varchar(200) not null, "signer_title" varchar(200) not null, "issued_on" date not null, "issued_at" timestamptz not null, "issued_by" varchar(200) null, "pdf" bytea not null, "sha256" varchar(64) not null, "revoked_at" timestamptz null, "revoked_by" varchar(200) null, "revocation_reason" varchar(500) null, "replaced_by_id" uuid null, "version" int not null default 1, constraint "certificate_pkey" primary key ("id"));`);
    this.addSql(`alter table "certificate" add constraint "certificate_serial_unique" unique ("serial");`);
    this.addSql(`alter table "certificate" add constraint "certificate_verification_code_unique" unique ("verification_code");`);
    this.addSql(`create index "certificate_enrolment_id_index" on "certificate" ("enrolment_id");`);
    this.addSql(`alter table "certificate" add constraint "certificate_year_sequence_unique" unique ("year", "sequence");`);
    // At most one valid (not revoked) certificate per enrolment; a reissue revokes the old one first.
    this.addSql(`create unique index "certificate_one_valid_per_enrolment" on "certificate" ("enrolment_id") where "revoked_at" is null;`);

    this.addSql(`create table "attendance_mark" ("id" bigserial primary key, "enrolment_id" uuid not null, "session_id" uuid not null, "status" text check ("status" in ('PRESENT', 'LATE', 'EXCUSED', 'ABSENT')) not null, "note" varchar(500) null, "recorded_by" varchar(200) not null, "recorded_at" timestamptz not null, "version" int not null default 1);`);
    this.addSql(`create index "attendance_mark_session_id_index" on "attendance_mark" ("session_id");`);
    this.addSql(`alter table "attendance_mark" add constraint "attendance_mark_enrolment_id_session_id_unique" unique ("enrolment_id", "session_id");`);

    this.addSql(`create table "attendance_change" ("id" bigserial primary key, "enrolment_id" uuid not null, "session_id" uuid not null, "from_status" text check ("from_status" in ('PRESENT', 'LATE', 'EXCUSED', 'ABSENT')) null, "to_status" text check ("to_status" in ('PRESENT', 'LATE', 'EXCUSED', 'ABSENT')) not null, "from_note" varchar(500) null, "to_note" varchar(500) null, "source" text check ("source" in ('SHEET', 'CORRECTION', 'IMPORT')) not null, "changed_by_subject" varchar(200) null, "changed_by" varchar(200) not null, "changed_at" timestamptz not null);`);
    this.addSql(`create index "attendance_change_enrolment_id_session_id_index" on "attendance_change" ("enrolment_id", "session_id");`);

    this.addSql(`alter table "course_session" add constraint "course_session_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "course_trainer" add constraint "course_trainer_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "enrolment" add constraint "enrolment_course_id_foreign" foreign key ("course_id") references "course" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_trainee_id_foreign" foreign key ("trainee_id") references "trainee" ("id") on update cascade;`);

    this.addSql(`alter table "certificate" add constraint "certificate_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade;`);
    this.addSql(`alter table "certificate" add constraint "certificate_replaced_by_id_foreign" foreign key ("replaced_by_id") references "certificate" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "attendance_mark" add constraint "attendance_mark_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "attendance_mark" add constraint "attendance_mark_session_id_foreign" foreign key ("session_id") references "course_session" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "attendance_change" add constraint "attendance_change_enrolment_id_foreign" foreign key ("enrolment_id") references "enrolment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "attendance_change" add constraint "attendance_change_session_id_foreign" foreign key ("session_id") references "course_session" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "course_session" drop constraint "course_session_course_id_foreign";`);

    this.addSql(`alter table "course_trainer" drop constraint "course_trainer_course_id_foreign";`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_course_id_foreign";`);

    this.addSql(`alter table "attendance_mark" drop constraint "attendance_mark_session_id_foreign";`);

    this.addSql(`alter table "attendance_change" drop constraint "attendance_change_session_id_foreign";`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_trainee_id_foreign";`);

    this.addSql(`alter table "certificate" drop constraint "certificate_enrolment_id_foreign";`);

    this.addSql(`alter table "attendance_mark" drop constraint "attendance_mark_enrolment_id_foreign";`);

    this.addSql(`alter table "attendance_change" drop constraint "attendance_change_enrolment_id_foreign";`);

    this.addSql(`alter table "certificate" drop constraint "certificate_replaced_by_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "certificate_serial_counter" cascade;`);

    this.addSql(`drop table if exists "course" cascade;`);

    this.addSql(`drop table if exists "course_session" cascade;`);

    this.addSql(`drop table if exists "course_trainer" cascade;`);

    this.addSql(`drop table if exists "trainee" cascade;`);

    this.addSql(`drop table if exists "enrolment" cascade;`);

    this.addSql(`drop table if exists "certificate" cascade;`);

    this.addSql(`drop table if exists "attendance_mark" cascade;`);

    this.addSql(`drop table if exists "attendance_change" cascade;`);
  }

}
