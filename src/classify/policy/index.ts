export * from './combine';
export * from './conditions';
export * from './evaluate';
export * from './method-arn';
export * from './parse';
export * from './wildcard';
