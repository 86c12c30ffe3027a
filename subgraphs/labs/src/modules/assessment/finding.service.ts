import {
  assertDateOrder,
  assertNotFuture,
  assertVersion,
  audit,
  ConflictError,
  type Identity,
  inTransaction,
  isUuid,
  type Loaders,
  referencedNotFound,
  requireText,
  todayInVietnam,
} from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Criterion } from '../criteria/criteria.entity';
import { CorrectiveAction, Finding, type FindingSeverity } from './assessment.entity';
import { correctiveActionsByFindingLoader } from './assessment.loaders';
import { findingOpen } from './assessment.rules';
import { assertNotDecided, criterionIn, LONG_TEXT, lockAssessment } from './assessment.service';

export interface NewFinding {
  assessmentId: string;
  severity: FindingSeverity;
  description: string;
  criterionCode?: string | null;
}

export interface FindingChanges {
  severity?: FindingSeverity | null;
  description?: string | null;
  criterionCode?: string | null;
}

export interface NewCorrectiveAction {
  findingId: string;
  description: string;
  dueOn: string;
}
/** Findings of an assessment and their corrective actions. Knows no GraphQL. */
export const findingService = {
  /** Whether a finding is still open (no corrective action yet, or one not closed). */
  async open(loaders: Loaders, finding: Finding): Promise<boolean> {
    return findingOpen(await loaders.get(correctiveActionsByFindingLoader).load(finding.id));
  },

  add(em: EntityManager, identity: Identity, input: NewFinding): Promise<Finding> {
    const description = requireText(input.description, 'description', 'Nội dung phát hiện', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const assessment = await lockAssessment(tx, input.assessmentId, 'assessmentId');
      assertNotDecided(assessment);
      const criterion = input.criterionCode
        ? criterionIn(
            await tx.find(Criterion, { criteriaSet: assessment.criteriaSet.id }),
            input.criterionCode.trim(),
            'criterionCode',
          )
        : null;
      const finding = tx.create(Finding, {
        assessment,
        criterion,
        severity: input.severity,
        description,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'Finding',
        entityId: finding.id,
        action: 'ADD',
        changes: { assessment: assessment.id, severity: input.severity, criterion: criterion?.code ?? null },
      });
      return finding;
    });
  },

  update(em: EntityManager, identity: Identity, id: string, version: number, changes: FindingChanges): Promise<Finding> {
    const description = changes.description
      ? requireText(changes.description, 'description', 'Nội dung phát hiện', LONG_TEXT)
      : null;
    return inTransaction(em, async (tx) => {
      const found = isUuid(id) ? await tx.findOne(Finding, { id }) : null;
      if (!found) throw referencedNotFound('id', 'Finding', id, 'phát hiện');
      const assessment = await lockAssessment(tx, found.assessment.id, 'id');
      assertNotDecided(assessment);
      assertVersion(found, version, 'Phát hiện', 'finding');
      const before = { severity: found.severity, criterion: found.criterion?.id ?? null };
      if (changes.severity) found.severity = changes.severity;
      if (description) found.description = description;
      if (changes.criterionCode !== undefined) {
        found.criterion = changes.criterionCode
          ? criterionIn(
              await tx.find(Criterion, { criteriaSet: assessment.criteriaSet.id }),
              changes.criterionCode.trim(),
              'criterionCode',
            )
          : null;
      }
      audit(tx, identity, {
        entityType: 'Finding',
        entityId: found.id,
        action: 'UPDATE',
        changes: {
          from: before,
          to: { severity: found.severity, criterion: found.criterion?.id ?? null },
          descriptionChanged: description !== null,
        },
      });
      return found;
    });
  },

  addCorrectiveAction(em: EntityManager, identity: Identity, input: NewCorrectiveAction): Promise<CorrectiveAction> {
    const description = requireText(input.description, 'description', 'Nội dung hành động khắc phục', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const finding = isUuid(input.findingId)
        ? await tx.findOne(Finding, { id: input.findingId }, { populate: ['assessment'] })
        : null;
      if (!finding) throw referencedNotFound('findingId', 'Finding', input.findingId, 'phát hiện');
      assertDateOrder(
        finding.assessment.startDate,
        input.dueOn,
        'dueOn',
        'Thời hạn khắc phục không được trước ngày bắt đầu đánh giá.',
      );
      const action = tx.create(CorrectiveAction, {
        finding,
        description,
        dueOn: input.dueOn,
        closedOn: null,
        evidence: null,
        createdAt: new Date(),
        version: 1,
      });
      await tx.flush();
      audit(tx, identity, {
        entityType: 'CorrectiveAction',
        entityId: action.id,
        action: 'ADD',
        changes: { finding: finding.id, dueOn: input.dueOn },
      });
      return action;
    });
  },

  closeCorrectiveAction(
    em: EntityManager,
    identity: Identity,
    id: string,
    version: number,
    closedOn: string | null | undefined,
    evidence: string,
  ): Promise<CorrectiveAction> {
    const date = closedOn ?? todayInVietnam();
    assertNotFuture(date, 'closedOn', 'Ngày đóng hành động khắc phục');
    const text = requireText(evidence, 'evidence', 'Bằng chứng khắc phục', LONG_TEXT);
    return inTransaction(em, async (tx) => {
      const action = isUuid(id) ? await tx.findOne(CorrectiveAction, { id }, { populate: ['finding.assessment'] }) : null;
      if (!action) throw referencedNotFound('id', 'Corrective action', id, 'hành động khắc phục');
      assertVersion(action, version, 'Hành động khắc phục', 'corrective action');
      if (action.closedOn !== null) {
        throw new ConflictError('Hành động khắc phục đã được đóng.', 'The corrective action is already closed.', {
          closedOn: action.closedOn,
        });
      }
      assertDateOrder(action.finding.assessment.startDate, date, 'closedOn', 'Ngày đóng không được trước ngày bắt đầu đánh giá.');
      action.closedOn = date;
      action.evidence = text;
      audit(tx, identity, {
        entityType: 'CorrectiveAction',
        entityId: action.id,
        action: 'CLOSE',
        changes: { finding: action.finding.id, closedOn: date },
      });
      return action;
    });
  },
};
