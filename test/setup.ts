import nock from 'nock';

// Strict HTTP mocking: nothing leaves the machine except loopback, and every interceptor a test sets up must be used.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const unused = nock.pendingMocks();
  nock.cleanAll();
  if (unused.length > 0) {
    throw new Error(`HTTP mocks set up but never called:\n  ${unused.join('\n  ')}`);
  }
});

// Jest loads nock afresh for every test file, but Node's http module is shared by the whole worker: without restore,
// each file would wrap http in one more interceptor and requests in later files would slow down file after file.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
