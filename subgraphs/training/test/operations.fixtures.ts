/** GraphQL documents several test files send. */

export const TRAINEE = /* GraphQL */ `
  query($id: ID!) { trainee(id: $id) { id fullName citizenId dateOfBirth email phone } }
`;

export const TRAINEES = /* GraphQL */ `
  query($search: String) { trainees(search: $search) { items { id citizenId dateOfBirth email phone } } }
`;

export const UPDATE_TRAINEE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: TraineeUpdateInput!) {
    updateTrainee(id: $id, version: $version, input: $input) {
      id fullName citizenId dateOfBirth email phone position employerTaxCode version
    }
  }
`;

export const ENROL = /* GraphQL */ `
  mutation($courseId: ID!, $traineeId: ID!) { enrol(courseId: $courseId, traineeId: $traineeId) { id status version } }
`;

export const WITHDRAW = /* GraphQL */ `
  mutation($id: ID!, $version: Int!) { withdrawEnrolment(id: $id, version: $version) { id status } }
`;

export const ENTITIES = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Trainee { id fullName employerTaxCode position }
      ... on Course { id code }
    }
  }
`;

export const COMPLETE = /* GraphQL */ `
  mutation($courseId: ID!) {
    completeCourse(courseId: $courseId) { course { id status } completed notCompleted withdrawn }
  }
`;

export const SET_SCORE = /* GraphQL */ `
  mutation($enrolmentId: ID!, $score: Float!) { setExamScore(enrolmentId: $enrolmentId, score: $score) { id examScore } }
`;

export const REVOKE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { id status } }
`;

export const REISSUE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { reissueCertificate(id: $id, reason: $reason) { id serial holderName } }
`;

export const BULK = /* GraphQL */ `
  mutation($courseId: ID!) { issueCertificates(courseId: $courseId) { issued { id } skipped { enrolmentId code } } }
`;

export const UPDATE_COURSE = /* GraphQL */ `
  mutation($id: ID!, $version: Int!, $input: CourseUpdateInput!) {
    updateCourse(id: $id, version: $version, input: $input) { id capacity version }
  }
`;
