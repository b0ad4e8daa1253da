import { describeConfig, loggingLevelOf, methodOfSettingKey } from '../../src/classify/facts';
import type { MethodSetting, StageConfig } from '../../src/evidence/types';
import { english, localizer } from '../../src/render/localize';
import { evidence } from '../support/evidence';

/**
 * The execution-logging facts: the level that applied to the request's own method (its override of the stage-wide
 * "*\/*", under either spelling of its key), and, briefly, the other methods that log less than the stage.
 */

const DELETE_ORDER = { httpMethod: 'DELETE', resourcePath: '/orders/{id}' };

function stage(methodSettings?: Record<string, MethodSetting>): StageConfig {
  return { stageName: 'prod', ...(methodSettings ? { methodSettings } : {}) };
}

function loggingFacts(
  settings: Record<string, MethodSetting> | undefined,
  method: { httpMethod?: string; resourcePath?: string },
  l = english,
) {
  const facts = describeConfig(evidence({ config: { stage: stage(settings), method } })).map((fact) => [
    l.t(fact.label),
    l.t(fact.value),
  ]);
  return Object.fromEntries(facts.filter(([label]) => /logging|tracing|日誌|追蹤/i.test(label)));
}

describe('methodOfSettingKey', () => {
  it.each([
    ['~1orders~1{id}/DELETE', { resourcePath: '/orders/{id}', httpMethod: 'DELETE' }],
    ['orders/{id}/DELETE', { resourcePath: '/orders/{id}', httpMethod: 'DELETE' }],
    ['orders/GET', { resourcePath: '/orders', httpMethod: 'GET' }],
    ['~1/GET', { resourcePath: '/', httpMethod: 'GET' }],
    ['/get', { resourcePath: '/', httpMethod: 'GET' }],
    ['~1a~0b/ANY', { resourcePath: '/a~b', httpMethod: 'ANY' }],
    ['*/*', undefined],
    ['nokey', undefined],
  ])('%s', (key, expected) => {
    expect(methodOfSettingKey(key)).toEqual(expected);
  });
});

describe('loggingLevelOf', () => {
  const method = { resourcePath: '/orders/{id}', httpMethods: ['DELETE'] };
  it.each<[string, StageConfig | undefined, string | undefined, string | undefined]>([
    ['no stage read', undefined, undefined, undefined],
    ['no method settings at all', stage(), 'OFF', 'OFF'],
    ['stage-wide only', stage({ '*/*': { loggingLevel: 'INFO' } }), 'INFO', 'INFO'],
    [
      "the method's own override (escaped key)",
      stage({ '*/*': { loggingLevel: 'INFO' }, '~1orders~1{id}/DELETE': { loggingLevel: 'ERROR' } }),
      'INFO',
      'ERROR',
    ],
    [
      "the method's own override (plain key)",
      stage({ '*/*': { loggingLevel: 'ERROR' }, 'orders/{id}/DELETE': { loggingLevel: 'INFO' } }),
      'ERROR',
      'INFO',
    ],
    [
      'an override of another verb on the same resource',
      stage({ '*/*': { loggingLevel: 'INFO' }, '~1orders~1{id}/GET': { loggingLevel: 'OFF' } }),
      'INFO',
      'INFO',
    ],
    [
      'an override that sets no level (metrics only)',
      stage({ '*/*': { loggingLevel: 'INFO' }, '~1orders~1{id}/DELETE': { metricsEnabled: true } }),
      'INFO',
      'INFO',
    ],
  ])('%s', (_, config, stageWide, forMethod) => {
    expect(loggingLevelOf(config)).toBe(stageWide);
    expect(loggingLevelOf(config, method)).toBe(forMethod);
  });

  it('finds an ANY method by the verb the method resource has, before the verb called', () => {
    const config = stage({ '*/*': { loggingLevel: 'INFO' }, '~1orders/ANY': { loggingLevel: 'ERROR' } });
    expect(loggingLevelOf(config, { resourcePath: '/orders', httpMethods: ['ANY', 'POST'] })).toBe('ERROR');
  });
});

describe('the logging facts', () => {
  it.each<
    [
      string,
      Record<string, MethodSetting> | undefined,
      { httpMethod?: string; resourcePath?: string },
      Record<string, string>,
    ]
  >([
    [
      'the stage-wide level when nothing overrides it',
      { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
      DELETE_ORDER,
      { 'Execution logging': 'INFO', 'Data tracing': 'on' },
    ],
    [
      "the method's own level and data tracing when it overrides the stage",
      {
        '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true },
        '~1orders~1{id}/DELETE': { loggingLevel: 'ERROR', dataTraceEnabled: false },
      },
      DELETE_ORDER,
      {
        'Execution logging': 'ERROR for this method (stage-wide: INFO)',
        'Data tracing': 'off for this method (stage-wide: on)',
      },
    ],
    [
      'an override that repeats the stage-wide level says nothing more',
      { '*/*': { loggingLevel: 'INFO' }, '~1orders~1{id}/DELETE': { loggingLevel: 'INFO' } },
      DELETE_ORDER,
      { 'Execution logging': 'INFO', 'Data tracing': 'off' },
    ],
    [
      'other methods that log less than the stage, named briefly',
      {
        '*/*': { loggingLevel: 'INFO' },
        '~1orders/POST': { loggingLevel: 'OFF' },
        '~1orders/GET': { loggingLevel: 'ERROR' },
        '~1health/GET': { loggingLevel: 'INFO' },
      },
      DELETE_ORDER,
      {
        'Execution logging': 'INFO; 2 other methods log less: POST /orders at OFF, GET /orders at ERROR',
        'Data tracing': 'off',
      },
    ],
    [
      'both: its own level, and another method below the stage',
      {
        '*/*': { loggingLevel: 'INFO' },
        'orders/{id}/DELETE': { loggingLevel: 'ERROR' },
        'orders/POST': { loggingLevel: 'OFF' },
      },
      DELETE_ORDER,
      {
        'Execution logging':
          'ERROR for this method (stage-wide: INFO); 1 other method logs less: POST /orders at OFF',
        'Data tracing': 'off',
      },
    ],
    [
      'more than three methods below the stage: three named, all counted',
      {
        '*/*': { loggingLevel: 'INFO' },
        '~1a/GET': { loggingLevel: 'OFF' },
        '~1b/GET': { loggingLevel: 'OFF' },
        '~1c/GET': { loggingLevel: 'OFF' },
        '~1d/GET': { loggingLevel: 'OFF' },
      },
      DELETE_ORDER,
      {
        'Execution logging': 'INFO; 4 other methods log less: GET /a at OFF, GET /b at OFF, GET /c at OFF',
        'Data tracing': 'off',
      },
    ],
    [
      'the method not known: every method below the stage',
      { '*/*': { loggingLevel: 'ERROR' }, '~1orders/POST': { loggingLevel: 'OFF' } },
      {},
      { 'Execution logging': 'ERROR; 1 method logs less: POST /orders at OFF', 'Data tracing': 'off' },
    ],
    [
      'a stage with no method settings logs nothing',
      undefined,
      DELETE_ORDER,
      { 'Execution logging': 'OFF', 'Data tracing': 'off' },
    ],
  ])('%s', (_, settings, method, expected) => {
    expect(loggingFacts(settings, method)).toEqual(expected);
  });

  it('takes the method from the request when the configuration does not name it', () => {
    const facts = describeConfig(
      evidence({
        config: {
          stage: stage({ '*/*': { loggingLevel: 'INFO' }, '~1orders~1{id}/DELETE': { loggingLevel: 'OFF' } }),
        },
        request: { httpMethod: 'DELETE', resourcePath: '/orders/{id}' },
      }),
    );
    expect(english.t(facts.find((f) => english.t(f.label) === 'Execution logging')?.value ?? '')).toBe(
      'OFF for this method (stage-wide: INFO)',
    );
  });

  it('says the same in Traditional Chinese', () => {
    const facts = loggingFacts(
      {
        '*/*': { loggingLevel: 'INFO' },
        'orders/{id}/DELETE': { loggingLevel: 'ERROR' },
        'orders/POST': { loggingLevel: 'OFF' },
      },
      DELETE_ORDER,
      localizer('zh-TW'),
    );
    expect(facts['執行日誌']).toBe(
      '此方法：ERROR（階段設定：INFO）；另有 1 個方法的日誌層級比階段低：POST /orders 為 OFF',
    );
  });
});

/** The method's OAuth scopes: listed, none (known), or left out when not known, in both catalogs. */
describe('the OAuth scopes fact', () => {
  const COGNITO = { httpMethod: 'GET', resourcePath: '/me', authorizationType: 'COGNITO_USER_POOLS' };

  function scopesFact(method: Record<string, unknown>, l = english) {
    const facts = describeConfig(evidence({ config: { method: { ...COGNITO, ...method } } }));
    return facts
      .filter((fact) => /OAuth/.test(l.t(fact.label)))
      .map((fact) => [l.t(fact.label), l.t(fact.value)]);
  }

  it.each<[string, Record<string, unknown>, string[][]]>([
    ['listed', { authorizationScopes: ['orders/read', 'email'] }, [['OAuth scopes', 'orders/read, email']]],
    ['known to list none', { authorizationScopes: [] }, [['OAuth scopes', 'none']]],
    ['not known', {}, []],
    [
      'one text, as a bundle may write it',
      { authorizationScopes: 'openid profile' },
      [['OAuth scopes', 'openid, profile']],
    ],
  ])('%s', (_name, method, expected) => {
    expect(scopesFact(method)).toEqual(expected);
  });

  it('is labelled in Traditional Chinese too', () => {
    expect(scopesFact({ authorizationScopes: ['orders/read'] }, localizer('zh-TW'))).toEqual([
      ['OAuth 授權範圍', 'orders/read'],
    ]);
    expect(scopesFact({ authorizationScopes: [] }, localizer('zh-TW'))).toEqual([['OAuth 授權範圍', '無']]);
  });
});
