import { LocalDateScalar, PageArgs, pageType, TextInput } from '@metrology/kit';
import { ArgsType, Field, InputType, ObjectType } from 'type-graphql';
import { Trainee } from './trainee.entity';

/** A page of trainees. */
export const TraineePage = pageType(Trainee, 'TraineePage');

@InputType('TraineeInput', {
  description: 'A person to register as a trainee (học viên). Personal data: kept from logs and public answers.',
})
export class TraineeInput {
  @TextInput('personName')
  @Field(() => String, { description: 'Full name in Vietnamese (họ và tên), any Unicode form; stored NFC.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Citizen ID (số căn cước công dân), exactly 12 digits.' })
  citizenId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth (ngày sinh).' })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: 'Email, stored in lower case.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone (số điện thoại): 8 to 15 digits, optionally after +.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Tax code of the employer (mã số thuế): 10 digits, or 10-3.' })
  employerTaxCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Position at the employer (chức vụ).' })
  position?: string | null;
}

@InputType('TraineeUpdateInput', {
  description: 'Changes to a trainee: only the fields given change; null clears an optional field.',
})
export class TraineeUpdateInput {
  @TextInput('personName')
  @Field(() => String, { nullable: true, description: 'Full name (họ và tên). Administrators only.' })
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'Citizen ID, exactly 12 digits. Administrators only.' })
  citizenId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth. Administrators only.' })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: 'Email. The trainee may change it themself.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone. The trainee may change it themself.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Tax code of the employer. The trainee may change it themself.' })
  employerTaxCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Position at the employer. The trainee may change it themself.' })
  position?: string | null;
}

@ArgsType()
export class TraineeListArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, without regard to accents or case ("nguyen van hai" finds "Nguyễn Văn Hải").',
  })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Only trainees of the employer with this tax code.' })
  employerTaxCode?: string | null;
}

@ObjectType('TraineeRegistration', { description: 'The outcome of registering a person as a trainee.' })
export class TraineeRegistration {
  @Field(() => Trainee, { description: 'The trainee record: the new one, or the one already on record.' })
  trainee!: Trainee;

  @Field(() => Boolean, {
    description: 'True when the person was already on record (same citizen ID or email): nothing new was created.',
  })
  matched!: boolean;
}
