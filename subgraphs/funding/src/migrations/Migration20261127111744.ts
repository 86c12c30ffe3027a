import { Migration } from '@mikro-orm/migrations';

export class Migration20261127111744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "plan" ("id" serial primary key, "code" varchar(64) not null, "title" text not null, "issuer" varchar(200) not null, "province" varchar(100) not null, "signed_on" date not null, "implements_decisions" jsonb not null, "version" int not null default 1);`);
    this.addSql(`alter table "plan" add constraint "plan_code_unique" unique ("code");`);

    this.addSql(`create table "budget_envelope" ("id" serial primary key, "plan_id" int not null, "source" text check ("source" in ('SCIENCE_OPERATING', 'DEVELOPMENT_INVESTMENT', 'ENTERPRISE_AND_OTHER')) not null, "title" varchar(200) not null, "amount" bigint not null, "task_groups" jsonb not null, "version" int not null default 1, constraint budget_envelope_amount_non_negative check (amount >= 0));`);
    this.addSql(`alter table "budget_envelope" add constraint "budget_envelope_plan_id_source_unique" unique ("plan_id", "source");`);

    this.addSql(`create table "plan_phase" ("id" serial primary key, "plan_id" int not null, "number" smallint not null, "title" varchar(200) not null, "start_date" date not null, "end_date" date not null);`);
    this.addSql(`alter table "plan_phase" add constraint "plan_phase_plan_id_number_unique" unique ("plan_id", "number");`);

    this.addSql(`create table "task_group" ("id" serial primary key, "plan_id" int not null, "number" smallint not null, "title" text not null);`);
    this.addSql(`alter table "task_group" add constraint "task_group_plan_id_number_unique" unique ("plan_id", "number");`);

    this.addSql(`alter table "budget_envelope" add constraint "budget_envelope_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "plan_phase" add constraint "plan_phase_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "task_group" add constraint "task_group_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade on delete cascade;`);
  }

}
