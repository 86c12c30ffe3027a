import { LocalDateScalar, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Recognition } from './recognition.entity';

/** A page of recognitions. */
export const RecognitionPage = pageType(Recognition, 'RecognitionPage');

@InputType('RecognitionStatusChangeInput', { description: 'A suspension, reinstatement or withdrawal of a recognition.' })
export class RecognitionStatusChangeInput {
  @Field(() => ID, { description: 'Id of the recognition.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @TextInput('text')
  @Field(() => String, {
    nullable: true,
    description: 'Reason (lý do), at most 2000 characters: required to suspend or withdraw.',
  })
  reason?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date it takes effect; default today. Not in the future, not before the validity start or the previous change.',
  })
  effectiveOn?: string | null;
}

@ArgsType()
export class RecognitionListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the recognitions of this laboratory.' })
  laboratoryId?: string | null;
}
