import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

import { LogsReader } from './logs';
import { RestApiReader } from './rest-api';
import { RateLimiter } from './limiter';
import { toAwsError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { accountLookup, type AccountLookup } from './account';
import { refuseEmptyBodies } from './empty-body';

/**
 * One client per (role, region, service), one credential provider per role, one FilterLogEvents rate limiter per
 * (role, region). Region and credentials resolve the SDK's own way (AWS_REGION, AWS_PROFILE, the default chain),
 * and endpoints too (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL_API_GATEWAY): nothing here overrides them,
 * except the built-in sandbox, which passes its loopback endpoint and fake credentials explicitly.
 */

export interface AwsTarget {
  region?: string;
  roleArn?: string;
  externalId?: string;
}

export interface AwsPoolOptions {
  /** Sandbox only: where the simulated AWS listens. */
  endpoint?: string;
  /** Sandbox only: static fake credentials. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

  requestTimeoutMs?: number;
  filterLogEventsPerSecond?: number;
  /** How the readers retry throttled and failed calls (tests pass a sleep that records instead of waiting). */
  retry?: Partial<RetryPolicy>;
}

/**
 * Who a write is done for: an assumed role's session carries it (RoleSessionName, and SourceIdentity, which the
 * role's trust policy must allow with sts:SetSourceIdentity), so CloudTrail shows the person, not only why403.
 */
export interface WriteSession {
  /** 2–64 characters of [\w+=,.@-]; made to fit. */
  sessionName: string;
  sourceIdentity?: string;
}

/** What every client of one target shares; see AwsClientPool.clientSettings. */
export interface AwsClientSettings {
  region?: string;
  endpoint?: string;
  credentials?: AwsPoolOptions['credentials'] | ReturnType<typeof fromTemporaryCredentials>;
  requestHandler: {
    requestTimeout: number;
    connectionTimeout: number;
    throwOnRequestTimeout: boolean;
    /** Idle time after which a connection that stopped sending (a body stalled after its headers) is dropped. */
    socketTimeout?: number;
  };
}

export interface AwsAccess {
  key: string;
  region: string;
  logs: LogsReader;
  restApi: RestApiReader;
  /** The account read through this access (its APIs' account), when it can be told; see account.ts. */
  account?: AccountLookup;
}

export class AwsClientPool {
  private readonly access = new Map<string, Promise<AwsAccess>>();
  private readonly providers = new Map<string, CredentialProvider>();

  constructor(private readonly options: AwsPoolOptions = {}) {}

  /**
   * Clients for a target. With `write`, clients of their own whose assumed-role session names the person the write
   * is for (not shared with reads, nor cached: a write is rare and its session must not serve anyone else).
   */
  forTarget(target: AwsTarget, write?: WriteSession): Promise<AwsAccess> {
    const key = `${target.roleArn ?? 'default'}|${target.region ?? 'default'}`;
    if (write) return this.create(key, target, write);
    let access = this.access.get(key);
    if (!access) {
      access = this.create(key, target);
      access.catch(() => this.access.delete(key));
      this.access.set(key, access);
    }
    return access;
  }

  /** One credential provider per role: both services' clients, in every region, share its STS calls. */
  private credentialsFor(target: AwsTarget): CredentialProvider | undefined {
    if (!target.roleArn) return undefined;
    const key = `${target.roleArn}|${target.externalId ?? ''}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = sharedProvider(
        fromTemporaryCredentials({
          params: {
            RoleArn: target.roleArn,
            ExternalId: target.externalId,
            RoleSessionName: 'why403',
            DurationSeconds: 900,
          },
          clientConfig: { region: target.region },
        }),
      );
      this.providers.set(key, provider);
    }
    return provider;
  }

  /**
   * What every client for `target` shares (region, endpoint, credentials, timeouts), for the clients of services
   * this pool does not build itself (why403 doctor's IAM, STS and Lambda), so they use the same role and endpoint.
   */
  clientSettings(target: AwsTarget): AwsClientSettings {
    return {
      region: target.region,
      endpoint: this.options.endpoint,
      credentials: this.options.credentials ?? this.credentialsFor(target),
      // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout passes.
      requestHandler: {
        requestTimeout: this.options.requestTimeoutMs ?? 10_000,
        connectionTimeout: 3_000,
        throwOnRequestTimeout: true,
        socketTimeout: this.options.requestTimeoutMs ?? 10_000,
      },
    };
  }

  /** How the readers retry, for the readers of services this pool does not build itself (doctor's). */
  retryPolicy(): RetryPolicy {
    return { ...DEFAULT_RETRY_POLICY, ...this.options.retry };
  }

  /** For one write: the role assumed afresh, its session named after the person (static credentials stay). */
  private writeCredentials(target: AwsTarget, write: WriteSession): { credentials?: CredentialProvider } {
    if (!target.roleArn || this.options.credentials) return {};
    return {
      credentials: fromTemporaryCredentials({
        params: {
          RoleArn: target.roleArn,
          ExternalId: target.externalId,
          RoleSessionName: sessionPart(write.sessionName),
          ...(write.sourceIdentity ? { SourceIdentity: sessionPart(write.sourceIdentity) } : {}),
          DurationSeconds: 900,
        },
        clientConfig: { region: target.region },
      }),
    };
  }

  private async create(key: string, target: AwsTarget, write?: WriteSession): Promise<AwsAccess> {
    // One attempt per SDK call: the readers retry themselves, within the caller's time budget (retry.ts).
    const common = {
      ...this.clientSettings(target),
      maxAttempts: 1,
      ...(write ? this.writeCredentials(target, write) : {}),
    };
    const logsClient = refuseEmptyBodies(new CloudWatchLogsClient(common));
    const region = await resolveRegion(logsClient);
    const apiGatewayClient = refuseEmptyBodies(new APIGatewayClient({ ...common, region }));
    const perSecond = this.options.filterLogEventsPerSecond ?? 2;
    const retry = this.retryPolicy();
    return {
      key,
      region,
      logs: new LogsReader(
        logsClient,
        new RateLimiter(perSecond, Math.max(1, Math.ceil(perSecond * 2))),
        retry,
      ),
      restApi: new RestApiReader(apiGatewayClient, region, retry),
      account: accountLookup({ ...common, region }, target.roleArn),
    };
  }
}

type CredentialProvider = ReturnType<typeof fromTemporaryCredentials>;

/** STS accepts 2–64 characters of [\w+=,.@-] in a session name or source identity. */
function sessionPart(text: string): string {
  const cleaned = text.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : `${cleaned}--`.slice(0, 2);
}

type Credentials = Awaited<ReturnType<CredentialProvider>>;

/** Shares one set of assumed-role credentials between every client of that role, refreshed before expiry. */
function sharedProvider(provider: CredentialProvider): CredentialProvider {
  let current: Promise<Credentials> | undefined;
  return () => {
    current ??= provider();
    return current.then(
      (credentials) => {
        if (credentials.expiration && credentials.expiration.getTime() - Date.now() < 5 * 60_000)
          current = provider();
        return credentials;
      },
      (error: unknown) => {
        current = undefined;
        throw error;
      },
    );
  };
}

async function resolveRegion(client: CloudWatchLogsClient): Promise<string> {
  try {
    return await client.config.region();
  } catch (error) {
    throw toAwsError(error, 'resolve region', 'AWS_REGION');
  }
}
