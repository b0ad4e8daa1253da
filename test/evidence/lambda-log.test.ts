import { parseLambdaLog } from '../../src/evidence/lambda-log';

const ID = '6bc28136-xmpl-4365-b021-0ce6b2e64ab0'.replace('xmpl', 'a1b2');
const T = Date.parse('2026-11-30T08:00:00Z');

function events(...messages: string[]) {
  return messages.map((message, i) => ({ timestamp: T + i, message }));
}

describe('parseLambdaLog', () => {
  it.each([
    {
      name: 'Node.js: a thrown "Unauthorized" (trace field)',
      log: events(
        `START RequestId: ${ID} Version: $LATEST`,
        `2026-11-30T08:00:00.010Z\t${ID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"Unauthorized","trace":["Error: Unauthorized","    at Runtime.handler (/var/task/index.js:9:11)"]}`,
        `END RequestId: ${ID}`,
        `REPORT RequestId: ${ID}\tDuration: 12.08 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB`,
      ),
      expected: { unauthorized: true, coldStart: false, timedOut: false },
    },
    {
      name: 'Node.js: an uncaught TypeError, cold start (older stack field)',
      log: events(
        'INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc',
        `START RequestId: ${ID} Version: $LATEST`,
        `2026-11-30T08:00:00.010Z\t${ID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'split')","stack":["TypeError: Cannot read properties of undefined (reading 'split')","    at Runtime.handler (/var/task/index.js:4:40)","    at Runtime.handleOnce (/var/runtime/Runtime.js:66:25)","    at more"]}`,
        `END RequestId: ${ID}`,
        `REPORT RequestId: ${ID}\tDuration: 2.1 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 180.22 ms`,
      ),
      expected: {
        unauthorized: false,
        coldStart: true,
        error: {
          type: 'TypeError',
          message: "Cannot read properties of undefined (reading 'split')",
          stack: [
            'at Runtime.handler (/var/task/index.js:4:40)',
            'at Runtime.handleOnce (/var/runtime/Runtime.js:66:25)',
            'at more',
          ],
        },
      },
    },
    {
      name: 'a timeout',
      log: events(
        `START RequestId: ${ID} Version: $LATEST`,
        `2026-11-30T08:00:03.010Z ${ID} Task timed out after 3.00 seconds`,
        `END RequestId: ${ID}`,
      ),
      expected: { timedOut: true, unauthorized: false },
    },
    {
      name: 'Python: [ERROR] Exception: Unauthorized with its traceback',
      log: events(
        `START RequestId: ${ID} Version: $LATEST`,
        '[ERROR] Exception: Unauthorized\nTraceback (most recent call last):\n  File "/var/task/app.py", line 12, in handler\n    raise Exception("Unauthorized")',
        `END RequestId: ${ID}`,
      ),
      expected: { unauthorized: true },
    },
    {
      name: 'Python: a KeyError',
      log: events(
        `START RequestId: ${ID} Version: $LATEST`,
        '[ERROR] KeyError: \'authorizationToken\'\nTraceback (most recent call last):\n  File "/var/task/app.py", line 5, in handler',
        `END RequestId: ${ID}`,
      ),
      expected: {
        error: {
          type: 'KeyError',
          message: "'authorizationToken'",
          stack: ['File "/var/task/app.py", line 5, in handler'],
        },
      },
    },
    {
      name: 'the JSON log format: platform records and an ERROR application record',
      log: events(
        `{"time":"2026-11-30T08:00:00.000Z","type":"platform.initStart","record":{"initializationType":"on-demand"}}`,
        `{"time":"2026-11-30T08:00:00.001Z","type":"platform.start","record":{"requestId":"${ID}","version":"$LATEST"}}`,
        `{"timestamp":"2026-11-30T08:00:00.005Z","level":"ERROR","requestId":"${ID}","message":{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'jsonwebtoken'","stackTrace":["Runtime.ImportModuleError: Error: Cannot find module 'jsonwebtoken'","    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)"]}}`,
        `{"time":"2026-11-30T08:00:00.009Z","type":"platform.report","record":{"requestId":"${ID}","metrics":{"durationMs":3.2,"initDurationMs":150.1},"status":"error"}}`,
      ),
      expected: {
        coldStart: true,
        error: {
          type: 'Runtime.ImportModuleError',
          message: "Error: Cannot find module 'jsonwebtoken'",
          stack: ['at _loadUserApp (file:///var/runtime/index.mjs:1087:17)'],
        },
      },
    },
  ])('$name', ({ log, expected }) => {
    const [invocation, ...others] = parseLambdaLog(log);
    expect(others).toHaveLength(0);
    expect(invocation).toMatchObject({ lambdaRequestId: ID, ...expected });
    if (!('error' in expected)) expect(invocation.error).toBeUndefined();
  });

  it('keeps invocations apart and in order', () => {
    const other = ID.replace('6bc28136', '7bc28136');
    const invocations = parseLambdaLog([
      { timestamp: T + 50, message: `START RequestId: ${other} Version: $LATEST` },
      { timestamp: T, message: `START RequestId: ${ID} Version: $LATEST` },
      { timestamp: T + 60, message: `END RequestId: ${other}` },
    ]);
    expect(invocations.map((i) => [i.lambdaRequestId, i.start, i.end])).toEqual([
      [ID, T, undefined],
      [other, T + 50, T + 60],
    ]);
  });
});
