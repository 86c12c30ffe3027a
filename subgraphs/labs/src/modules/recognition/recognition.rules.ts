import { RecognitionEffectiveStatus, RecognitionStatus } from './recognition.entity';

/** What an officer may do to a recognition, and the status it leads to. */
export enum RecognitionAction {
  SUSPEND = 'SUSPEND',
  REINSTATE = 'REINSTATE',
  WITHDRAW = 'WITHDRAW',
}

/** Allowed moves: ACTIVE ⇄ SUSPENDED; either → WITHDRAWN, which is final. */
const MOVES: Record<RecognitionAction, { from: readonly RecognitionStatus[]; to: RecognitionStatus }> = {
  SUSPEND: { from: [RecognitionStatus.ACTIVE], to: RecognitionStatus.SUSPENDED },
  REINSTATE: { from: [RecognitionStatus.SUSPENDED], to: RecognitionStatus.ACTIVE },
  WITHDRAW: { from: [RecognitionStatus.ACTIVE, RecognitionStatus.SUSPENDED], to: RecognitionStatus.WITHDRAWN },
};

/** The status the action leads to from `status`, or null when the move is not allowed. */
export function recognitionMove(status: RecognitionStatus, action: RecognitionAction): RecognitionStatus | null {
  const move = MOVES[action];
  return move.from.includes(status) ? move.to : null;
}

export interface DatedChange {
  toStatus: RecognitionStatus;
  effectiveOn: string;
}

/**
 * The status at `asOf`: before "valid from" NOT_YET_VALID; otherwise the status of the latest
 * change effective by then (ACTIVE without one); WITHDRAWN stays WITHDRAWN, any other status
 * reads EXPIRED once the date is past "valid until". `changes` are in the order they were made.
 */
export function effectiveStatusAt(
  recognition: { validFrom: string; validUntil: string },
  changes: readonly DatedChange[],
  asOf: string,
): RecognitionEffectiveStatus {
  if (asOf < recognition.validFrom) return RecognitionEffectiveStatus.NOT_YET_VALID;
  let status = RecognitionStatus.ACTIVE;
  for (const change of changes) if (change.effectiveOn <= asOf) status = change.toStatus;
  if (status === RecognitionStatus.WITHDRAWN) return RecognitionEffectiveStatus.WITHDRAWN;
  if (asOf > recognition.validUntil) return RecognitionEffectiveStatus.EXPIRED;
  return status === RecognitionStatus.SUSPENDED ? RecognitionEffectiveStatus.SUSPENDED : RecognitionEffectiveStatus.ACTIVE;
}
