import { z } from 'zod';

/**
 * The fields why403 reads from each AWS answer, with the types AWS sends them in. The SDK does not check them: a
 * proxy, a fake or a broken answer can put a number where a log line belongs or `null` in a list, and the code
 * that reads the field would then fail far from the call with a TypeError. Checked here, such an answer is a
 * malformed response of the call that brought it, named with the field (`"events[3].message" is not a string`).
 * Absent fields stay allowed (AWS leaves out what is not set); fields why403 does not read are not checked.
 */

const text = z.string().nullish();
const number = z.number().nullish();
const flag = z.boolean().nullish();
const texts = z.array(z.string()).nullish();
const textMap = z.record(z.string(), z.string()).nullish();

export const logEventShape = z.looseObject({ timestamp: number, message: text, logStreamName: text });
export const logGroupShape = z.looseObject({ logGroupName: text, retentionInDays: number });
export const queryRowShape = z.array(z.looseObject({ field: text, value: text }));
export const queryStatisticsShape = z.looseObject({ bytesScanned: number, recordsMatched: number }).nullish();

export const restApiShape = z.looseObject({
  id: text,
  name: text,
  apiKeySource: text,
  policy: text,
  disableExecuteApiEndpoint: flag,
  endpointConfiguration: z.looseObject({ types: texts, vpcEndpointIds: texts }).nullish(),
});

export const authorizerShape = z.looseObject({
  id: text,
  name: text,
  type: text,
  authType: text,
  authorizerUri: text,
  authorizerCredentials: text,
  identitySource: text,
  identityValidationExpression: text,
  authorizerResultTtlInSeconds: number,
  providerARNs: texts,
});

const methodShape = z.looseObject({
  httpMethod: text,
  authorizationType: text,
  authorizerId: text,
  apiKeyRequired: flag,
  authorizationScopes: texts,
});

export const resourceShape = z.looseObject({
  path: text,
  resourceMethods: z.record(z.string(), methodShape).nullish(),
});

const methodSettingShape = z.looseObject({
  loggingLevel: text,
  dataTraceEnabled: flag,
  metricsEnabled: flag,
  cachingEnabled: flag,
});

export const stageShape = z.looseObject({
  stageName: text,
  deploymentId: text,
  methodSettings: z.record(z.string(), methodSettingShape).nullish(),
  accessLogSettings: z.looseObject({ format: text, destinationArn: text }).nullish(),
  webAclArn: text,
  tracingEnabled: flag,
  variables: textMap,
  canarySettings: z
    .looseObject({
      deploymentId: text,
      percentTraffic: number,
      stageVariableOverrides: textMap,
      useStageCache: flag,
    })
    .nullish(),
});

export const usagePlanShape = z.looseObject({
  id: text,
  name: text,
  apiStages: z.array(z.looseObject({ apiId: text, stage: text })).nullish(),
});

export const accountShape = z.looseObject({ cloudwatchRoleArn: text });
export const deploymentShape = z.looseObject({ id: text });

export const testInvokeShape = z.looseObject({
  clientStatus: number,
  log: text,
  latency: number,
  principalId: text,
  policy: text,
  authorization: z.record(z.string(), z.array(z.string())).nullish(),
  claims: textMap,
});

const objects = z.record(z.string(), z.looseObject({})).nullish();
const operationShape = z.looseObject({ security: z.array(z.looseObject({})).nullish() }).nullish();

/**
 * GetExport's OpenAPI 3 (or Swagger 2) document, as far as what the stage runs is read from it: the version, the
 * routes and their operations with their security, the security schemes. Without these checks a document of
 * another kind would read as a stage that serves no route, or routes without authorization.
 */
export const stageExportShape = z
  .looseObject({
    openapi: text,
    swagger: text,
    paths: z.record(
      z.string(),
      z.looseObject({
        get: operationShape,
        put: operationShape,
        post: operationShape,
        delete: operationShape,
        options: operationShape,
        head: operationShape,
        patch: operationShape,
        'x-amazon-apigateway-any-method': operationShape,
      }),
    ),
    components: z.looseObject({ securitySchemes: objects }).nullish(),
    securityDefinitions: objects,
  })
  .refine((doc) => typeof doc.openapi === 'string' || typeof doc.swagger === 'string', {
    message: 'no "openapi" or "swagger" version',
    path: ['openapi'],
  });

/**
 * What is wrong with `value` as `schema` describes it, in a few words naming the field as it is on the wire
 * (`field` is the answer's own name for it, e.g. `events` or `item`), or undefined when nothing is.
 */
export function shapeProblem(schema: z.ZodType, value: unknown, field: string): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = pathText(field, issue.path);
  if (issue.code === 'custom') return issue.message;
  if (issue.code !== 'invalid_type') return `"${path}" is not what AWS sends`;
  const found = valueAt(value, issue.path);
  return found === undefined
    ? `no "${path}"`
    : `"${path}" is ${EXPECTED[issue.expected] ?? 'of the wrong type'}`;
}

/** The first element of a list that does not fit `schema`, as a problem, or undefined when all fit. */
export function listProblem(schema: z.ZodType, list: readonly unknown[], field: string): string | undefined {
  for (const [index, item] of list.entries()) {
    const problem = shapeProblem(schema, item, `${field}[${index}]`);
    if (problem) return problem;
  }
  return undefined;
}

const EXPECTED: Record<string, string> = {
  string: 'not a string',
  number: 'not a number',
  boolean: 'not true or false',
  array: 'not a list',
  object: 'not an object',
  record: 'not an object',
};

/** `events[3].message`; a single answer's own fields are named alone (`policy`), the answer itself `answer`. */
function pathText(field: string, path: readonly PropertyKey[]): string {
  const text = path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    field,
  );
  return text || 'answer';
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
