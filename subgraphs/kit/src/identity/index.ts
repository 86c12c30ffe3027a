export * from './demo-users';
export * from './identity';
export * from './jwt';
export * from './signature';
