import {
  isRoleArn,
  validateRegion,
  validateRequestId,
  validateRestApiId,
  validateStage,
} from '../../src/config/ids';
import { inputError } from '../support/failures';
import { describeError } from '../../src/errors';

describe('validateRequestId', () => {
  it.each([
    ['cf101403-4a17-11e7-935f-35dfc4618b7d', 'cf101403-4a17-11e7-935f-35dfc4618b7d'],
    ['  49a6b913-a965-4f66-a9e1-7b4ccf3b96cc\n', '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc'],
    ['CF101403-4A17-11E7-935F-35DFC4618B7D', 'cf101403-4a17-11e7-935f-35dfc4618b7d'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateRequestId(input)).toBe(expected);
  });

  it.each(['cF1hXGmxIAMFbsQ=', 'Xa1bC2dE3fG4hI5jK6=', 'ab-cd_ef+gh/ij='])(
    'recognises the extended request id %s and asks for the request id instead',
    (input) => {
      const error = inputError(() => validateRequestId(input));
      expect(error.message).toBe(`"${input}" looks like an extended request id (x-amz-apigw-id)`);
      expect(describeError(error).hint).toContain('x-amzn-RequestId');
    },
  );

  it.each([
    ['a UUID without dashes', 'cf1014034a1711e7935f35dfc4618b7d'],
    ['a UUID with non-hex letters', 'zf101403-4a17-11e7-935f-35dfc4618b7d'],
    ['an empty string', ''],
  ])('rejects %s', (_label, input) => {
    const error = inputError(() => validateRequestId(input));
    expect(error.message).toBe(`"${input.trim()}" is not an API Gateway request id`);
    expect(describeError(error).hint).toBe(
      'give the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
    );
  });

  it.each([
    ['cf101403-4a17-11e7-935f-35dfc4618b7', 35],
    ['cf101403-4a17-11e7-935f-35dfc…', 29],
    ['cf101403-4a17-11e7...', 18],
    ['cf101403', 8],
  ])('says %j is cut short', (input, length) => {
    const error = inputError(() => validateRequestId(input));
    expect(error.message).toBe(
      `"${input}" is cut short: a request id has 36 characters, and ${length} are here`,
    );
    expect(describeError(error).hint).toContain('x-amzn-RequestId');
  });

  it.each([
    ['\u200bcf101403-4a17-11e7-935f-35dfc4618b7d\u200b'],
    ['\u2060“cf101403-4a17-11e7-935f-35dfc4618b7d”\ufeff'],
  ])('takes off the invisible characters Slack pastes around %j', (input) => {
    expect(validateRequestId(input)).toBe('cf101403-4a17-11e7-935f-35dfc4618b7d');
  });

  it.each([
    [
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_abc1234567$252Fprod',
      'give the x-amzn-RequestId of the failed call alone; that address shows the execution log of API abc1234567, stage prod',
    ],
    [
      'https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#logsV2:log-groups',
      'give the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
    ],
  ])('says a console address without a request id is one: %s', (input, hint) => {
    const error = inputError(() => validateRequestId(input));
    expect(error.message).toMatch(/ is a CloudWatch console address, not a request id$/);
    expect(describeError(error).hint).toBe(hint);
  });

  it('rejects a filter-pattern injection, naming the id it holds', () => {
    const error = inputError(() => validateRequestId('cf101403-4a17-11e7-935f-35dfc4618b7d" ?ERROR'));
    expect(error.message).toBe(
      '"cf101403-4a17-11e7-935f-35dfc4618b7d" ?ERROR" is not a request id alone: it holds 1 request id',
    );
  });

  it('clips a long input in the message to 60 characters', () => {
    const long = 'x'.repeat(200);
    const error = inputError(() => validateRequestId(long));
    expect(error.message).toBe(`"${'x'.repeat(57)}…" is not an API Gateway request id`);
  });
});

describe('validateRestApiId', () => {
  it.each([
    ['abc1234567', 'abc1234567'],
    [' a1b2c3d4e5 ', 'a1b2c3d4e5'],
    ['https://abc1234567.execute-api.eu-west-1.amazonaws.com/prod/pets', 'abc1234567'],
    ['http://abc1234567.execute-api.us-east-1.amazonaws.com', 'abc1234567'],
    ['abc1234567.execute-api.eu-west-1.amazonaws.com', 'abc1234567'],
  ])('accepts %j as %s', (input, expected) => {
    expect(validateRestApiId(input)).toBe(expected);
  });

  it.each([
    ['ABC1234567', 'abc1234567'],
    [' A1b2C3d4E5 ', 'a1b2c3d4e5'],
  ])('refuses the capitals of %j, naming the id in lower case', (input, lower) => {
    const error = inputError(() => validateRestApiId(input));
    expect(error.message).toBe(`"${input.trim()}" is not a REST API id: API ids are lower case`);
    expect(describeError(error).hint).toBe(`did you mean ${lower}?`);
  });

  it('names the API and stage of a CloudWatch console address given as the API', () => {
    const error = inputError(() =>
      validateRestApiId(
        'https://us-east-1.console.aws.amazon.com/cloudwatch/home#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_abc1234567%2Fbeta',
      ),
    );
    expect(error.message).toMatch(/ is a CloudWatch console address, not a REST API id$/);
    expect(describeError(error).hint).toBe(
      'that address shows the execution log of API abc1234567, stage beta',
    );
  });

  it.each([
    ['capitals that make no id', 'ABC123456'],
    ['nine characters', 'abc123456'],
    ['eleven characters', 'abc12345678'],
    ['a custom domain', 'https://api.example.com/prod'],
    ['an HTTP API id in an ARN', 'arn:aws:execute-api:eu-west-1:123456789012:abc1234567/*'],
    ['punctuation', 'abc-123456'],
  ])('rejects %s', (_label, input) => {
    const error = inputError(() => validateRestApiId(input));
    expect(error.message).toMatch(/ is not a REST API id$/);
    expect(describeError(error).hint).toBe(
      'give the 10-character id from https://{api-id}.execute-api.{region}.amazonaws.com',
    );
  });
});

describe('validateStage', () => {
  it.each([
    ['prod', 'prod'],
    [' dev ', 'dev'],
    ['v2_beta-1', 'v2_beta-1'],
    ['$default'.slice(1), 'default'],
    ['a'.repeat(128), 'a'.repeat(128)],
  ])('accepts %j', (input, expected) => {
    expect(validateStage(input)).toBe(expected);
  });

  it.each([
    ['prod/v1', 'prod'],
    ['/prod', 'prod'],
    ['prod/', 'prod'],
    ['/staging/pets/42', 'staging'],
  ])('refuses the slash in %j, naming the stage', (input, stage) => {
    const error = inputError(() => validateStage(input));
    expect(error.message).toBe(`"${input}" is not a stage name: a stage name has no slash`);
    expect(describeError(error).hint).toBe(
      `give the stage alone: ${stage} (what follows it in a URL is the resource path)`,
    );
  });

  it.each([
    ['slashes alone', '//'],
    ['a space inside', 'my stage'],
    ['a dot', 'v1.2'],
    ['129 characters', 'a'.repeat(129)],
    ['nothing', '   '],
  ])('rejects %s', (_label, input) => {
    const error = inputError(() => validateStage(input));
    expect(error.message).toMatch(/ is not a stage name$/);
    expect(describeError(error).hint).toBe('stage names use letters, digits, - and _ (e.g. prod)');
  });
});

describe('validateRegion', () => {
  it.each([
    'us-east-1',
    'eu-west-1',
    'ap-southeast-2',
    'eu-central-2',
    'me-south-1',
    'il-central-1',
    'ca-west-1',
    'cn-north-1',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-isob-east-1',
  ])('accepts %s', (region) => {
    expect(validateRegion(region)).toBe(region);
  });

  it('trims the input', () => {
    expect(validateRegion('  eu-west-1 ')).toBe('eu-west-1');
  });

  it.each([
    ['US-EAST-1', '"US-EAST-1" is not an AWS region: regions are lower case', 'did you mean us-east-1?'],
    [' Eu-West-1', '"Eu-West-1" is not an AWS region: regions are lower case', 'did you mean eu-west-1?'],
    ['eu-west-1a', '"eu-west-1a" is an Availability Zone, not a region', 'did you mean eu-west-1?'],
    ['US-EAST-1B', '"US-EAST-1B" is an Availability Zone, not a region', 'did you mean us-east-1?'],
  ])('refuses %j, naming the region meant', (region, message, hint) => {
    const error = inputError(() => validateRegion(region));
    expect(error.message).toBe(message);
    expect(describeError(error).hint).toBe(hint);
  });

  it.each(['EUROPE-1', 'useast1', 'us-east', 'europe', 'eu_west_1', 'us-east-1; rm -rf /', ''])(
    'rejects %j',
    (region) => {
      const error = inputError(() => validateRegion(region));
      expect(error.message).toBe(`"${region.trim()}" is not an AWS region`);
      expect(describeError(error).hint).toBe('give a region such as us-east-1 or eu-west-1');
    },
  );
});

describe('isRoleArn', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/why403-reader', true],
    ['arn:aws:iam::123456789012:role/service-role/why403.reader@team', true],
    ['arn:aws-cn:iam::123456789012:role/why403', true],
    ['arn:aws-us-gov:iam::123456789012:role/why403', true],
    ['arn:aws:iam::123456789012:user/alice', false],
    ['arn:aws:iam::12345678901:role/short-account', false],
    ['arn:aws:sts::123456789012:assumed-role/why403/session', false],
    ['arn:aws:iam::123456789012:role/', false],
    ['arn:aws:iam::123456789012:role/with space', false],
    ['why403-reader', false],
  ])('%s → %s', (arn, expected) => {
    expect(isRoleArn(arn)).toBe(expected);
  });
});
