import type { TranslationOf } from '../../catalog';
import type { privateApiVpceDeny as en } from '../../en/causes/private-api-vpce-deny';

export const privateApiVpceDeny = {
  'private-api-vpce-deny.title': '私有 API 拒絕了該 VPC 端點（或呼叫根本沒有到達它）',
  'private-api-vpce-deny.explanation':
    'PRIVATE（私有）API 只回應經由 execute-api 介面 VPC 端點、且資源政策允許該端點（aws:SourceVpce / aws:SourceVpc）' +
    '的呼叫。來自政策沒有列出之端點的呼叫，會被拒絕並回「User: anonymous is not authorized …」。另一個相關的陷阱：' +
    '這類端點若開啟私有 DNS，會攔下 VPC 內所有 *.execute-api 主機名稱，因此從 VPC 內呼叫公開 API 時，' +
    '只會得到單純的 403 Forbidden。',
  'private-api-vpce-deny.evidence.private': '端點類型：PRIVATE（VPC 端點：{endpoints}）',
  'private-api-vpce-deny.evidence.caller-vpce': '呼叫端的 VPC 端點：{vpceId}',
  'private-api-vpce-deny.none-associated': '未關聯任何端點',
  'private-api-vpce-deny.no-endpoint': '沒有 VPC 端點',
  'private-api-vpce-deny.summary.public-through-vpce':
    '從 VPC（{vpceId}）內呼叫了公開 API，而該 VPC 的 execute-api 端點開啟了私有 DNS：呼叫落到端點上而遭到拒絕。',
  'private-api-vpce-deny.summary.condition':
    '私有 API 的資源政策不接受 {actual}（{operator} {key} {expected}）。',
  'private-api-vpce-deny.summary.generic': '私有 API 的資源政策不接受呼叫所來自的 VPC 端點（或網路）。',
  'private-api-vpce-deny.summary.endpoint-policy':
    '私有 API 的這個方法沒有設定授權，呼叫卻被當成簽章錯誤而遭拒：VPC 端點若套用了自訂的端點政策，會把 Authorization 標頭當成 SigV4 簽章來讀，應用程式自己放在那裡的權杖就會被拒絕。',
  'private-api-vpce-deny.summary.endpoint-policy-no-allow':
    'VPC 端點的政策拒絕了這次呼叫：政策中沒有任何陳述式允許這個呼叫端對此 API 執行 execute-api:Invoke（AWS 在回應中指明是端點政策），因此造成拒絕的不是 API 本身的資源政策。',
  'private-api-vpce-deny.summary.endpoint-policy-deny':
    'VPC 端點的政策以明確拒絕（Deny）擋下了這次呼叫（AWS 在回應中指明是端點政策），因此造成拒絕的不是 API 本身的資源政策。',
  'private-api-vpce-deny.fix.endpoint-policy-allow':
    '檢查 VPC 端點（{vpceId}）的政策，允許呼叫端對這個 API 執行 execute-api:Invoke；並檢查其中的條件（經由 VPC 的請求不會帶 aws:SourceIp，請改用 aws:VpcSourceIp），移除符合這次呼叫的 Deny。',
  'private-api-vpce-deny.settle.endpoint-policy':
    'VPC 端點的政策：使用預設的完整存取政策時，API Gateway 不會讀取未設授權之方法的 Authorization 標頭。',
  'private-api-vpce-deny.settle.route':
    '把 URL 與已部署的階段比對：不存在的路徑或 HTTP 方法，對持有 bearer 權杖的請求也會回同樣的簽章錯誤。',
  'private-api-vpce-deny.fix.endpoint-policy':
    '把 VPC 端點（{vpceId}）的政策改回預設的完整存取政策；若政策必須指定主體，就改用 SigV4 簽署呼叫。',
  'private-api-vpce-deny.fix.token-header':
    '或者把應用程式的權杖放在 Authorization 以外的標頭，端點政策不會讀取它。',
  'private-api-vpce-deny.settle.endpoint-type':
    'API 的端點類型（GetRestApi endpointConfiguration.types）：只有 PRIVATE API，或開啟私有 DNS 的 VPC 呼叫端，才可能因 VPC 端點而被拒絕。',
  'private-api-vpce-deny.settle.access-log':
    '該請求在存取日誌中的 $context.identity.vpceId 與 sourceIp 欄位。',
  'private-api-vpce-deny.fix.custom-domain': '透過自訂網域名稱呼叫公開 API，私有 DNS 不會攔截它。',
  'private-api-vpce-deny.fix.private-dns-off':
    '或者關閉 execute-api VPC 端點的私有 DNS，改用 VPC 端點專屬的主機名稱呼叫私有 API。',
  'private-api-vpce-deny.fix.allow-vpce':
    '在資源政策中允許發出呼叫的 VPC 端點（{vpceId}）或 VPC（aws:SourceVpce / aws:SourceVpc）。',
  'private-api-vpce-deny.fix.vpce-hostname':
    '透過 VPC 端點專屬的主機名稱呼叫，或送出 x-apigw-api-id 標頭：{url}',
} as const satisfies TranslationOf<typeof en>;
