export const privateApiVpceDeny = {
  'private-api-vpce-deny.title': 'A private API refused the VPC endpoint (or the call never reached it)',
  'private-api-vpce-deny.explanation':
    'A PRIVATE API answers only calls that come through an execute-api interface VPC endpoint that its resource ' +
    'policy allows (aws:SourceVpce / aws:SourceVpc). A call from an endpoint the policy does not list is denied with ' +
    '"User: anonymous is not authorized …". A related trap: private DNS on such an endpoint captures every ' +
    '*.execute-api hostname in the VPC, so calls from the VPC to public APIs get a bare 403 Forbidden.',
  'private-api-vpce-deny.evidence.private': 'Endpoint type: PRIVATE (VPC endpoints: {endpoints})',
  'private-api-vpce-deny.evidence.caller-vpce': "Caller's VPC endpoint: {vpceId}",
  'private-api-vpce-deny.none-associated': 'none associated',
  'private-api-vpce-deny.no-endpoint': 'no VPC endpoint',
  'private-api-vpce-deny.summary.public-through-vpce':
    'A public API was called from inside a VPC ({vpceId}) whose execute-api endpoint has private DNS on: the call landed on the endpoint and was refused.',
  'private-api-vpce-deny.summary.condition':
    "The private API's resource policy does not admit {actual} ({operator} {key} {expected}).",
  'private-api-vpce-deny.summary.generic':
    "The private API's resource policy does not admit the VPC endpoint (or network) the call came from.",
  'private-api-vpce-deny.summary.endpoint-policy':
    "The private API's method has no authorization, yet the call was refused as a bad signature: a VPC endpoint with a custom endpoint policy reads the Authorization header as a SigV4 signature, so an application's own token there is rejected.",
  'private-api-vpce-deny.summary.endpoint-policy-no-allow':
    "The VPC endpoint's policy refused the call: no statement in it allows execute-api:Invoke for this caller and API (AWS names the endpoint policy in the answer), so the API's own resource policy was not what denied.",
  'private-api-vpce-deny.summary.endpoint-policy-deny':
    "The VPC endpoint's policy refused the call with an explicit Deny (AWS names the endpoint policy in the answer), so the API's own resource policy was not what denied.",
  'private-api-vpce-deny.fix.endpoint-policy-allow':
    "Read the VPC endpoint's ({vpceId}) policy and allow execute-api:Invoke on this API for the caller; check its conditions (aws:SourceIp does not hold inside a VPC — use aws:VpcSourceIp) and remove a Deny that matches.",
  'private-api-vpce-deny.settle.endpoint-policy':
    "The VPC endpoint's policy: with the default full-access policy, API Gateway does not read the Authorization header of a method without authorization.",
  'private-api-vpce-deny.settle.route':
    'The URL against the deployed stage: a path or verb that does not exist answers a bearer token with the same signature error.',
  'private-api-vpce-deny.fix.endpoint-policy':
    'Give the VPC endpoint ({vpceId}) the default full-access policy, or sign the calls with SigV4 if the policy must name principals.',
  'private-api-vpce-deny.fix.token-header':
    "Or send the application's token in a header other than Authorization, which the endpoint policy does not read.",
  'private-api-vpce-deny.settle.endpoint-type':
    "The API's endpoint type (GetRestApi endpointConfiguration.types): only a PRIVATE API, or a VPC caller with private DNS, can be refused for its VPC endpoint.",
  'private-api-vpce-deny.settle.access-log':
    'The access log fields $context.identity.vpceId and sourceIp for the request.',
  'private-api-vpce-deny.fix.custom-domain':
    'Call the public API through a custom domain name, which private DNS does not capture.',
  'private-api-vpce-deny.fix.private-dns-off':
    'Or turn private DNS off on the execute-api VPC endpoint and call private APIs by their VPCE-specific hostnames.',
  'private-api-vpce-deny.fix.allow-vpce':
    'Allow the calling VPC endpoint ({vpceId}) or VPC in the resource policy (aws:SourceVpce / aws:SourceVpc).',
  'private-api-vpce-deny.fix.vpce-hostname':
    'Call through the VPCE-specific hostname, or send the x-apigw-api-id header: {url}',
} as const;
