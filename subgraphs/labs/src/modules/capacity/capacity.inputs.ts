import { LocalDateScalar, PageArgs, pageType } from '@metrology/kit';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { CapacityArea, CapacityProject } from './capacity.entity';

/** A page of capacity projects. */
export const CapacityProjectPage = pageType(CapacityProject, 'CapacityProjectPage');

@InputType('RegisterCapacityProjectInput', { description: 'A capacity project of an organisation (plan II.2.a).' })
export class RegisterCapacityProjectInput {
  @Field(() => ID, { description: 'Tax code of the organisation (registered first).' })
  organizationTaxCode!: string;

  @Field(() => String, { description: 'Title, at most 300 characters.' })
  title!: string;

  @Field(() => [CapacityArea], { description: 'What it raises: at least one.' })
  raised!: CapacityArea[];

  @Field(() => Int, { description: 'Year of the project, 2000 to 2100.' })
  year!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of completion, if already completed; not in the future.' })
  completedOn?: string | null;
}

@InputType('CompleteCapacityProjectInput', { description: 'Records the completion of a capacity project.' })
export class CompleteCapacityProjectInput {
  @Field(() => ID, { description: 'Id of the project.' })
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on; a stale one is CONFLICT.' })
  version!: number;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of completion; default today. Not in the future, not before the project year.',
  })
  completedOn?: string | null;
}

@ArgsType()
export class CapacityProjectListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the projects of this organisation (tax code).' })
  organizationTaxCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only completed (true) or not completed (false) projects.' })
  completed?: boolean | null;
}
