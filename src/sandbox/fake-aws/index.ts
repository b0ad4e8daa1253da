export { startFakeAws } from './server';
export type {
  FakeAws,
  FakeAwsOptions,
  FakeAwsWorld,
  FakeCall,
  FakeLogEvent,
  FakeRestApi,
  FakeService,
  FaultEntry,
  MalformedBody,
} from './types';
