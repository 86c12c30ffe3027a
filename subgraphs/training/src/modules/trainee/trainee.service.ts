import { randomUUID } from 'node:crypto';
import {
  assertVersion,
  audit,
  BadInputError,
  ConflictError,
  DomainError,
  ForbiddenActionError,
  hasAnyRole,
  type Identity,
  inTransaction,
  type Loaders,
  likeEscape,
  NotFoundError,
  type Page,
  requireId,
  searchKey,
  UnauthenticatedError,
  type UniqueMeanings,
} from '@metrology/kit';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { relationToTrainee, relationToTraineeIn, seesContactDetails } from './trainee.access';
import { Trainee } from './trainee.entity';
import { traineeByIdLoader, traineeBySubjectLoader } from './trainee.loaders';
import {
  checkCitizenId,
  checkDateOfBirth,
  checkEmail,
  checkFullName,
  checkPhone,
  checkPosition,
  checkTaxCode,
  checkTraineeDetails,
  type TraineeDetails,
  type TraineeDetailsInput,
} from './trainee.rules';

export type TraineeChanges = { [K in keyof TraineeDetailsInput]?: TraineeDetailsInput[K] | null };

/**
 * Who the record is: a change of these is a correction of identity (and a certificate reissued
 * afterwards prints the corrected name), made by administrators only. The person and the
 * trainers of their courses change the other, contact and employment, details.
 */
const IDENTITY_FIELDS: readonly (keyof TraineeDetails)[] = ['fullName', 'citizenId', 'dateOfBirth'];

/** The unique keys of a trainee, for a registration or a change that loses a race to another writer. */
const TRAINEE_UNIQUE_MEANINGS: UniqueMeanings = {
  trainee_email_unique: {
    vi: 'Địa chỉ email này vừa được dùng cho một học viên khác.',
    en: 'This email address was just taken by another trainee.',
  },
  trainee_citizen_id_unique: {
    vi: 'Số căn cước công dân này vừa được dùng cho một học viên khác.',
    en: 'This citizen ID was just taken by another trainee.',
  },
  trainee_subject_unique: {
    vi: 'Tài khoản này vừa được liên kết với một học viên khác.',
    en: 'This account was just linked to another trainee.',
  },
};

const DETAIL_FIELDS = [
  'fullName',
  'citizenId',
  'dateOfBirth',
  'email',
  'phone',
  'employerTaxCode',
  'position',
] as const satisfies readonly (keyof TraineeDetails)[];

export interface TraineeRegistration {
  trainee: Trainee;
  /** True when the person was already on record (same citizen ID or email) and nothing was created. */
  matched: boolean;
}

export interface TraineeFilter {
  search?: string | null;
  employerTaxCode?: string | null;
  offset: number;
  limit: number;
}

/**
 * Refuses a citizen ID or an email that another trainee holds. Staff (administrators, trainers)
 * are told which record holds it, to merge or correct; anyone else (a person editing their own
 * record) only that it cannot be used, never whose it is.
 */
async function assertUniqueFree(
  em: EntityManager,
  trainee: Trainee,
  details: TraineeDetails,
  namesHolder: boolean,
): Promise<void> {
  const taken = (field: 'citizenId' | 'email', whatVi: string, whatEn: string, otherId: string): ConflictError =>
    namesHolder
      ? new ConflictError(`${whatVi} này thuộc về một học viên khác.`, `This ${whatEn} belongs to another trainee.`, {
          field,
          traineeId: otherId,
        })
      : new ConflictError(
          `Không thể dùng ${whatVi.toLowerCase()} này. Hãy dùng giá trị khác hoặc liên hệ quản trị viên.`,
          `This ${whatEn} cannot be used. Use another one or contact an administrator.`,
          { field },
        );
  if (details.citizenId !== null && details.citizenId !== trainee.citizenId) {
    const other = await em.findOne(Trainee, { citizenId: details.citizenId });
    if (other && other.id !== trainee.id) throw taken('citizenId', 'Số căn cước công dân', 'citizen ID', other.id);
  }
  if (details.email !== null && details.email !== trainee.email) {
    const other = await em.findOne(Trainee, { email: details.email });
    if (other && other.id !== trainee.id) throw taken('email', 'Địa chỉ email', 'email address', other.id);
  }
}

/** Trainees: one record per person, their registration, search and personal data rules. Knows no GraphQL. */
export const traineeService = {
  /**
   * Registers a person, or finds them: a trainee with the same citizen ID or email is that
   * person, answered as is (matched) rather than duplicated. A citizen ID of one record and an
   * email of another is a CONFLICT.
   */
  register(em: EntityManager, identity: Identity, input: TraineeDetailsInput): Promise<TraineeRegistration> {
    const details = checkTraineeDetails(input);
    return inTransaction(
      em,
      async (tx) => {
        const byCitizenId = details.citizenId === null ? null : await tx.findOne(Trainee, { citizenId: details.citizenId });
        const byEmail = details.email === null ? null : await tx.findOne(Trainee, { email: details.email });
        if (byCitizenId && byEmail && byCitizenId.id !== byEmail.id) {
          throw new ConflictError(
            'Số căn cước công dân và email thuộc về hai học viên khác nhau.',
            'The citizen ID and the email belong to two different trainees.',
            { field: 'email', traineeIds: [byCitizenId.id, byEmail.id] },
          );
        }
        const existing = byCitizenId ?? byEmail;
        if (existing) return { trainee: existing, matched: true };
        const trainee = tx.create(Trainee, { id: randomUUID(), ...details, subject: null, createdAt: new Date(), version: 1 });
        audit(tx, identity, {
          entityType: 'Trainee',
          entityId: trainee.id,
          action: 'REGISTERED',
          // Which details were given, never their values (personal data).
          changes: { fields: DETAIL_FIELDS.filter((name) => details[name] !== null) },
        });
        return { trainee, matched: false };
      },
      TRAINEE_UNIQUE_MEANINGS,
    );
  },

  /** A trainee the caller may read: the person, an administrator, or a trainer of one of their courses. */
  async get(loaders: Loaders, identity: Identity, id: string): Promise<Trainee> {
    if (!identity.subject) throw new UnauthenticatedError();
    requireId('id', id);
    const trainee = await loaders.get(traineeByIdLoader).load(id);
    if (!trainee) throw new NotFoundError('Trainee', id, 'học viên');
    if (!seesContactDetails(await relationToTrainee(loaders, identity, trainee))) {
      throw new ForbiddenActionError('Only the person, administrators and the trainers of their courses may read this trainee.');
    }
    return trainee;
  },

  /**
   * A trainee by a federation reference, under the rule of `get`: the person, administrators and
   * the trainers of a course they are in. Null for anyone else, and for an unknown or malformed
   * id: one representation the caller may not read does not fail the others of the batch.
   */
  async reference(loaders: Loaders, identity: Identity, id: string): Promise<Trainee | null> {
    if (!identity.subject) throw new UnauthenticatedError();
    const trainee = await loaders.get(traineeByIdLoader).load(id);
    if (!trainee) return null;
    return seesContactDetails(await relationToTrainee(loaders, identity, trainee)) ? trainee : null;
  },

  /** The caller's own trainee record, if their sign-in is linked to one. */
  mine(loaders: Loaders, identity: Identity): Promise<Trainee | null> {
    if (!identity.subject) return Promise.resolve(null);
    return loaders.get(traineeBySubjectLoader).load(identity.subject);
  },

  /** Trainees by name (accent- and case-insensitive) and employer, in name order. */
  async list(em: EntityManager, filter: TraineeFilter): Promise<Page<Trainee>> {
    const where: FilterQuery<Trainee> = {};
    const key = filter.search ? searchKey(filter.search) : '';
    if (key) where.searchName = { $like: `%${likeEscape(key)}%` };
    if (filter.employerTaxCode) where.employerTaxCode = filter.employerTaxCode.trim();
    const [items, total] = await em.findAndCount(Trainee, where, {
      orderBy: { searchName: 'asc', id: 'asc' },
      offset: filter.offset,
      limit: filter.limit,
    });
    return { items, total, offset: filter.offset, limit: filter.limit };
  },

  /**
   * Changes a trainee's details from the version the caller saw. Administrators change any
   * detail; the person themself and the trainers of a course they are in (not withdrawn from)
   * only the contact and employment details: email, phone, position, employer.
   */
  update(em: EntityManager, identity: Identity, id: string, version: number, changes: TraineeChanges): Promise<Trainee> {
    if (!identity.subject) throw new UnauthenticatedError();
    requireId('id', id);
    return inTransaction(
      em,
      async (tx) => {
        const trainee = await tx.findOne(Trainee, { id });
        if (!trainee) throw new NotFoundError('Trainee', id, 'học viên');
        const relation = await relationToTraineeIn(tx, identity, trainee);
        if (relation !== 'ADMIN' && relation !== 'OWNER' && relation !== 'COURSE_TRAINER') {
          throw new ForbiddenActionError(
            'Only administrators, the person and the trainers of their courses may change this trainee.',
          );
        }
        assertVersion(trainee, version, 'Hồ sơ học viên', 'trainee');
        const keep = <T>(given: T | null | undefined, current: T | null): T | null => (given === undefined ? current : given);
        const details: TraineeDetails = {
          ...(changes.fullName === undefined || changes.fullName === null
            ? { fullName: trainee.fullName, searchName: trainee.searchName }
            : checkFullName(changes.fullName)),
          citizenId: checkCitizenId(keep(changes.citizenId, trainee.citizenId)),
          dateOfBirth: checkDateOfBirth(keep(changes.dateOfBirth, trainee.dateOfBirth)),
          email: checkEmail(keep(changes.email, trainee.email)),
          phone: checkPhone(keep(changes.phone, trainee.phone)),
          employerTaxCode: checkTaxCode(keep(changes.employerTaxCode, trainee.employerTaxCode)),
          position: checkPosition(keep(changes.position, trainee.position)),
        };
        const changed = DETAIL_FIELDS.filter((name) => details[name] !== trainee[name]);
        // A detail sent back as it stands is no change: a form may send the whole record.
        const identityChanged = changed.filter((name) => IDENTITY_FIELDS.includes(name));
        if (relation !== 'ADMIN' && identityChanged.length > 0) {
          throw new DomainError(
            'FORBIDDEN',
            'Chỉ quản trị viên được sửa họ và tên, số căn cước công dân và ngày sinh của học viên. Hãy đề nghị quản trị viên đính chính.',
            'Only administrators may change the full name, citizen ID or date of birth of a trainee. Ask an administrator to correct them.',
            { fields: identityChanged },
          );
        }
        await assertUniqueFree(tx, trainee, details, hasAnyRole(identity, ['admin', 'trainer']));
        if (changed.length > 0) {
          tx.assign(trainee, details);
          // Names of the changed details only: their values are personal data.
          audit(tx, identity, { entityType: 'Trainee', entityId: trainee.id, action: 'UPDATED', changes: { fields: changed } });
        }
        return trainee;
      },
      TRAINEE_UNIQUE_MEANINGS,
    );
  },

  /** Links a sign-in (token subject) to a trainee record: at most one record per subject. */
  linkAccount(em: EntityManager, identity: Identity, traineeId: string, subject: string): Promise<Trainee> {
    requireId('traineeId', traineeId);
    const linked = subject.trim();
    if (linked.length === 0 || linked.length > 200) {
      throw new BadInputError('subject', 'Mã người dùng không hợp lệ.', 'The user id (subject) is not valid.');
    }
    return inTransaction(
      em,
      async (tx) => {
        const trainee = await tx.findOne(Trainee, { id: traineeId });
        if (!trainee) throw new NotFoundError('Trainee', traineeId, 'học viên');
        const holder = await tx.findOne(Trainee, { subject: linked });
        if (holder && holder.id !== trainee.id) {
          throw new ConflictError(
            'Tài khoản này đã được liên kết với một học viên khác.',
            'This account is already linked to another trainee.',
            { traineeId: holder.id },
          );
        }
        const previous = trainee.subject;
        if (previous !== linked) {
          trainee.subject = linked;
          audit(tx, identity, {
            entityType: 'Trainee',
            entityId: trainee.id,
            action: 'ACCOUNT_LINKED',
            changes: { from: previous, to: linked },
          });
        }
        return trainee;
      },
      TRAINEE_UNIQUE_MEANINGS,
    );
  },
};
