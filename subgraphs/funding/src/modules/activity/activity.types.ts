import { createUnionType, Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a disbursement paid for, when it paid for one activity of another subgraph. */
export enum ActivityKind {
  COURSE = 'COURSE',
  LABORATORY = 'LABORATORY',
  MEASUREMENT_STANDARD = 'MEASUREMENT_STANDARD',
  ASSURANCE_ENGAGEMENT = 'ASSURANCE_ENGAGEMENT',
}
registerEnumType(ActivityKind, {
  name: 'DisbursementActivityKind',
  description: 'Kind of activity a disbursement paid for; the activity itself lives in another subgraph.',
  valuesConfig: {
    COURSE: { description: 'A training course (khóa bồi dưỡng), owned by training.' },
    LABORATORY: { description: 'A laboratory (phòng thí nghiệm), owned by labs.' },
    MEASUREMENT_STANDARD: { description: 'A measurement standard or instrument (chuẩn đo lường), owned by labs.' },
    ASSURANCE_ENGAGEMENT: { description: 'A Measurement Assurance Programme engagement with an enterprise, owned by labs.' },
  },
});

/** An activity of another subgraph, known here by its id only. */
export interface ActivityStub {
  id: string;
}

/*
 * Key stubs of entities other subgraphs own (Course: training; the others: labs), with the
 * owners' descriptions. They are resolvable (not `resolvable: false`): funding contributes
 * `moneySpent` to each, so the gateway must be able to ask funding for them. Each is its own
 * class because type-graphql attaches field resolvers to a class.
 */

@Directive('@key(fields: "id")')
@ObjectType('Course', { description: 'A training course (khóa bồi dưỡng nghiệp vụ đo lường).' })
export class Course implements ActivityStub {
  @Field(() => ID, { description: 'Id of the course in the training subgraph.' })
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Laboratory', { description: 'A verification, calibration or testing laboratory (phòng thí nghiệm).' })
export class Laboratory implements ActivityStub {
  @Field(() => ID, { description: 'Id of the laboratory in the labs subgraph.' })
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('MeasurementStandard', {
  description: 'A measurement standard or instrument socialised (chuẩn đo lường, phương tiện đo được xã hội hóa).',
})
export class MeasurementStandard implements ActivityStub {
  @Field(() => ID, { description: 'Id of the standard in the labs subgraph.' })
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('AssuranceEngagement', {
  description: 'Support to an enterprise under the Measurement Assurance Programme (hỗ trợ doanh nghiệp đảm bảo đo lường).',
})
export class AssuranceEngagement implements ActivityStub {
  @Field(() => ID, { description: 'Id of the engagement in the labs subgraph.' })
  id!: string;
}

/** The stub class of each kind. */
export const ACTIVITY_TYPES = {
  [ActivityKind.COURSE]: Course,
  [ActivityKind.LABORATORY]: Laboratory,
  [ActivityKind.MEASUREMENT_STANDARD]: MeasurementStandard,
  [ActivityKind.ASSURANCE_ENGAGEMENT]: AssuranceEngagement,
} as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[ActivityKind];

/** The reference to an activity, as an instance of its stub class (the union resolves by class). */
export function activityOf(kind: ActivityKind, id: string): InstanceType<ActivityType> {
  return Object.assign(new ACTIVITY_TYPES[kind](), { id });
}

export const DisbursementActivity = createUnionType({
  name: 'DisbursementActivity',
  description: 'The activity a disbursement paid for: a course (training), a laboratory, a standard or an MAP engagement (labs).',
  types: () => [Course, Laboratory, MeasurementStandard, AssuranceEngagement] as const,
});
