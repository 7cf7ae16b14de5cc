export * from './audit';
export * from './companies';
export * from './face';
export * from './live';
export * from './roles';
export * from './users';
