import { WebMyCoursesDocument } from '@metrology/sdk';
import { request } from '../api/client';
import { useAuth } from '../auth';
import { Badge, ErrorMessage, Loading, PageTitle } from '../components/ui';
import { formatCount, formatDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { routeHref } from '../routes';

/** The trainer's courses (khóa học của tôi), latest first. */
export function TrainerPage() {
  const { t, language } = useI18n();
  const { session } = useAuth();
  const courses = useLoad(`my-courses:${session?.subject}`, () => request(WebMyCoursesDocument));

  return (
    <section className="page">
      <PageTitle>{t.myCourses}</PageTitle>
      <ErrorMessage error={courses.error} onRetry={courses.reload} />
      {courses.loading && !courses.data ? <Loading /> : null}
      {courses.data && courses.data.myCourses.items.length === 0 ? <p>{t.noCourses}</p> : null}
      <ul className="card-list">
        {courses.data?.myCourses.items.map((course) => (
          <li key={course.id} className="card">
            <h2 className="card-title">
              <a href={routeHref({ page: 'course', courseId: course.id })}>{course.title}</a>
            </h2>
            <p className="meta">
              <span>{course.code}</span>
              <span>
                {formatDate(course.startDate)} – {formatDate(course.endDate)}
              </span>
              <span>
                {t.enrolled}: {formatCount(course.enrolmentCount, language)}
              </span>
              <Badge tone={course.status === 'COMPLETED' ? 'done' : course.status === 'CANCELLED' ? 'muted' : 'info'}>
                {t.courseStatus[course.status]}
              </Badge>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
