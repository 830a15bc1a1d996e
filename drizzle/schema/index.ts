export * from './tenants';
export * from './users';
export * from './sessions';
export * from './tenant-records';
export * from './identity';
export * from './portal';
export * from './questionnaires';
export * from './dpa';
