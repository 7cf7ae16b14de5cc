export * from './audit';
export * from './companies';
export * from './roles';
export * from './users';
export * from './live';
