import { REDACTED, redactAuthorizerOutput, redactText } from '../../src/redact';
import { KC_AUTHORIZER_OUTPUT_CUT, SPACEFINDER_TRACE, WSC_AUTHORIZER_CRASH } from './fixtures';

const DENY_POLICY =
  '"policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets"}]}';

interface OutputCase {
  name: string;
  raw: string;
  expected: string;
}

const outputCases: OutputCase[] = [
  {
    name: 'complete output: context values and usageIdentifierKey',
    raw: `{"principalId":"user-42",${DENY_POLICY},"context":{"tenant":"acme","admin":false,"quota":1000,"extension_secret":"xs-1"},"usageIdentifierKey":"Zx9Yw8Vu7Ts6Rq5Po4Nm"}`,
    expected: `{"principalId":"user-42",${DENY_POLICY},"context":{"tenant":"[REDACTED]","admin":"[REDACTED]","quota":"[REDACTED]","extension_secret":"[REDACTED]"},"usageIdentifierKey":"[REDACTED]"}`,
  },
  {
    name: 'pretty-printed over lines',
    raw: '{\n  "principalId": "user-42",\n  "context": {\n    "email": "jane@example.com",\n    "tier": 3\n  },\n  "policyDocument": {\n    "Version": "2012-10-17"\n  }\n}',
    expected:
      '{\n  "principalId": "user-42",\n  "context": {\n    "email": "[REDACTED]",\n    "tier": "[REDACTED]"\n  },\n  "policyDocument": {\n    "Version": "2012-10-17"\n  }\n}',
  },
  {
    name: 'truncated by API Gateway inside a context value',
    raw: `{"principalId":"user-42",${DENY_POLICY},"context":{"tenant":"acme","email":"jane@exam [TRUNCATED]`,
    expected: `{"principalId":"user-42",${DENY_POLICY},"context":{"tenant":"[REDACTED]","email":"[REDACTED] [TRUNCATED]`,
  },
  {
    name: 'truncated by API Gateway after a number',
    raw: '{"principalId":"u","context":{"tenant":"acme","limit":12 [TRUNCATED]',
    expected: '{"principalId":"u","context":{"tenant":"[REDACTED]","limit":"[REDACTED]" [TRUNCATED]',
  },
  {
    name: 'cut off by a copy inside a context key',
    raw: '{"principalId":"u","context":{"tenant":"acme","ema',
    expected: '{"principalId":"u","context":{"tenant":"[REDACTED]","ema',
  },
  {
    name: 'nested context values (API Gateway rejects them) keep their shape',
    raw: '{"principalId":"u","context":{"user":{"id":"u-1","roles":["admin","ops"]},"empty":"","none":null}}',
    expected:
      '{"principalId":"u","context":{"user":{"id":"[REDACTED]","roles":["[REDACTED]","[REDACTED]"]},"empty":"","none":null}}',
  },
  {
    name: 'escaped JSON from a log export',
    raw: '{\\"principalId\\":\\"u\\",\\"context\\":{\\"tenant\\":\\"acme\\",\\"note\\":\\"say \\\\\\"hi\\\\\\"\\",\\"n\\":5}}","ingestionTime":1',
    expected:
      '{\\"principalId\\":\\"u\\",\\"context\\":{\\"tenant\\":\\"[REDACTED]\\",\\"note\\":\\"[REDACTED]\\",\\"n\\":\\"[REDACTED]\\"}}","ingestionTime":1',
  },
  {
    name: 'JavaScript-style object from a console.log',
    raw: "{ principalId: 'user-42', context: { tenant: 'acme', admin: true } }",
    expected: "{ principalId: 'user-42', context: { tenant: '[REDACTED]', admin: \"[REDACTED]\" } }",
  },
  {
    name: 'credential-named fields outside the context',
    raw: '{"principalId":"u","usageIdentifierKey":"k-1","debug":{"access_token":"at-1","path":"/pets"}}',
    expected:
      '{"principalId":"u","usageIdentifierKey":"[REDACTED]","debug":{"access_token":"[REDACTED]","path":"/pets"}}',
  },
  {
    name: 'a JWT used as principalId',
    raw: '{"principalId":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl","policyDocument":{}}',
    expected: '{"principalId":"[REDACTED]","policyDocument":{}}',
  },
  {
    name: 'null output',
    raw: 'null',
    expected: 'null',
  },
];

describe('Function: redactAuthorizerOutput', () => {
  it.each(outputCases)('masks $name', ({ raw, expected }) => {
    expect(redactAuthorizerOutput(raw)).toBe(expected);
  });

  it.each(outputCases)('is idempotent on $name', ({ raw }) => {
    const once = redactAuthorizerOutput(raw);
    expect(redactAuthorizerOutput(once)).toBe(once);
  });

  it('accepts the whole log message, prefix included', () => {
    // Prepare
    const message = `Authorizer result body before parsing: {"principalId":"u","context":{"tenant":"acme"}}`;

    // Act
    const output = redactAuthorizerOutput(message);

    // Assess
    expect(output).toBe(
      `Authorizer result body before parsing: {"principalId":"u","context":{"tenant":"${REDACTED}"}}`,
    );
  });

  it.each([
    ['the spacefinder Deny with an empty principal', SPACEFINDER_TRACE[5]],
    ['the Knowledge Center sample cut inside the policy', KC_AUTHORIZER_OUTPUT_CUT],
    ['a crashed authorizer (error object, truncated)', WSC_AUTHORIZER_CRASH],
  ])('keeps %s unchanged', (_name, line) => {
    expect(redactAuthorizerOutput(line)).toBe(line);
  });
});

describe('Function: redactText on authorizer outputs', () => {
  it('masks the context automatically and keeps the Deny policy', () => {
    // Prepare
    const line = `Sun May 07 05:37:15 UTC 2017 : Authorizer result body before parsing: {"principalId":"user-42",${DENY_POLICY},"context":{"tenantId":"t-77","userEmail":"jane@example.com"}}`;

    // Act
    const output = redactText(line);

    // Assess
    expect(output).not.toContain('t-77');
    expect(output).not.toContain('jane@example.com');
    expect(output).toContain(DENY_POLICY);
    expect(output).toContain('"principalId":"user-42"');
    expect(output).toContain('"context":{"tenantId":"[REDACTED]","userEmail":"[REDACTED]"}');
  });

  it('stops at the end of the output and leaves the following lines alone', () => {
    // Prepare
    const paragraph = [
      'Authorizer result body before parsing:',
      '{',
      '  "principalId": "user-42",',
      '  "context": { "tenant": "acme" }',
      '}',
      'Using valid authorizer policy for principal: user-42',
      'Successfully completed authorizer execution',
    ].join('\n');

    // Act
    const output = redactText(paragraph);

    // Assess
    expect(output).toBe(paragraph.replace('"acme"', `"${REDACTED}"`));
  });

  it('stops where a cut-off output runs into the next log line', () => {
    // Prepare
    const paragraph =
      'Authorizer result body before parsing: {"principalId":"u","context":{"tenant":"acme",\n' +
      'Thu Jun 08 15:09:51 UTC 2023 : Using valid authorizer policy for principal: u';

    // Act
    const output = redactText(paragraph);

    // Assess
    expect(output).toBe(paragraph.replace('"acme"', `"${REDACTED}"`));
  });

  it('handles several outputs in one text', () => {
    // Prepare
    const text = [
      'Authorizer result body before parsing: {"principalId":"a","context":{"k":"v1"}}',
      'Authorizer result body before parsing: {"principalId":"b","context":{"k":"v2"}}',
    ].join('\n');

    // Act
    const output = redactText(text);

    // Assess
    expect(output).not.toMatch(/v1|v2/);
    expect(output).toContain('"principalId":"a"');
    expect(output).toContain('"principalId":"b"');
  });
});

describe('Function: redactText on an authorizer output quoted without the log marker', () => {
  it('masks the context of a cached result why403 quotes in its own words', () => {
    // Prepare
    const line =
      'Cached result from request 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a: {"principalId":"user-4711","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders/17"}]},"context":{"tenant":"t-88","email":"ana@example.com"}}';

    // Act
    const output = redactText(line);

    // Assess
    expect(output).not.toContain('ana@example.com');
    expect(output).not.toContain('t-88');
    expect(output).toContain('"tenant":"[REDACTED]"');
    expect(output).toContain('a1b2c3d4e5/prod/GET/orders/17');
    expect(output).toContain('9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a');
  });
});

describe('Function: redactText on authorizer outputs quoted inside one another', () => {
  const inner = (n: number) => `{"principalId":"u-${n}","context":{"email":"user${n}@example.com"}`;

  it('masks the context of every nested output, thousands deep, in one pass', () => {
    const nested = `${Array.from({ length: 3_000 }, (_, n) => `${inner(n)},"next":`).join('')}null`;
    const output = redactText(nested);
    expect(output).not.toMatch(/user\d+@example\.com/);
    expect(output).toContain('"principalId":"u-2999"');
  });

  it('masks an output quoted, escaped, inside a string value of another', () => {
    const escaped = JSON.stringify(`${inner(1)}}`).slice(1, -1);
    const output = redactText(`{"principalId":"u-0","note":"${escaped}"}`);
    expect(output).not.toContain('user1@example.com');
    expect(output).toContain('u-0');
  });
});
