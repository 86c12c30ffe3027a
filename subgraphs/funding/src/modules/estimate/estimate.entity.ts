import { LocalDateScalar, MoneyScalar } from '@metrology/kit';
import { BigIntType, Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FundingSource } from '../envelope/envelope.entity';
import { Plan } from '../plan/plan.entity';

/** Where an annual estimate stands: draft → submitted → approved or rejected. */
export enum EstimateStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(EstimateStatus, {
  name: 'EstimateStatus',
  description: 'Where an annual estimate (dự toán) stands.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared (dự thảo); may still be edited.' },
    SUBMITTED: { description: 'Sent to the department that decides it (đã trình).' },
    APPROVED: { description: 'Approved, with the approved amount (đã được duyệt).' },
    REJECTED: { description: 'Rejected, with a reason (bị từ chối); a new estimate may be drafted.' },
  },
});

/** The department an estimate goes to, derived from its source (docs/RULES.md, "Estimates"). */
export enum EstimateRecipient {
  DEPARTMENT_OF_PLANNING_AND_INVESTMENT = 'DEPARTMENT_OF_PLANNING_AND_INVESTMENT',
  DEPARTMENT_OF_FINANCE = 'DEPARTMENT_OF_FINANCE',
}
registerEnumType(EstimateRecipient, {
  name: 'EstimateRecipient',
  description: 'The department an estimate is submitted to, derived from its source.',
  valuesConfig: {
    DEPARTMENT_OF_PLANNING_AND_INVESTMENT: {
      description: 'Sở Kế hoạch và Đầu tư: development investment (chi đầu tư phát triển).',
    },
    DEPARTMENT_OF_FINANCE: { description: 'Sở Tài chính: the science operating budget (chi thường xuyên).' },
  },
});

/** An annual budget estimate of one state source (dự toán ngân sách hằng năm). */
@ObjectType('BudgetEstimate', { description: 'Annual budget estimate (dự toán) of one state source for one year.' })
@Entity({ tableName: 'budget_estimate' })
@Unique({
  name: 'budget_estimate_open_unique',
  expression:
    'create unique index "budget_estimate_open_unique" on "budget_estimate" ("plan_id", "source", "year") where "status" <> \'REJECTED\'',
})
@Check({ name: 'budget_estimate_requested_amount_non_negative', expression: 'requested_amount >= 0' })
@Check({
  name: 'budget_estimate_decision_consistent',
  expression:
    "(status = 'APPROVED') = (approved_amount is not null) and (status = 'REJECTED') = (rejection_reason is not null) and (status = 'DRAFT') = (recipient is null) and (approved_amount is null or approved_amount >= 0)",
})
export class BudgetEstimate {
  @Field(() => ID, { description: 'Id of the estimate.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Plan })
  plan!: Plan;

  @Field(() => FundingSource, { description: 'A state source: science operating or development investment.' })
  @Enum({ items: () => FundingSource, type: 'string' })
  source!: FundingSource;

  @Field(() => Int, { description: 'Budget year.' })
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Amount asked for, in whole VND.' })
  @Property({ type: new BigIntType('bigint') })
  requestedAmount!: bigint;

  @Field(() => String, { nullable: true, description: 'Explanation (thuyết minh), optional.' })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => EstimateStatus, { description: 'Where it stands in draft → submitted → approved or rejected.' })
  @Enum({ items: () => EstimateStatus, type: 'string' })
  status!: EstimateStatus;

  @Field(() => EstimateRecipient, { nullable: true, description: 'Where it was submitted; null while a draft.' })
  @Enum({ items: () => EstimateRecipient, type: 'string', nullable: true })
  recipient!: EstimateRecipient | null;

  @Field(() => Date, { nullable: true, description: 'When it was submitted.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /**
   * Token subject of who submitted it: the approval's four-eyes rule reads it (docs/ROLES.md).
   * Null while a draft, or when unknown (submitted before it was kept, or by the system).
   */
  @Property({ type: 'string', length: 200, nullable: true })
  submittedBy!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Amount approved, in whole VND; set on approval.' })
  @Property({ type: new BigIntType('bigint'), nullable: true })
  approvedAmount!: bigint | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the approval or rejection.' })
  @Property({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected; set on rejection.' })
  @Property({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with every change.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
