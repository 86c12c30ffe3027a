import {
  assertNotFuture,
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  type MetrologyField,
  NotFoundError,
  optionalText,
  type Page,
  referencedNotFound,
  todayInVietnam,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Assessment } from '../assessment/assessment.entity';
import { Recognition, type RecognitionEffectiveStatus, RecognitionStatus, RecognitionStatusChange } from './recognition.entity';
import { recognitionByIdLoader, statusChangesByRecognitionLoader } from './recognition.loaders';
import { effectiveStatusAt, RecognitionAction, recognitionMove } from './recognition.rules';

export interface NewRecognition {
  assessment: Assessment;
  validFrom: string;
  validUntil: string;
  scope: MetrologyField[];
}

export interface StatusChangeRequest {
  id: string;
  version: number;
  reason?: string | null;
  effectiveOn?: string | null;
}

export interface RecognitionFilter {
  laboratoryId?: string | null;
  offset: number;
  limit: number;
}

const ACTION_VI: Record<RecognitionAction, string> = {
  SUSPEND: 'tạm đình chỉ',
  REINSTATE: 'khôi phục',
  WITHDRAW: 'thu hồi',
};

/** Grants the recognition of a passed assessment (inside the decision's transaction). */
export async function grantRecognition(tx: EntityManager, identity: Identity, input: NewRecognition): Promise<Recognition> {
  const recognition = tx.create(Recognition, {
    laboratory: input.assessment.laboratory,
    assessment: input.assessment,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    scope: input.scope,
    status: RecognitionStatus.ACTIVE,
    createdAt: new Date(),
    version: 1,
  });
  await tx.flush();
  audit(tx, identity, {
    entityType: 'Recognition',
    entityId: recognition.id,
    action: 'GRANT',
    changes: {
      laboratory: input.assessment.laboratory.id,
      assessment: input.assessment.id,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      scope: input.scope,
    },
  });
  return recognition;
}

/** Recognitions of laboratories: reading, status at a date, suspension, reinstatement, withdrawal. Knows no GraphQL. */
export const recognitionService = {
  async get(loaders: Loaders, id: string): Promise<Recognition> {
    const recognition = await loaders.get(recognitionByIdLoader).load(id);
    if (!recognition) throw new NotFoundError('Recognition', id, 'quyết định công nhận');
    return recognition;
  },

  async list(em: EntityManager, filter: RecognitionFilter): Promise<Page<Recognition>> {
    const where: FilterQuery<Recognition> = {};
    if (filter.laboratoryId) {
      if (!isUuid(filter.laboratoryId)) return { items: [], total: 0, offset: filter.offset, limit: filter.limit };
      where.laboratory = filter.laboratoryId;
    }
    const [items, total] = await em.findAndCount(Recognition, where, {
      orderBy: { validFrom: 'desc', createdAt: 'desc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  async effectiveStatus(
    loaders: Loaders,
    recognition: Recognition,
    asOf: string | null | undefined,
  ): Promise<RecognitionEffectiveStatus> {
    const changes = await loaders.get(statusChangesByRecognitionLoader).load(recognition.id);
    return effectiveStatusAt(recognition, changes, asOf ?? todayInVietnam());
  },

  /**
   * Suspends, reinstates or withdraws. A move the status does not allow is CONFLICT; the date it
   * takes effect is not in the future, not before "valid from" and not before the previous change.
   */
  changeStatus(
    em: EntityManager,
    identity: Identity,
    action: RecognitionAction,
    request: StatusChangeRequest,
  ): Promise<Recognition> {
    const effectiveOn = request.effectiveOn ?? todayInVietnam();
    assertNotFuture(effectiveOn, 'effectiveOn', 'Ngày có hiệu lực');
    const reason = optionalText(request.reason, 'reason', 'Lý do', 2000);
    if (!reason && action !== RecognitionAction.REINSTATE) {
      throw new BadInputError('reason', 'Cần nêu lý do.', 'A reason is required.');
    }
    return inTransaction(em, async (tx) => {
      const recognition = isUuid(request.id) ? await tx.findOne(Recognition, { id: request.id }) : null;
      if (!recognition) throw referencedNotFound('id', 'Recognition', request.id, 'quyết định công nhận');
      assertVersion(recognition, request.version, 'Quyết định công nhận', 'recognition');
      const to = recognitionMove(recognition.status, action);
      if (!to) {
        throw new ConflictError(
          `Không thể ${ACTION_VI[action]} công nhận đang ở trạng thái ${recognition.status}.`,
          `A ${recognition.status} recognition cannot be moved by ${action}.`,
          { status: recognition.status, action },
        );
      }
      const latest = await tx.findOne(RecognitionStatusChange, { recognition: recognition.id }, { orderBy: { id: 'desc' } });
      const earliest = latest && latest.effectiveOn > recognition.validFrom ? latest.effectiveOn : recognition.validFrom;
      if (effectiveOn < earliest) {
        throw new BadInputError(
          'effectiveOn',
          `Ngày có hiệu lực không được trước ${earliest}.`,
          `"effectiveOn" cannot be earlier than ${earliest} (validity start or previous change).`,
        );
      }
      const from = recognition.status;
      recognition.status = to;
      tx.create(RecognitionStatusChange, {
        recognition,
        fromStatus: from,
        toStatus: to,
        effectiveOn,
        reason,
        changedBy: identity.subject,
        changedByName: identity.name ?? identity.subject ?? '',
        changedAt: new Date(),
      });
      audit(tx, identity, { entityType: 'Recognition', entityId: recognition.id, action, changes: { from, to, effectiveOn } });
      return recognition;
    });
  },
};
