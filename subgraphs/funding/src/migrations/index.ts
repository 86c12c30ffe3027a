import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261127111744 } from './Migration20261127111744';
import { Migration20261127114338_money } from './Migration20261127114338_money';
import { Migration20261127123738_data_revision } from './Migration20261127123738_data_revision';
import { Migration20261127140002_revision_notify } from './Migration20261127140002_revision_notify';
import { Migration20261208040100_estimate_submitter } from './Migration20261208040100_estimate_submitter';
import { Migration20261208042000_revision_epoch } from './Migration20261208042000_revision_epoch';

/** Committed migrations, oldest first. Rewritten by `pnpm migration:create <subgraph>`. */
export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261127111744', class: Migration20261127111744 },
  { name: 'Migration20261127114338_money', class: Migration20261127114338_money },
  { name: 'Migration20261127123738_data_revision', class: Migration20261127123738_data_revision },
  { name: 'Migration20261127140002_revision_notify', class: Migration20261127140002_revision_notify },
  { name: 'Migration20261208040100_estimate_submitter', class: Migration20261208040100_estimate_submitter },
  { name: 'Migration20261208042000_revision_epoch', class: Migration20261208042000_revision_epoch },
];
