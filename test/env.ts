// Loaded before every test file: no test may reach a real AWS or Slack endpoint or pick up the developer's profile.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTESTTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-access-key';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_MAX_ATTEMPTS = '1';
// The default credential chain would otherwise ask the EC2 instance metadata service when a test removes keys.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_ENDPOINT_URL;
delete process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS;
delete process.env.AWS_ENDPOINT_URL_API_GATEWAY;
