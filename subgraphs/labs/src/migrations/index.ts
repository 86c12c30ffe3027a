import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261127111802 } from './Migration20261127111802';
import { Migration20261127120428_laboratories } from './Migration20261127120428_laboratories';
import { Migration20261127123737_data_revision } from './Migration20261127123737_data_revision';
import { Migration20261127140001_revision_notify } from './Migration20261127140001_revision_notify';
import { Migration20261208040000_score_recorder } from './Migration20261208040000_score_recorder';
import { Migration20261208042000_revision_epoch } from './Migration20261208042000_revision_epoch';

/** Committed migrations, oldest first. Rewritten by `pnpm migration:create <subgraph>`. */
export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261127111802', class: Migration20261127111802 },
  { name: 'Migration20261127120428_laboratories', class: Migration20261127120428_laboratories },
  { name: 'Migration20261127123737_data_revision', class: Migration20261127123737_data_revision },
  { name: 'Migration20261127140001_revision_notify', class: Migration20261127140001_revision_notify },
  { name: 'Migration20261208040000_score_recorder', class: Migration20261208040000_score_recorder },
  { name: 'Migration20261208042000_revision_epoch', class: Migration20261208042000_revision_epoch },
];
