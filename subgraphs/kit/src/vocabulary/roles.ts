import { isRole, ROLES, type Role } from '../identity/identity';
import type { Bilingual } from './language';

export { isRole, ROLES, type Role };

/** The roles' names (docs/RULES.md, "Roles"), in docs/ROLES.md, refusals, the web app and the CLI. */
export const ROLE_NAMES: Readonly<Record<Role, Bilingual>> = {
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
  trainer: { vi: 'Giảng viên', en: 'Trainer' },
  trainee: { vi: 'Học viên', en: 'Trainee' },
  assessor: { vi: 'Cán bộ đo lường / đánh giá viên', en: 'Metrology officer / assessor' },
  finance: { vi: 'Cán bộ tài chính', en: 'Finance officer' },
  viewer: { vi: 'Người theo dõi (lãnh đạo, bảng điều khiển)', en: 'Viewer (leadership, dashboards)' },
};
