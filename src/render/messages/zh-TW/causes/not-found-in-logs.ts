import type { TranslationOf } from '../../catalog';
import type { notFoundInLogs as en } from '../../en/causes/not-found-in-logs';

export const notFoundInLogs = {
  'not-found-in-logs.title': '搜尋過的日誌中找不到這個請求',
  'not-found-in-logs.title.inconclusive': '無法判定：找不到這個請求，但並非所有日誌都搜尋得到',
  'not-found-in-logs.explanation':
    '在搜尋的時間範圍內，找不到這個請求 ID 的執行日誌或存取日誌記錄。要不是請求根本沒有到達這個 API 階段' +
    '（WAF、路由或邊緣拒絕、API Gateway 不記錄的缺少身分 401、其他 API、階段、區域或帳戶），就是日誌無法記錄它' +
    '（執行日誌關閉或設在 ERROR 層級、在請求之後才開啟、帳戶沒有 CloudWatch 角色、已超過保留期限）。',
  'not-found-in-logs.summary.no-group':
    '無法查詢請求 {requestId}：執行日誌群組不存在，表示這個階段從來沒有寫入過執行日誌。',
  'not-found-in-logs.summary.not-there':
    '這個階段的日誌中沒有請求 {requestId}：已在整個時間範圍內搜尋過所有日誌，且執行日誌為 INFO 層級。',
  'not-found-in-logs.summary.inconclusive':
    '找不到請求 {requestId}，但搜尋沒能讀完所有內容（見下方）：它可能還是存在。',
  'not-found-in-logs.settle.request-id':
    '這個 ID 是否為請求 ID（x-amzn-RequestId），而不是延伸 ID（x-amz-apigw-id）或追蹤 ID。',
  'not-found-in-logs.settle.where':
    '用戶端實際呼叫的區域、帳戶與階段（每個自訂網域都各自對應一個 API 與階段）。',
  'not-found-in-logs.evidence.searched': '已搜尋：{groups}',
  'not-found-in-logs.evidence.searched-nothing': '已搜尋：沒有任何日誌群組',
  'not-found-in-logs.evidence.window': '時間範圍：{start} – {end}',
  'not-found-in-logs.evidence.level': '階段的執行日誌：{level}',
  'not-found-in-logs.evidence.level-error':
    '階段的執行日誌：{level}（ERROR 層級不會記錄一般 401/403 的授權器與使用計畫日誌行）',
  'not-found-in-logs.evidence.no-role':
    '帳戶設定：沒有 CloudWatch 角色（API Gateway 在這個區域無法寫入任何執行日誌）。',
  'not-found-in-logs.evidence.web-acl': '已關聯 WAF Web ACL（{arn}）；WAF 封鎖的請求不會留下執行日誌。',
  'not-found-in-logs.evidence.access-log-off': '這個階段的存取日誌已關閉。',
  'not-found-in-logs.evidence.default-endpoint-off':
    '這個 API 的預設端點已停用（disableExecuteApiEndpoint）：對 {api}.execute-api… 的每個呼叫，在每個階段都會得到 403 Forbidden。用戶端必須透過 API 的自訂網域名稱呼叫。',
  'not-found-in-logs.fix.grant':
    '讓 why403 能讀取日誌：授予對 {resource} 的 {action} 許可（iam/why403-read-only.json 已包含）。',
  'not-found-in-logs.fix.account-role':
    '為這個帳戶與區域設定 API Gateway 的 CloudWatch 角色（一個信任 apigateway.amazonaws.com、並附加 AmazonAPIGatewayPushToCloudWatchLogs 的角色）。',
  'not-found-in-logs.fix.enable-logging':
    '在階段上開啟 INFO 層級的執行日誌並啟用資料追蹤，然後重現呼叫。費用提醒：INFO 加上資料追蹤會記錄每一個請求' +
    '（每筆數 KB），以 CloudWatch Logs 的擷取費率計費；調查結束後請調回原本的層級。',
  'not-found-in-logs.fix.access-logging':
    '開啟存取日誌，並記錄 $context.error.responseType、$context.authorizer.error、$context.waf.status 與 $context.identity.sourceIp：即使是被 WAF 封鎖、或沒有執行日誌的請求，它也會寫入。',
  'not-found-in-logs.fix.config-only':
    '在那之前，先只根據設定判斷：授權器的 TTL 與身分來源、資源政策、方法的授權類型、是否需要 API 金鑰。',
} as const satisfies TranslationOf<typeof en>;
