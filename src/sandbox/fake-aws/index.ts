export { startFakeAws } from './server';
export type {
  FakeAws,
  FakeAwsOptions,
  FakeAwsWorld,
  FakeCall,
  FakeLogEvent,
  FakeRestApi,
  FakeService,
} from './types';
