import { redactText } from '../../src/redact';
it('x', () => {
  const pre =
    'Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:111122223333:abc123defg/prod/GET/pets"}]},"context":{"tenant":"';
  console.log(pre.length);
  const pad = 'a'.repeat(285 - pre.length);
  const line = pre.replace('pets', 'pets' + pad) + 'tenant-secret-value-0123456789"}}';
  console.log(line.indexOf('tenant-secret'), redactText(line), redactText(line.slice(0, 299) + '…'));
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
  console.log(redactText(('x'.repeat(270) + ' token ' + jwt).slice(0, 299) + '…'));
  console.log(redactText(('x'.repeat(275) + ' eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOi').slice(0, 299) + '…'));
  console.log(redactText('Method request headers: {x-api-key=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F, Host=a}'));
  console.log(
    redactText(
      'Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[]},"context":{"tenant":"ctx-value-7788"}}',
    ),
  );
});
