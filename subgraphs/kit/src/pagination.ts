import { Max, Min } from 'class-validator';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';

/** Offset pagination arguments shared by every list query. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip.' })
  @Min(0)
  offset = 0;

  @Field(() => Int, { defaultValue: 50, description: 'Items to return, 1 to 200.' })
  @Min(1)
  @Max(200)
  limit = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

/** A page type per item type, e.g. `pageType(Course, 'CoursePage')`. */
export function pageType<T extends object>(itemType: ClassType<T>, name: string) {
  @ObjectType(name, { description: `A page of ${itemType.name} items.` })
  class PageOf implements Page<T> {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => Int, { description: 'Items matching, across all pages.' })
    total!: number;

    @Field(() => Int)
    offset!: number;

    @Field(() => Int)
    limit!: number;
  }
  return PageOf;
}
