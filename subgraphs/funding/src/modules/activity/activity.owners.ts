import { missingEntities, referencedNotFound, type SubgraphConfig, type SubgraphName } from '@metrology/kit';
import { ActivityKind } from './activity.types';

/** Which subgraph owns each kind of activity, and its type there. */
const OWNERS: Readonly<Record<ActivityKind, { owner: SubgraphName; typename: string; vi: string }>> = {
  [ActivityKind.COURSE]: { owner: 'training', typename: 'Course', vi: 'khóa bồi dưỡng' },
  [ActivityKind.LABORATORY]: { owner: 'labs', typename: 'Laboratory', vi: 'phòng thí nghiệm' },
  [ActivityKind.MEASUREMENT_STANDARD]: { owner: 'labs', typename: 'MeasurementStandard', vi: 'chuẩn đo lường' },
  [ActivityKind.ASSURANCE_ENGAGEMENT]: { owner: 'labs', typename: 'AssuranceEngagement', vi: 'hỗ trợ đảm bảo đo lường' },
};

/** Says whether an activity of another subgraph exists; the disbursement service asks before it writes. */
export interface ActivityOwners {
  /** NOT_FOUND on `activity.id` when the owner has no such activity; SERVICE_UNAVAILABLE when it cannot say. */
  assertExists(kind: ActivityKind, id: string): Promise<void>;
}

/**
 * Asks the owner itself, over the network (the kit's `missingEntities`: a signed `_entities`
 * query as funding's service identity), at the URL of funding's configuration.
 */
export function activityOwners(config: SubgraphConfig): ActivityOwners {
  return {
    async assertExists(kind, id) {
      const { owner, typename, vi } = OWNERS[kind];
      const missing = await missingEntities(
        { from: 'funding', owner, url: config.peers[owner], secret: config.gatewaySecret },
        typename,
        [id],
      );
      if (missing.length > 0) throw referencedNotFound('activity.id', typename, id, vi);
    },
  };
}

/** For writers that link no activity (the demo data set): a link from them is a programming error. */
export const NO_ACTIVITY_LINKS: ActivityOwners = {
  async assertExists() {
    throw new Error('This writer links no activity.');
  },
};
