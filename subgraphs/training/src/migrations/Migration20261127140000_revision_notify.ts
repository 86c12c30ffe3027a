import { revisionNotifyMigration } from '@metrology/kit';
import { Migration } from '@mikro-orm/migrations';

/**
 * The data revision is announced at every change (kit `revisionNotifyMigration`), so that the
 * subgraph and the gateway can keep whole answers until it moves, and it now also covers
 * the plan's training targets.
 */
const statements = revisionNotifyMigration(['plan_target']);

export class Migration20261127140000_revision_notify extends Migration {
  override async up(): Promise<void> {
    for (const sql of statements.up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of statements.down) this.addSql(sql);
  }
}
