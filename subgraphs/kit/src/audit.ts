import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from './identity/identity';

/**
 * The audit trail (docs/RULES.md, "Errors and data safety"): who did what to which record, when,
 * and what changed. Written in the same transaction as the change itself, so that no change exists
 * without its trail. Never holds personal data in `changes` (identifiers and statuses only).
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 64 })
  entityType!: string;

  @Property({ type: 'string', length: 64 })
  entityId!: string;

  @Property({ type: 'string', length: 64 })
  action!: string;

  /** The token subject of who did it; null for the system (seeders, jobs). */
  @Property({ type: 'string', length: 200, nullable: true })
  actor!: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  actorName!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  at!: Date;

  @Property({ type: 'json', nullable: true })
  changes!: Record<string, unknown> | null;
}

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  changes?: Record<string, unknown>;
}

/** Records an audit event in the unit of work of `em` (call it inside the change's transaction). */
export function audit(em: EntityManager, identity: Identity, entry: AuditEntry): AuditEvent {
  return em.create(AuditEvent, {
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    actor: identity.subject,
    actorName: identity.name,
    at: new Date(),
    changes: entry.changes ?? null,
  });
}
