import { english } from '../../src/render/localize';
import { findIds, parseCommand, type CommandRequest } from '../../src/slack/parse-command';

const ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const ID2 = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const API = 'abc123defg';
const URL = `https://${API}.execute-api.eu-west-1.amazonaws.com/prod/pets`;

describe('parseCommand', () => {
  it.each(['', '   ', 'help', 'HELP', 'Help me', '-h', '--help', '  help  '])('%j asks for help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each<[string, string, CommandRequest]>([
    ['a request id', ID, { kind: 'diagnose', requestId: ID }],
    ['an uppercase request id', ID.toUpperCase(), { kind: 'diagnose', requestId: ID }],
    ['a request id among extra spaces', `  ${ID}\t `, { kind: 'diagnose', requestId: ID }],
    [
      'flags after the id',
      `${ID} --api ${API} --stage prod --since 2h`,
      { kind: 'diagnose', requestId: ID, restApiId: API, stage: 'prod', since: '2h' },
    ],
    [
      'flags before the id, in another order',
      `--since 30m --stage prod ${ID} --api ${API}`,
      { kind: 'diagnose', requestId: ID, restApiId: API, stage: 'prod', since: '30m' },
    ],
    [
      'flags around the id',
      `--stage dev ${ID.toUpperCase()} --since 1d`,
      { kind: 'diagnose', requestId: ID, stage: 'dev', since: '1d' },
    ],
    ['only --api', `${ID} --api ${API}`, { kind: 'diagnose', requestId: ID, restApiId: API }],
    [
      'an execute-api URL as --api',
      `${ID} --api ${URL}`,
      { kind: 'diagnose', requestId: ID, restApiId: API },
    ],
  ])('diagnoses %s', (_name, text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each<[string, string, CommandRequest]>([
    ['api API_ID', `api ${API}`, { kind: 'scan', restApiId: API }],
    ['api API_ID STAGE', `api ${API} prod`, { kind: 'scan', restApiId: API, stage: 'prod' }],
    ['API in capitals', `API ${API} prod`, { kind: 'scan', restApiId: API, stage: 'prod' }],
    [
      'api with --since',
      `api ${API} prod --since 30m`,
      { kind: 'scan', restApiId: API, stage: 'prod', since: '30m' },
    ],
    ['--since before api', `--since 2h api ${API}`, { kind: 'scan', restApiId: API, since: '2h' }],
    ['api with --stage', `api ${API} --stage prod`, { kind: 'scan', restApiId: API, stage: 'prod' }],
    ['api with an execute-api URL', `api ${URL}`, { kind: 'scan', restApiId: API }],
  ])('scans with %s', (_name, text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each<[string, string, string | RegExp]>([
    ['an unknown flag', `${ID} --region us-east-1`, 'unknown option "--region"'],
    ['an unknown flag on a scan', `api ${API} --verbose`, 'unknown option "--verbose"'],
    ['a flag with = instead of a space', `${ID} --since=2h`, 'unknown option "--since=2h"'],
    ['a flag without a value at the end', `${ID} --api`, '--api needs a value'],
    ['a flag followed by another flag', `${ID} --stage --since 2h`, '--stage needs a value'],
    ['--since without a value', `api ${API} --since`, '--since needs a value'],
    ['two request ids', `${ID} ${ID2}`, `expected one request id, got "${ID} ${ID2}"`],
    ['flags and no id', `--api ${API} --stage prod`, 'expected one request id, got none'],
    ['an id and a stray word', `${ID} prod`, `expected one request id, got "${ID} prod"`],
    [
      'an extended request id',
      'N7SvJHWQDoEEXeA=',
      '"N7SvJHWQDoEEXeA=" looks like an extended request id (x-amz-apigw-id)',
    ],
    ['something that is not an id', '12345', '"12345" is not an API Gateway request id'],
    ['a UUID with a missing digit', ID.slice(1), `"${ID.slice(1)}" is not an API Gateway request id`],
    [
      'a bad API id in --api',
      `${ID} --api ABC123DEFG`,
      '"ABC123DEFG" is not a REST API id: API ids are lower case',
    ],
    ['a short API id in --api', `${ID} --api abc`, '"abc" is not a REST API id'],
    ['a bad API id in a scan', 'api abc123defg0', '"abc123defg0" is not a REST API id'],
    [
      'a bad stage in --stage',
      `${ID} --stage pr/od`,
      '"pr/od" is not a stage name: a stage name has no slash',
    ],
    ['a bad stage in a scan', `api ${API} pr$od`, '"pr$od" is not a stage name'],
    ['a bad stage in a scan --stage', `api ${API} --stage a.b`, '"a.b" is not a stage name'],
    ['a bad duration', `${ID} --since yesterday`, '"yesterday" is not a duration'],
    ['a zero duration', `${ID} --since 0h`, '"0h" is not a duration'],
    ['a duration without a unit', `api ${API} --since 90`, '"90" is not a duration'],
    ['api without an id', 'api', '`/why403 api` needs an API id and, optionally, a stage'],
    ['doctor without an id', 'doctor', '`/why403 doctor` needs an API id and, optionally, a stage'],
    [
      'doctor with --since',
      `doctor ${API} --since 1h`,
      '`/why403 doctor` needs an API id and, optionally, a stage',
    ],
    ['doctor with a bad API id', 'doctor ABC', '"ABC" is not a REST API id'],
    [
      'api with too many words',
      `api ${API} prod extra`,
      '`/why403 api` needs an API id and, optionally, a stage',
    ],
  ])('rejects %s with a clear problem', (_name, text, problem) => {
    const result = parseCommand(text);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && english.t(result.problem)).toBe(problem);
  });
});

describe('parseCommand: doctor', () => {
  it.each<[string, string, CommandRequest]>([
    ['an API', `doctor ${API}`, { kind: 'doctor', restApiId: API }],
    ['an API and a stage', `DOCTOR ${API} prod`, { kind: 'doctor', restApiId: API, stage: 'prod' }],
    ['an API and --stage', `doctor ${API} --stage prod`, { kind: 'doctor', restApiId: API, stage: 'prod' }],
    ['an execute-api URL', `doctor ${URL}`, { kind: 'doctor', restApiId: API }],
  ])('checks %s', (_name, text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('findIds', () => {
  it.each<[string, string, { requestIds: string[]; restApiIds: string[] }]>([
    ['no id at all', 'prod is down again, please look', { requestIds: [], restApiIds: [] }],
    [
      'a request id in an alert',
      `prod is down, x-amzn-RequestId: ${ID}`,
      { requestIds: [ID], restApiIds: [] },
    ],
    ['an uppercase request id', `RequestId ${ID.toUpperCase()}`, { requestIds: [ID], restApiIds: [] }],
    [
      'several request ids, once each, in order',
      `${ID}, ${ID2} and again ${ID}`,
      { requestIds: [ID, ID2], restApiIds: [] },
    ],
    ['the same request id in two cases', `${ID} / ${ID.toUpperCase()}`, { requestIds: [ID], restApiIds: [] }],
    ['an execute-api URL', `GET ${URL} answers 403`, { requestIds: [], restApiIds: [API] }],
    [
      'a Slack-escaped link with a label',
      `<https://${API}.execute-api.eu-west-1.amazonaws.com/prod|link> is failing`,
      { requestIds: [], restApiIds: [API] },
    ],
    [
      'a Slack-escaped bare link',
      `see <https://${API}.execute-api.us-gov-west-1.amazonaws.com/prod/pets>`,
      { requestIds: [], restApiIds: [API] },
    ],
    ['api API_ID', `api ${API}`, { requestIds: [], restApiIds: [API] }],
    ['API: API_ID', `API: ${API} is failing`, { requestIds: [], restApiIds: [API] }],
    ['api=API_ID', `api=${API}`, { requestIds: [], restApiIds: [API] }],
    ['the same API as a URL and a word', `api ${API} — ${URL}`, { requestIds: [], restApiIds: [API] }],
    [
      'two APIs',
      `${URL} and https://zyx987wvut.execute-api.us-east-1.amazonaws.com/dev`,
      { requestIds: [], restApiIds: [API, 'zyx987wvut'] },
    ],
    [
      'a request id and an API',
      `<@U0BOT1234> ${ID} on <https://${API}.execute-api.eu-west-1.amazonaws.com/prod|prod>`,
      { requestIds: [ID], restApiIds: [API] },
    ],
    ['an extended request id only', 'x-amz-apigw-id: N7SvJHWQDoEEXeA=', { requestIds: [], restApiIds: [] }],
    ['a word too long to be an API id', 'api abc123defgh', { requestIds: [], restApiIds: [] }],
    ['a longer hex run is not a request id', `${ID}0`, { requestIds: [], restApiIds: [] }],
  ])('finds %s', (_name, text, expected) => {
    expect(findIds(text)).toEqual(expected);
  });
});
