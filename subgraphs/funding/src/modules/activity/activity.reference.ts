import { ActivityKind, type ActivityStub, activityOf } from './activity.types';

/**
 * The gateway asks funding for activities by id only to read `moneySpent`: the reference is the
 * stub itself (whether the activity exists is for its owner to say).
 */
function stubReference(kind: ActivityKind) {
  return { __resolveReference: (reference: ActivityStub) => activityOf(kind, reference.id) };
}

export const activityReferences = {
  Course: stubReference(ActivityKind.COURSE),
  Laboratory: stubReference(ActivityKind.LABORATORY),
  MeasurementStandard: stubReference(ActivityKind.MEASUREMENT_STANDARD),
  AssuranceEngagement: stubReference(ActivityKind.ASSURANCE_ENGAGEMENT),
};
