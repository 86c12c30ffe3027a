import path from 'node:path';
import { type AccessMatrix, renderRolesDocument } from '@metrology/kit';
import { SUBGRAPHS } from './composition';

/** docs/ROLES.md: printed from the subgraphs' role matrices by `npm run compose`; a test fails when stale. */
export const ROLES_FILE = path.resolve(__dirname, '..', '..', 'docs', 'ROLES.md');

export function rolesDocument(): string {
  return renderRolesDocument(SUBGRAPHS.flatMap((definition) => (definition.access ? [definition.access as AccessMatrix] : [])));
}
