import { Migration } from '@mikro-orm/migrations';

export class Migration20261127111802 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "plan_target" ("id" serial primary key, "plan_code" varchar(64) not null, "indicator" text check ("indicator" in ('TRAINING', 'STANDARDS', 'MAP', 'LABS', 'CAPACITY')) not null, "phase" smallint not null, "scope" text check ("scope" in ('PER_PHASE', 'PER_YEAR', 'CUMULATIVE', 'HELD')) not null, "value" int not null, "unit" varchar(64) not null, "description" text not null, "window_start" date not null, "window_end" date not null, "version" int not null default 1);`);
    this.addSql(`alter table "plan_target" add constraint "plan_target_plan_code_indicator_phase_scope_unique" unique ("plan_code", "indicator", "phase", "scope");`);
  }

}
