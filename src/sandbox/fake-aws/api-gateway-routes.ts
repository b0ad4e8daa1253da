/** The API Gateway management paths the fake serves, matched segment by segment (`:name` captures). */
export interface Route {
  method: string;
  pattern: string[];
  operation: string;
}

export interface RouteMatch {
  operation: string;
  params: Record<string, string>;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: ['account'], operation: 'GetAccount' },
  { method: 'GET', pattern: ['restapis'], operation: 'GetRestApis' },
  { method: 'GET', pattern: ['restapis', ':restApiId'], operation: 'GetRestApi' },
  { method: 'GET', pattern: ['restapis', ':restApiId', 'authorizers'], operation: 'GetAuthorizers' },
  {
    method: 'GET',
    pattern: ['restapis', ':restApiId', 'authorizers', ':authorizerId'],
    operation: 'GetAuthorizer',
  },
  { method: 'GET', pattern: ['restapis', ':restApiId', 'stages'], operation: 'GetStages' },
  { method: 'GET', pattern: ['restapis', ':restApiId', 'stages', ':stageName'], operation: 'GetStage' },
  {
    method: 'GET',
    pattern: ['restapis', ':restApiId', 'stages', ':stageName', 'exports', ':exportType'],
    operation: 'GetExport',
  },
  { method: 'GET', pattern: ['restapis', ':restApiId', 'resources'], operation: 'GetResources' },
  {
    method: 'GET',
    pattern: ['restapis', ':restApiId', 'deployments', ':deploymentId'],
    operation: 'GetDeployment',
  },
  {
    method: 'POST',
    pattern: ['restapis', ':restApiId', 'authorizers', ':authorizerId'],
    operation: 'TestInvokeAuthorizer',
  },
  {
    method: 'DELETE',
    pattern: ['restapis', ':restApiId', 'stages', ':stageName', 'cache', 'authorizers'],
    operation: 'FlushStageAuthorizersCache',
  },
];

export function matchRoute(method: string, segments: string[]): RouteMatch | undefined {
  for (const route of ROUTES) {
    const params = route.method === method ? matchPattern(route.pattern, segments) : undefined;
    if (params) return { operation: route.operation, params };
  }
  return undefined;
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = segments[i];
    else if (part !== segments[i]) return undefined;
  }
  return params;
}
