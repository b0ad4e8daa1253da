import nock from 'nock';
import { postToResponseUrl } from '../../src/slack/response-url';

const BODY = {
  response_type: 'in_channel',
  replace_original: true,
  text: 'why403: authorizer-explicit-deny (high) — denied',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b' } }],
};

describe('postToResponseUrl', () => {
  let fetchSpy: jest.SpyInstance;
  beforeEach(() => {
    fetchSpy = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => fetchSpy.mockRestore());

  it.each([
    ['Slack', 'https://hooks.slack.com', '/commands/T0TEAM/1/abc'],
    ['Slack, for an action', 'https://hooks.slack.com', '/actions/T0TEAM/2/def'],
    ['GovSlack', 'https://hooks.slack-gov.com', '/commands/T0TEAM/1/abc'],
  ])('posts the message as JSON to %s', async (_name, origin, path) => {
    let received: unknown;
    const scope = nock(origin)
      .matchHeader('content-type', 'application/json')
      .post(path, (body) => {
        received = body;
        return true;
      })
      .reply(200, 'ok');

    await expect(postToResponseUrl(`${origin}${path}`, BODY)).resolves.toBeUndefined();
    expect(received).toEqual(BODY);
    expect(scope.isDone()).toBe(true);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('gives up on a post Slack does not answer in time', async () => {
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').delay(500).reply(200, 'ok');
    await expect(
      postToResponseUrl('https://hooks.slack.com/commands/T0TEAM/1/abc', BODY, undefined, 20),
    ).rejects.toThrow(/timeout|aborted/i);
  });

  it('accepts any 2xx answer', async () => {
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(204);
    await expect(
      postToResponseUrl('https://hooks.slack.com/commands/T0TEAM/1/abc', BODY),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['another host', 'https://evil.example/commands/T0TEAM/1/abc', 'evil.example'],
    ['Slack without TLS', 'http://hooks.slack.com/commands/T0TEAM/1/abc', 'hooks.slack.com'],
    ['GovSlack without TLS', 'http://hooks.slack-gov.com/commands/T0TEAM/1/abc', 'hooks.slack-gov.com'],
    ['a host ending in slack.com without a dot', 'https://evilslack.com/commands/1', 'evilslack.com'],
    [
      'Slack as a subdomain of another host',
      'https://hooks.slack.com.evil.example/commands/1',
      'hooks.slack.com.evil.example',
    ],
    [
      'Slack as user info before another host',
      'https://hooks.slack.com@evil.example/commands/1',
      'evil.example',
    ],
    ['a loopback name inside another host', 'http://localhost.evil.example/x', 'localhost.evil.example'],
    ['another private address', 'http://10.0.0.1/x', '10.0.0.1'],
    // A service beside the bot (Redis, an admin port) is reached by loopback: never by a payload's URL.
    ['a loopback address', 'http://127.0.0.1:6379/x', '127.0.0.1:6379'],
    ['a loopback name', 'http://localhost:4100/respond/1', 'localhost:4100'],
    ['another Slack host', 'https://files.slack.com/commands/1', 'files.slack.com'],
    ['Slack’s hooks host at another port', 'https://hooks.slack.com:8443/commands/1', 'hooks.slack.com:8443'],
    ['Slack’s hooks host with credentials', 'https://a:b@hooks.slack.com/commands/1', 'hooks.slack.com'],
  ])('refuses %s without making a request', async (_name, url, host) => {
    await expect(postToResponseUrl(url, BODY)).rejects.toThrow(
      `refusing to post to ${host}: not a Slack response_url`,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses something that is not a URL without making a request', async () => {
    await expect(postToResponseUrl('not a url', BODY)).rejects.toThrow();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    [404, 'expired_url'],
    [410, 'used_url'],
    [500, 'internal_error'],
  ])('throws on a %d answer, saying the URL lasts 30 minutes and 5 uses', async (status, answer) => {
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc').reply(status, answer);
    await expect(postToResponseUrl('https://hooks.slack.com/commands/T0TEAM/1/abc', BODY)).rejects.toThrow(
      `the response_url answered ${status} (it lasts 30 minutes and takes 5 uses)`,
    );
  });
});
