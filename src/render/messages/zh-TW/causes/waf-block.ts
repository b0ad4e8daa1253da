import type { TranslationOf } from '../../catalog';
import type { wafBlock as en } from '../../en/causes/waf-block';

export const wafBlock = {
  'waf-block.title': 'AWS WAF 封鎖了這個請求',
  'waf-block.explanation':
    '階段上關聯了 AWS WAF Web ACL，其中一條規則在 API Gateway 自己的檢查（資源政策、授權器、API 金鑰）' +
    '執行之前就封鎖了請求。用戶端收到 403 Forbidden（或 Web ACL 的自訂回應），執行日誌是空的，只有存取日誌' +
    '（$context.waf.*）以及 WAF 自己的日誌或取樣請求，才看得出是哪一條規則。',
  'waf-block.summary.logged': '存取日誌顯示 WAF 封鎖了這個請求。',
  'waf-block.summary.attached': '階段上關聯了 WAF Web ACL，而請求在留下任何日誌之前就被拒絕了。',
  'waf-block.summary.possible': '如果階段上有 WAF Web ACL，就能解釋這個沒有留下執行日誌的 Forbidden。',
  'waf-block.settle.access-log':
    '該請求的存取日誌：$context.error.responseType 為 WAF_FILTERED，加上 $context.waf.status，即可確認。',
  'waf-block.settle.web-acl': '階段的 webAclArn（GetStage），以及 Web ACL 在該請求時間點的取樣請求或日誌。',
  'waf-block.fix.find-rule':
    '在 WAF 日誌（httpSourceName APIGW）或該請求時間點的取樣請求中，找出終止請求的規則。',
  'waf-block.fix.adjust':
    '調整該規則：加上縮小範圍陳述式、針對這個路徑的標籤例外，或在測試期間改用 Count 模式' +
    '（常見情況：受管規則 SizeRestrictions_BODY 封鎖了超過 8 KB 的請求本文）。',
} as const satisfies TranslationOf<typeof en>;
