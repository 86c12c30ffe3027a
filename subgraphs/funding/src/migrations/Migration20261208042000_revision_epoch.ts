import { revisionEpochMigration } from '@metrology/kit';
import { Migration } from '@mikro-orm/migrations';

/**
 * Revisions carry an epoch (kit `revisionEpochMigration`, docs/CACHING.md "Epochs"), so that a
 * recreated, restored or failed-over database cannot revive answers kept under its old numbers.
 */
const statements = revisionEpochMigration();

export class Migration20261208042000_revision_epoch extends Migration {
  override async up(): Promise<void> {
    for (const sql of statements.up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of statements.down) this.addSql(sql);
  }
}
