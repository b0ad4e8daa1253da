import type { TranslationOf } from '../../catalog';
import type { apiKeyMissingOrInvalid as en } from '../../en/causes/api-key-missing-or-invalid';

export const apiKeyMissingOrInvalid = {
  'api-key-missing-or-invalid.title': 'API 金鑰缺少、錯誤、已停用，或不在這個階段的使用計畫中',
  'api-key-missing-or-invalid.explanation':
    '這個方法需要 API 金鑰。金鑰必須有送出（x-api-key 標頭；API 的金鑰來源為 AUTHORIZER 時，則由授權器以 ' +
    'usageIdentifierKey 傳回）、確實存在、已啟用，而且屬於某個列有此 API 與階段的使用計畫。以上任何一項不符，' +
    `得到的都是同一個 403 '{"message":"Forbidden"}'。`,
  'api-key-missing-or-invalid.evidence.required': '方法設定：apiKeyRequired = true',
  'api-key-missing-or-invalid.evidence.source': 'API 金鑰來源：{source}',
  'api-key-missing-or-invalid.this-stage': '這個 API 階段',
  'api-key-missing-or-invalid.summary.rejected': 'API 金鑰不在 {apiStage} 的使用計畫中：{reason}',
  'api-key-missing-or-invalid.summary.rejected-method':
    'API 金鑰不在 {apiStage} 的使用計畫中（方法 {method} 需要金鑰）：{reason}',
  'api-key-missing-or-invalid.summary.authorizer':
    '這個方法需要 API 金鑰，但授權器沒有提供有效的金鑰（usageIdentifierKey）。',
  'api-key-missing-or-invalid.summary.header': '這個方法需要 API 金鑰，但請求沒有帶上此階段可用的有效金鑰。',
  'api-key-missing-or-invalid.settle.line':
    '執行日誌中的「API Key … not authorized」一行，或存取日誌中 $context.error.responseType 為 INVALID_API_KEY。',
  'api-key-missing-or-invalid.settle.waf':
    '階段的 WAF Web ACL（WAF 封鎖時回的也是同樣的 Forbidden），以及 API 的端點類型。',
  'api-key-missing-or-invalid.fix.authorizer-key':
    'API 金鑰來源是 AUTHORIZER：請讓授權器以 usageIdentifierKey 傳回金鑰值。',
  'api-key-missing-or-invalid.fix.send-key':
    '在 x-api-key 標頭中送出金鑰（如果金鑰由授權器提供，則將 API 金鑰來源設為 AUTHORIZER）。',
  'api-key-missing-or-invalid.fix.enabled': '確認金鑰存在且已啟用。',
  'api-key-missing-or-invalid.fix.usage-plan': '將金鑰加入列有 {apiStage} 的使用計畫：',
} as const satisfies TranslationOf<typeof en>;
