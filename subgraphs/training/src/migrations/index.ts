import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261127111759 } from './Migration20261127111759';
import { Migration20261127113058_courses } from './Migration20261127113058_courses';
import { Migration20261127123619_data_revision } from './Migration20261127123619_data_revision';
import { Migration20261127140000_revision_notify } from './Migration20261127140000_revision_notify';
import { Migration20261127150000_first_attendance } from './Migration20261127150000_first_attendance';
import { Migration20261208030000_attendance_from_enrolment } from './Migration20261208030000_attendance_from_enrolment';
import { Migration20261208042000_revision_epoch } from './Migration20261208042000_revision_epoch';

/** Committed migrations, oldest first. Rewritten by `pnpm migration:create <subgraph>`. */
export const migrations: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261127111759', class: Migration20261127111759 },
  { name: 'Migration20261127113058_courses', class: Migration20261127113058_courses },
  { name: 'Migration20261127123619_data_revision', class: Migration20261127123619_data_revision },
  { name: 'Migration20261127140000_revision_notify', class: Migration20261127140000_revision_notify },
  { name: 'Migration20261127150000_first_attendance', class: Migration20261127150000_first_attendance },
  { name: 'Migration20261208030000_attendance_from_enrolment', class: Migration20261208030000_attendance_from_enrolment },
  { name: 'Migration20261208042000_revision_epoch', class: Migration20261208042000_revision_epoch },
];
