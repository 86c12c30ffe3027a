import { DomainError } from '../errors';
import type { Identity } from '../identity/identity';
import type { Bilingual } from './matrix';

/**
 * A four-eyes refusal (docs/ROLES.md): FORBIDDEN with `extensions.reason: 'FOUR_EYES'`. The rule
 * rests on who did the earlier steps as stored with the record, never on assignments of people.
 */
export class FourEyesError extends DomainError {
  constructor(message: Bilingual, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message.vi, message.en, { ...details, reason: 'FOUR_EYES' });
  }
}

/**
 * Refuses the caller when they alone did every earlier step: `earlier` holds the token subject
 * of whoever did each (null when unknown, which counts as someone else). Nothing earlier: no refusal.
 */
export function assertSecondPerson(identity: Identity, earlier: readonly (string | null)[], message: Bilingual): void {
  if (!identity.subject || earlier.length === 0) return;
  if (earlier.every((subject) => subject === identity.subject)) throw new FourEyesError(message);
}
