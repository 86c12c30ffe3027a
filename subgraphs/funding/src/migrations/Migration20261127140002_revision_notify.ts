import { revisionNotifyMigration } from '@metrology/kit';
import { Migration } from '@mikro-orm/migrations';

/**
 * The data revision is announced at every change (kit `revisionNotifyMigration`), so that the
 * subgraph and the gateway can keep whole answers until it moves, and it now also covers
 * the plan itself: its header, phases, task groups and budget envelopes.
 */
const statements = revisionNotifyMigration(['plan', 'plan_phase', 'task_group', 'budget_envelope']);

export class Migration20261127140002_revision_notify extends Migration {
  override async up(): Promise<void> {
    for (const sql of statements.up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of statements.down) this.addSql(sql);
  }
}
