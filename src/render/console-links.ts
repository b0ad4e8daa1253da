/**
 * Deep links into the AWS console. The Logs Insights page reads its query from the URL fragment in the console's
 * own encoding: values percent-encoded with `*` for `%`, structure as `~(key~'value…)`, the fragment's `?` and `=`
 * as `$3F` and `$3D`.
 */

function insightsValue(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9]/.test(char) ? char : `*${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

export function logsInsightsUrl(options: {
  region: string;
  logGroups: readonly string[];
  query: string;
  start: number;
  end: number;
}): string {
  const sources = options.logGroups.map((group) => `~'${insightsValue(group)}`).join('');
  const detail =
    `~(end~'${insightsValue(new Date(options.end).toISOString())}~start~'${insightsValue(new Date(options.start).toISOString())}` +
    `~timeType~'ABSOLUTE~tz~'UTC~editorString~'${insightsValue(options.query)}~source~(${sources}))`;
  return `${consoleHost(options.region)}/cloudwatch/home?region=${options.region}#logsV2:logs-insights$3FqueryDetail$3D${detail}`;
}
