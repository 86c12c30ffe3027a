import { Migration } from '@mikro-orm/migrations';

export class Migration20261127114338_money extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "entity_type" varchar(64) not null, "entity_id" varchar(64) not null, "action" varchar(64) not null, "actor" varchar(200) null, "actor_name" varchar(200) null, "at" timestamptz not null default now(), "changes" jsonb null);`);
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(`create table "contribution" ("id" serial primary key, "plan_id" int not null, "contributor_tax_code" varchar(14) not null, "date" date not null, "amount" bigint not null, "purpose" varchar(500) not null, "created_at" timestamptz not null default now(), constraint contribution_tax_code_format check (contributor_tax_code ~ '^[0-9]{10}(-[0-9]{3})?\$'), constraint contribution_amount_positive check (amount > 0));`);
    this.addSql(`create index "contribution_contributor_tax_code_index" on "contribution" ("contributor_tax_code");`);
    this.addSql(`create index "contribution_plan_id_date_index" on "contribution" ("plan_id", "date");`);

    this.addSql(`create table "budget_line" ("id" serial primary key, "plan_id" int not null, "source" text check ("source" in ('SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER')) not null, "task_group" smallint not null, "year" smallint not null, "planned_amount" bigint not null, "funding" text check ("funding" in ('NAMED', 'UNNAMED')) not null, "note" varchar(500) null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint budget_line_planned_amount_non_negative check (planned_amount >= 0));`);
    this.addSql(`alter table "budget_line" add constraint "budget_line_plan_id_source_task_group_year_unique" unique ("plan_id", "source", "task_group", "year");`);

    this.addSql(`create table "disbursement" ("id" serial primary key, "line_id" int not null, "voucher_number" varchar(64) null, "date" date not null, "amount" bigint not null, "payee_tax_code" varchar(14) not null, "purpose" varchar(500) not null, "activity_kind" text check ("activity_kind" in ('COURSE', 'LABORATORY', 'MEASUREMENT_STANDARD', 'ASSURANCE_ENGAGEMENT')) null, "activity_id" varchar(64) null, "reverses_id" int null, "reversal_reason" text null, "created_at" timestamptz not null default now(), constraint disbursement_reversal_consistent check ((reverses_id is null) = (voucher_number is not null) and (reverses_id is null) = (reversal_reason is null)), constraint disbursement_activity_complete check ((activity_kind is null) = (activity_id is null)), constraint disbursement_payee_tax_code_format check (payee_tax_code ~ '^[0-9]{10}(-[0-9]{3})?\$'), constraint disbursement_amount_positive check (amount > 0));`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_voucher_number_unique" unique ("voucher_number");`);
    this.addSql(`create index "disbursement_activity_kind_activity_id_index" on "disbursement" ("activity_kind", "activity_id");`);
    this.addSql(`create index "disbursement_payee_tax_code_index" on "disbursement" ("payee_tax_code");`);
    this.addSql(`create index "disbursement_line_id_index" on "disbursement" ("line_id");`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_reverses_id_unique" unique ("reverses_id");`);

    this.addSql(`create table "allocation" ("id" serial primary key, "line_id" int not null, "decision_number" varchar(64) not null, "decision_date" date not null, "amount" bigint not null, "created_at" timestamptz not null default now(), constraint allocation_amount_positive check (amount > 0));`);
    this.addSql(`alter table "allocation" add constraint "allocation_decision_number_unique" unique ("decision_number");`);
    this.addSql(`create index "allocation_line_id_index" on "allocation" ("line_id");`);

    this.addSql(`create table "budget_estimate" ("id" serial primary key, "plan_id" int not null, "source" text check ("source" in ('SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER')) not null, "year" smallint not null, "requested_amount" bigint not null, "note" text null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')) not null, "recipient" text check ("recipient" in ('DEPARTMENT_OF_PLANNING_AND_INVESTMENT', 'DEPARTMENT_OF_FINANCE')) null, "submitted_at" timestamptz null, "approved_amount" bigint null, "decided_on" date null, "rejection_reason" text null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint budget_estimate_decision_consistent check ((status = 'APPROVED') = (approved_amount is not null) and (status = 'REJECTED') = (rejection_reason is not null) and (status = 'DRAFT') = (recipient is null) and (approved_amount is null or approved_amount >= 0)), constraint budget_estimate_requested_amount_non_negative check (requested_amount >= 0));`);
    this.addSql(`create unique index "budget_estimate_open_unique" on "budget_estimate" ("plan_id", "source", "year") where "status" <> 'REJECTED';`);

    this.addSql(`alter table "contribution" add constraint "contribution_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`);

    this.addSql(`alter table "budget_line" add constraint "budget_line_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`);

    this.addSql(`alter table "disbursement" add constraint "disbursement_line_id_foreign" foreign key ("line_id") references "budget_line" ("id") on update cascade;`);
    this.addSql(`alter table "disbursement" add constraint "disbursement_reverses_id_foreign" foreign key ("reverses_id") references "disbursement" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "allocation" add constraint "allocation_line_id_foreign" foreign key ("line_id") references "budget_line" ("id") on update cascade;`);

    this.addSql(`alter table "budget_estimate" add constraint "budget_estimate_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`);

    // Hand-written: money records are never changed or deleted, not even by a direct SQL session.
    // A mistaken payment is corrected by a reversal row (docs/RULES.md, "Allocations, disbursements and reversals").
    this.addSql(`create function "funding_money_record_is_final"() returns trigger language plpgsql as $$ begin raise exception 'money records are never changed or deleted (%.%)', TG_TABLE_NAME, TG_OP using errcode = 'P0001'; end $$;`);
    this.addSql(`create trigger "allocation_is_final" before update or delete on "allocation" for each row execute function "funding_money_record_is_final"();`);
    this.addSql(`create trigger "disbursement_is_final" before update or delete on "disbursement" for each row execute function "funding_money_record_is_final"();`);
    this.addSql(`create trigger "contribution_is_final" before update or delete on "contribution" for each row execute function "funding_money_record_is_final"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "allocation_is_final" on "allocation";`);
    this.addSql(`drop trigger if exists "disbursement_is_final" on "disbursement";`);
    this.addSql(`drop trigger if exists "contribution_is_final" on "contribution";`);
    this.addSql(`drop function if exists "funding_money_record_is_final"();`);

    this.addSql(`alter table "disbursement" drop constraint "disbursement_line_id_foreign";`);

    this.addSql(`alter table "allocation" drop constraint "allocation_line_id_foreign";`);

    this.addSql(`alter table "disbursement" drop constraint "disbursement_reverses_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "contribution" cascade;`);

    this.addSql(`drop table if exists "budget_line" cascade;`);

    this.addSql(`drop table if exists "disbursement" cascade;`);

    this.addSql(`drop table if exists "allocation" cascade;`);

    this.addSql(`drop table if exists "budget_estimate" cascade;`);
  }

}
