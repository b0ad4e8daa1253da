import type { LambdaClient } from '@aws-sdk/client-lambda';
import { toAwsError } from './errors';

/**
 * An asynchronous invocation of a Lambda function (`InvocationType: Event`) with a JSON payload: how the Slack bot on
 * AWS Lambda hands its work to a second invocation of itself. The client is loaded on creation, not with the module:
 * only the Lambda handler needs it, and starting to load it early keeps it off the first acknowledgement.
 */
export function asyncInvoker(
  functionName: string,
  client?: Pick<LambdaClient, 'send'>,
): (payload: unknown, signal?: AbortSignal) => Promise<void> {
  const loading = import('@aws-sdk/client-lambda').then((sdk) => ({
    InvokeCommand: sdk.InvokeCommand,
    sender: client ?? new sdk.LambdaClient({}),
  }));
  loading.catch(() => undefined); // a failure is reported by the first invocation, which awaits it
  return async (payload, signal) => {
    const { InvokeCommand, sender } = await loading;
    try {
      signal?.throwIfAborted();
      await sender.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify(payload)),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      throw toAwsError(error, 'Invoke', functionName);
    }
  };
}
