import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * One person who trains, whatever the number of courses (học viên). Personal data (Decree
 * 13/2023/NĐ-CP): citizen ID, birth date, email and phone are shown only to the person and to
 * administrators and trainers who need them; the citizen ID is masked for everyone but the owner
 * and administrators. Field resolvers enforce that; the GraphQL fields are declared there.
 */
@Directive('@key(fields: "id")')
@ObjectType('Trainee', { description: 'A person who trains (học viên).' })
@Entity({ tableName: 'trainee' })
@Check({ name: 'trainee_citizen_id_format', expression: "citizen_id ~ '^[0-9]{12}$'" })
@Index({ properties: ['searchName'] })
@Index({ properties: ['employerTaxCode'] })
export class Trainee {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Field(() => String, { description: 'Full name in Vietnamese, Unicode NFC.' })
  @Property({ type: 'string', length: 200 })
  fullName!: string;

  /** Lower case without diacritics, for accent-insensitive search. */
  @Property({ type: 'string', length: 200 })
  searchName!: string;

  @Property({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  /** Lower case. One record per person: unique when present. */
  @Property({ type: 'string', length: 254, nullable: true, unique: true })
  email!: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  phone!: string | null;

  /** Căn cước công dân, 12 digits. One record per person: unique when present. */
  @Property({ type: 'string', length: 12, nullable: true, unique: true })
  citizenId!: string | null;

  @Field(() => String, { nullable: true, description: 'Tax code of the employer (mã số thuế).' })
  @Property({ type: 'string', length: 14, nullable: true })
  employerTaxCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Position at the employer (chức vụ).' })
  @Property({ type: 'string', length: 200, nullable: true })
  position!: string | null;

  /** The identity provider's user id of this person, when they sign in. */
  @Property({ type: 'string', length: 200, nullable: true, unique: true })
  subject!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Field(() => Number, { description: 'Version for optimistic concurrency.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}
