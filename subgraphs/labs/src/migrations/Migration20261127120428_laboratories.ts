import { Migration } from '@mikro-orm/migrations';

export class Migration20261127120428_laboratories extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "entity_type" varchar(64) not null, "entity_id" varchar(64) not null, "action" varchar(64) not null, "actor" varchar(200) null, "actor_name" varchar(200) null, "at" timestamptz not null default now(), "changes" jsonb null);`);
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(`create table "criteria_set" ("id" uuid not null default gen_random_uuid(), "code" varchar(64) not null, "edition" smallint not null, "title" text not null, "effective_date" date not null, "pass_threshold" int not null, "total_max_score" int not null, "note" text null, "imported_at" timestamptz not null default now(), "imported_by" varchar(200) null, constraint "criteria_set_pkey" primary key ("id"), constraint criteria_set_threshold_range check (pass_threshold >= 0 and pass_threshold <= total_max_score));`);
    this.addSql(`alter table "criteria_set" add constraint "criteria_set_code_edition_unique" unique ("code", "edition");`);

    this.addSql(`create table "criterion" ("id" serial primary key, "criteria_set_id" uuid not null, "position" smallint not null, "code" varchar(32) not null, "group" varchar(300) not null, "title" text not null, "max_score" int not null, "minimum_score" int null, "mandatory" boolean not null, "fields" text[] not null, constraint criterion_minimum_score_range check (minimum_score is null or (minimum_score >= 1 and minimum_score <= max_score)), constraint criterion_fields_valid check (fields <@ array['LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER']::text[]), constraint criterion_max_score_positive check (max_score > 0));`);
    this.addSql(`alter table "criterion" add constraint "criterion_criteria_set_id_code_unique" unique ("criteria_set_id", "code");`);

    this.addSql(`create table "organization" ("tax_code" varchar(14) not null, "name" varchar(300) not null, "search_name" varchar(300) not null, "kind" text check ("kind" in ('ENTERPRISE', 'SERVICE_PROVIDER', 'STATE_AGENCY', 'ASSOCIATION', 'OTHER')) not null, "ownership" text check ("ownership" in ('STATE', 'PRIVATE', 'FOREIGN_INVESTED', 'COLLECTIVE')) not null, "sector" text check ("sector" in ('HIGH_TECH_INDUSTRY', 'LOGISTICS', 'ELECTRONICS', 'TELECOM_DIGITAL', 'HIGH_TECH_AGRICULTURE', 'OTHER')) not null, "address" varchar(500) null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "organization_pkey" primary key ("tax_code"), constraint organization_tax_code_format check (tax_code ~ '^[0-9]{10}(-[0-9]{3})?\$'));`);
    this.addSql(`create index "organization_search_name_index" on "organization" ("search_name");`);

    this.addSql(`create table "laboratory" ("id" uuid not null default gen_random_uuid(), "code" varchar(32) not null, "name" varchar(300) not null, "search_name" varchar(300) not null, "organization_tax_code" varchar(14) not null, "fields" text[] not null, "services" text[] not null, "registration_number" varchar(100) null, "registration_issuer" varchar(300) null, "registration_issued_on" date null, "registration_valid_until" date null, "accreditation_scheme" varchar(50) null, "accreditation_number" varchar(100) null, "accreditation_valid_until" date null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "laboratory_pkey" primary key ("id"), constraint laboratory_services_valid check (cardinality(services) > 0 and services <@ array['VERIFICATION', 'CALIBRATION', 'TESTING']::text[]), constraint laboratory_fields_valid check (cardinality(fields) > 0 and fields <@ array['LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER']::text[]));`);
    this.addSql(`alter table "laboratory" add constraint "laboratory_code_unique" unique ("code");`);
    this.addSql(`create index "laboratory_organization_tax_code_index" on "laboratory" ("organization_tax_code");`);

    this.addSql(`create table "assessment" ("id" uuid not null default gen_random_uuid(), "laboratory_id" uuid not null, "criteria_set_id" uuid not null, "kind" text check ("kind" in ('INITIAL', 'SURVEILLANCE', 'REASSESSMENT', 'SELF_ASSESSMENT')) not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'DECIDED')) not null default 'DRAFT', "fields" text[] not null, "start_date" date not null, "end_date" date null, "assessors" jsonb not null, "submitted_at" timestamptz null, "outcome" text check ("outcome" in ('PASSED', 'NOT_PASSED')) null, "decided_on" date null, "decided_by_name" varchar(200) null, "decided_by" varchar(200) null, "total_score" int null, "unmet_mandatory_criteria" jsonb null, "open_major_findings_at_decision" int null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, constraint "assessment_pkey" primary key ("id"), constraint assessment_decision_complete check ((status = 'DECIDED') = (outcome is not null and decided_on is not null and total_score is not null)), constraint assessment_dates_ordered check (end_date is null or end_date >= start_date), constraint assessment_fields_valid check (cardinality(fields) > 0 and fields <@ array['LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER']::text[]));`);
    this.addSql(`create index "assessment_laboratory_id_status_index" on "assessment" ("laboratory_id", "status");`);

    this.addSql(`create table "finding" ("id" uuid not null default gen_random_uuid(), "assessment_id" uuid not null, "criterion_id" int null, "severity" text check ("severity" in ('MAJOR', 'MINOR', 'OBSERVATION')) not null, "description" text not null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "finding_pkey" primary key ("id"));`);
    this.addSql(`create index "finding_assessment_id_index" on "finding" ("assessment_id");`);

    this.addSql(`create table "corrective_action" ("id" uuid not null default gen_random_uuid(), "finding_id" uuid not null, "description" text not null, "due_on" date not null, "closed_on" date null, "evidence" text null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "corrective_action_pkey" primary key ("id"), constraint corrective_action_closure_has_evidence check (closed_on is null or evidence is not null));`);
    this.addSql(`create index "corrective_action_finding_id_index" on "corrective_action" ("finding_id");`);

    this.addSql(`create table "criterion_score" ("id" serial primary key, "assessment_id" uuid not null, "criterion_id" int not null, "score" int not null, "note" text null, "recorded_by_name" varchar(200) not null, "recorded_at" timestamptz not null, constraint criterion_score_not_negative check (score >= 0));`);
    this.addSql(`alter table "criterion_score" add constraint "criterion_score_assessment_id_criterion_id_unique" unique ("assessment_id", "criterion_id");`);

    this.addSql(`create table "capacity_project" ("id" uuid not null default gen_random_uuid(), "organization_tax_code" varchar(14) not null, "title" varchar(300) not null, "raised" text[] not null, "year" smallint not null, "completed_on" date null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "capacity_project_pkey" primary key ("id"), constraint capacity_project_raised_valid check (cardinality(raised) > 0 and raised <@ array['EQUIPMENT', 'STANDARDS', 'STAFF', 'PROCEDURES']::text[]), constraint capacity_project_year_range check (year >= 2000 and year <= 2100));`);
    this.addSql(`create index "capacity_project_completed_on_index" on "capacity_project" ("completed_on");`);
    this.addSql(`create index "capacity_project_organization_tax_code_index" on "capacity_project" ("organization_tax_code");`);

    this.addSql(`create table "assurance_engagement" ("id" uuid not null default gen_random_uuid(), "enterprise_tax_code" varchar(14) not null, "provider_id" uuid not null, "services" text[] not null, "instruments_covered" int not null, "instruments_description" text null, "planned_start" date not null, "planned_end" date null, "status" text check ("status" in ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')) not null default 'PLANNED', "started_on" date null, "completed_on" date null, "cancelled_on" date null, "cancellation_reason" text null, "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "assurance_engagement_pkey" primary key ("id"), constraint assurance_engagement_planned_dates_ordered check (planned_end is null or planned_end >= planned_start), constraint assurance_engagement_completion_dated check ((status = 'COMPLETED') = (completed_on is not null)), constraint assurance_engagement_services_valid check (cardinality(services) > 0 and services <@ array['VERIFICATION', 'CALIBRATION', 'TESTING', 'METHOD_DEVELOPMENT']::text[]), constraint assurance_engagement_instruments_not_negative check (instruments_covered >= 0));`);
    this.addSql(`create index "assurance_engagement_status_completed_on_index" on "assurance_engagement" ("status", "completed_on");`);
    this.addSql(`create index "assurance_engagement_provider_id_index" on "assurance_engagement" ("provider_id");`);
    this.addSql(`create index "assurance_engagement_enterprise_tax_code_index" on "assurance_engagement" ("enterprise_tax_code");`);

    this.addSql(`create table "recognition" ("id" uuid not null default gen_random_uuid(), "laboratory_id" uuid not null, "assessment_id" uuid not null, "valid_from" date not null, "valid_until" date not null, "scope" text[] not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')) not null default 'ACTIVE', "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "recognition_pkey" primary key ("id"), constraint recognition_scope_valid check (cardinality(scope) > 0 and scope <@ array['LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER']::text[]), constraint recognition_dates_ordered check (valid_until >= valid_from));`);
    this.addSql(`alter table "recognition" add constraint "recognition_assessment_id_unique" unique ("assessment_id");`);
    this.addSql(`create index "recognition_valid_from_valid_until_index" on "recognition" ("valid_from", "valid_until");`);
    this.addSql(`create index "recognition_laboratory_id_index" on "recognition" ("laboratory_id");`);

    this.addSql(`create table "recognition_status_change" ("id" serial primary key, "recognition_id" uuid not null, "from_status" text check ("from_status" in ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')) not null, "to_status" text check ("to_status" in ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')) not null, "effective_on" date not null, "reason" text null, "changed_by_name" varchar(200) not null, "changed_by" varchar(200) null, "changed_at" timestamptz not null);`);
    this.addSql(`create index "recognition_status_change_recognition_id_effective_on_index" on "recognition_status_change" ("recognition_id", "effective_on");`);

    this.addSql(`create table "standard_kind" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(300) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "standard_kind" add constraint "standard_kind_code_unique" unique ("code");`);

    this.addSql(`create table "measurement_standard" ("id" uuid not null default gen_random_uuid(), "kind_id" int not null, "name" varchar(300) not null, "field" text check ("field" in ('LENGTH', 'MASS', 'VOLUME', 'FLOW', 'PRESSURE', 'FORCE', 'TEMPERATURE', 'HUMIDITY', 'ELECTRICAL', 'TIME_FREQUENCY', 'ACOUSTICS_VIBRATION', 'OPTICS_RADIATION', 'PHYSICO_CHEMICAL', 'OTHER')) not null, "owner_tax_code" varchar(14) not null, "year_first_supported" smallint not null, "serial" varchar(100) not null, "traceability_calibrated_by" varchar(300) null, "traceability_certificate_number" varchar(100) null, "traceability_calibrated_on" date null, "traceability_due_on" date null, "status" text check ("status" in ('IN_SERVICE', 'OUT_OF_SERVICE', 'RETIRED')) not null default 'IN_SERVICE', "created_at" timestamptz not null default now(), "version" int not null default 1, constraint "measurement_standard_pkey" primary key ("id"), constraint measurement_standard_year_range check (year_first_supported >= 1990 and year_first_supported <= 2100));`);
    this.addSql(`create index "measurement_standard_owner_tax_code_index" on "measurement_standard" ("owner_tax_code");`);
    this.addSql(`create index "measurement_standard_kind_id_year_first_supported_index" on "measurement_standard" ("kind_id", "year_first_supported");`);
    this.addSql(`alter table "measurement_standard" add constraint "measurement_standard_kind_id_serial_unique" unique ("kind_id", "serial");`);

    this.addSql(`alter table "criterion" add constraint "criterion_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "laboratory" add constraint "laboratory_organization_tax_code_foreign" foreign key ("organization_tax_code") references "organization" ("tax_code") on update cascade;`);

    this.addSql(`alter table "assessment" add constraint "assessment_laboratory_id_foreign" foreign key ("laboratory_id") references "laboratory" ("id") on update cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_criteria_set_id_foreign" foreign key ("criteria_set_id") references "criteria_set" ("id") on update cascade;`);

    this.addSql(`alter table "finding" add constraint "finding_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "finding" add constraint "finding_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "corrective_action" add constraint "corrective_action_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "criterion_score" add constraint "criterion_score_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "criterion_score" add constraint "criterion_score_criterion_id_foreign" foreign key ("criterion_id") references "criterion" ("id") on update cascade;`);

    this.addSql(`alter table "capacity_project" add constraint "capacity_project_organization_tax_code_foreign" foreign key ("organization_tax_code") references "organization" ("tax_code") on update cascade;`);

    this.addSql(`alter table "assurance_engagement" add constraint "assurance_engagement_enterprise_tax_code_foreign" foreign key ("enterprise_tax_code") references "organization" ("tax_code") on update cascade;`);
    this.addSql(`alter table "assurance_engagement" add constraint "assurance_engagement_provider_id_foreign" foreign key ("provider_id") references "laboratory" ("id") on update cascade;`);

    this.addSql(`alter table "recognition" add constraint "recognition_laboratory_id_foreign" foreign key ("laboratory_id") references "laboratory" ("id") on update cascade;`);
    this.addSql(`alter table "recognition" add constraint "recognition_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade;`);

    this.addSql(`alter table "recognition_status_change" add constraint "recognition_status_change_recognition_id_foreign" foreign key ("recognition_id") references "recognition" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "measurement_standard" add constraint "measurement_standard_kind_id_foreign" foreign key ("kind_id") references "standard_kind" ("id") on update cascade;`);
    this.addSql(`alter table "measurement_standard" add constraint "measurement_standard_owner_tax_code_foreign" foreign key ("owner_tax_code") references "organization" ("tax_code") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "criterion" drop constraint "criterion_criteria_set_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_criteria_set_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_criterion_id_foreign";`);

    this.addSql(`alter table "criterion_score" drop constraint "criterion_score_criterion_id_foreign";`);

    this.addSql(`alter table "laboratory" drop constraint "laboratory_organization_tax_code_foreign";`);

    this.addSql(`alter table "capacity_project" drop constraint "capacity_project_organization_tax_code_foreign";`);

    this.addSql(`alter table "assurance_engagement" drop constraint "assurance_engagement_enterprise_tax_code_foreign";`);

    this.addSql(`alter table "measurement_standard" drop constraint "measurement_standard_owner_tax_code_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_laboratory_id_foreign";`);

    this.addSql(`alter table "assurance_engagement" drop constraint "assurance_engagement_provider_id_foreign";`);

    this.addSql(`alter table "recognition" drop constraint "recognition_laboratory_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_assessment_id_foreign";`);

    this.addSql(`alter table "criterion_score" drop constraint "criterion_score_assessment_id_foreign";`);

    this.addSql(`alter table "recognition" drop constraint "recognition_assessment_id_foreign";`);

    this.addSql(`alter table "corrective_action" drop constraint "corrective_action_finding_id_foreign";`);

    this.addSql(`alter table "recognition_status_change" drop constraint "recognition_status_change_recognition_id_foreign";`);

    this.addSql(`alter table "measurement_standard" drop constraint "measurement_standard_kind_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "criteria_set" cascade;`);

    this.addSql(`drop table if exists "criterion" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "laboratory" cascade;`);

    this.addSql(`drop table if exists "assessment" cascade;`);

    this.addSql(`drop table if exists "finding" cascade;`);

    this.addSql(`drop table if exists "corrective_action" cascade;`);

    this.addSql(`drop table if exists "criterion_score" cascade;`);

    this.addSql(`drop table if exists "capacity_project" cascade;`);

    this.addSql(`drop table if exists "assurance_engagement" cascade;`);

    this.addSql(`drop table if exists "recognition" cascade;`);

    this.addSql(`drop table if exists "recognition_status_change" cascade;`);

    this.addSql(`drop table if exists "standard_kind" cascade;`);

    this.addSql(`drop table if exists "measurement_standard" cascade;`);
  }

}
