import type { Role } from './identity';

/** The clearly labelled demo users of a development start, one per role. */
export const DEMO_USERS: { subject: string; name: string; roles: Role[] }[] = [
  { subject: 'demo-admin', name: 'Quản trị viên (demo)', roles: ['admin'] },
  { subject: 'demo-trainer', name: 'Giảng viên Trần Thị Bình (demo)', roles: ['trainer'] },
  { subject: 'demo-trainee', name: 'Học viên Nguyễn Văn Hải (demo)', roles: ['trainee'] },
  { subject: 'demo-assessor', name: 'Chuyên gia đánh giá Lê Minh (demo)', roles: ['assessor'] },
  { subject: 'demo-finance', name: 'Cán bộ tài chính Phạm Thu (demo)', roles: ['finance'] },
  { subject: 'demo-viewer', name: 'Lãnh đạo Sở KH&CN (demo)', roles: ['viewer'] },
];
