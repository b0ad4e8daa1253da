export const missingAuthenticationToken = {
  'missing-authentication-token.title':
    'No such route in the deployed stage ("Missing Authentication Token")',
  'missing-authentication-token.explanation':
    'Despite its name this is usually not an authentication problem: API Gateway found no resource and method for ' +
    'this path in the deployed stage — a typo, a missing stage segment in the URL, a wrong verb, a resource added ' +
    'but not redeployed, or a custom-domain base-path mismatch. An Authorization: Bearer header on such a call ' +
    'produces the "not a valid key=value pair" variant.',
  'missing-authentication-token.summary.bearer':
    'The route does not exist in the deployed stage; the bearer token was then read as a broken SigV4 header.',
  'missing-authentication-token.summary.route':
    'API Gateway found no resource and method for this path in the deployed stage.',
  'missing-authentication-token.evidence.no-route':
    "No resource of the API's resource tree matches the path called.",
  'missing-authentication-token.settle.authorization':
    "The method's authorization type: on an AWS_IAM method the same answer means the call was not signed.",
  'missing-authentication-token.fix.compare-url':
    'Compare the URL with {url} (stage segment, path, verb, case) and with the resource tree:',
  'missing-authentication-token.fix.base-path': 'Behind a custom domain, check the base-path mapping.',
  'missing-authentication-token.fix.sign':
    'If the method uses AWS_IAM, sign the request with SigV4 (service execute-api).',
} as const;
