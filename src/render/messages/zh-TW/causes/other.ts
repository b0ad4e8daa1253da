import type { TranslationOf } from '../../catalog';
import type { other as en } from '../../en/causes/other';

export const other = {
  'other.title': '不是 API Gateway 的授權失敗',
  'other.explanation':
    '請求失敗的原因不在 API Gateway 的授權步驟中：可能是後端本身回了 403、整合（而不是授權器）缺少許可、' +
    '用戶端遭到限流，或是 CloudFront 在邊緣拒絕了呼叫。修改授權器或政策都沒有幫助。',
  'other.title.cognito': 'Cognito 使用者集區授權器拒絕了權杖',
  'other.explanation.cognito':
    'COGNITO_USER_POOLS 授權器會自行檢查權杖，不經過 Lambda 函數：權杖必須放在身分來源中、由授權器所列的使用者集區之一簽署、' +
    '尚未過期；方法列有 OAuth 範圍時，還必須是帶有其中一個範圍的存取權杖。任何一項不符都會得到 401 Unauthorized。' +
    '這個拒絕不是 IAM 政策或資源政策做出的，所以修改政策沒有幫助：要改的是權杖，或是授權器所列的使用者集區。',
  'other.summary.backend':
    '後端回了 {status}，API Gateway 原封不動地轉傳：API Gateway 的授權步驟其實允許了這次呼叫。',
  'other.summary.integration-permission':
    'API Gateway 沒有調用整合的 Lambda 函數（不是授權器）的許可：500 Internal server error。',
  'other.summary.integration-role':
    'API Gateway 無法擔任 {role}，也就是整合（而非授權器）執行時所用的角色：500 Internal server error。',
  'other.summary.integration-uri':
    'API Gateway 無法呼叫整合：它的 URI 不是有效的端點（「Invalid endpoint address」）：500 Internal server error。',
  'other.summary.throttled':
    '請求遭到限流（429）：是使用計畫的配額，或是階段、方法、帳戶的速率限制，而不是授權失敗。',
  'other.summary.edge':
    'CloudFront 在請求到達 API Gateway 之前就拒絕了呼叫（這是它自己的錯誤頁面或訊息，不是 API Gateway 的回應）。',
  'other.summary.html':
    '回應是一個 HTML 頁面{server, select, none {} other {（署名 {server}）}}，而 API Gateway 自己的回應都是 JSON：最可能是 API 前方的伺服器（CDN、負載平衡器或代理）或後方的後端（經由代理整合）產生了這個頁面。讀到的內容無法判斷是哪一個，而被自訂成 HTML 的閘道回應看起來也會一樣。',
  'other.summary.html-gateway':
    '回應是一個 HTML 頁面，且有跡象顯示是 API Gateway 送出的（x-amzn-ErrorType 標頭、階段上的 Web ACL，或存取日誌的錯誤或 WAF 欄位）：可能是被自訂成 HTML 的閘道回應，或階段 Web ACL（AWS WAF）的自訂回應。讀到的只有頁面本身的文字，而不是 API Gateway 的訊息。',
  'other.summary.service-error':
    '回應來自 AWS 服務本身的錯誤（{code}），而不是 API Gateway：請求已通過 API Gateway 的授權，到達 AWS 服務整合（S3、SQS、DynamoDB…）後遭到拒絕；也可能是 URL 直接呼叫了該服務。',
  'other.summary.cognito':
    '這個方法的 Cognito 使用者集區授權器拒絕了權杖（401）：權杖缺少、已過期、由其他使用者集區或應用程式用戶端簽發，或是方法要求 OAuth 範圍時卻送了 ID 權杖。這裡沒有 Lambda 授權器參與。',
  'other.fix.backend': '查看後端自己的日誌與授權機制（開啟資料追蹤時，整合的回應本文會出現在執行日誌中）。',
  'other.fix.integration-permission':
    '在整合函數上為 apigateway.amazonaws.com 加上資源型許可，且 SourceArn 要涵蓋該方法。',
  'other.fix.integration-role':
    '讓 API Gateway 能擔任 {role}：它的信任政策必須允許 apigateway.amazonaws.com 呼叫 sts:AssumeRole（若函數本身的資源型許可已足夠，也可以拿掉整合的憑證設定）。',
  'other.fix.integration-uri':
    '檢查整合的 URI：HTTP 整合需要可解析的 https:// 主機；Lambda 整合應為 arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations，且使用函數所在的區域。之後重新部署階段。',
  'other.fix.throttled': '檢查使用計畫的限流與配額、階段的方法限流設定，以及帳戶的 API Gateway 速率限制。',
  'other.fix.service-role':
    '檢查整合的執行角色（其憑證）：它需要對該資源執行相應服務動作的許可（s3:GetObject、sqs:SendMessage、dynamodb:GetItem…），KMS 金鑰或儲存貯體政策也可能拒絕它。',
  'other.fix.service-request':
    '檢查整合所組出的請求（URI、路徑覆寫、對應範本、Content-Type）：服務回報的簽章、權杖過期或驗證錯誤，來自 API Gateway 轉送的內容，而不是呼叫端。',
  'other.fix.cognito-token':
    '確認請求在 {source} 帶了權杖且尚未過期（exp），並解碼檢查：iss 必須是授權器所指定的使用者集區，aud（ID 權杖）或 client_id（存取權杖）必須是該集區的應用程式用戶端。',
  'other.fix.cognito-pool':
    '比對授權器的使用者集區（aws apigateway get-authorizer … --query providerARNs）與簽發權杖的集區。',
  'other.summary.after-integration':
    '這個請求已通過所有授權步驟並到達整合，整合也回應了；失敗發生在那之後（{status}）：問題出在整合的回應，或 API Gateway 如何對應它，而不是存取權限。',
  'other.fix.after-integration-line':
    '查看整合回應之後的那一行："Output mapping refers to an invalid method response: <status>" 表示需要為該狀態碼建立方法回應（aws apigateway put-method-response），或用整合回應的選取模式把回應對應到既有的方法回應；"Malformed Lambda proxy response" 表示函數必須回傳 {"statusCode": …, "headers": {…}, "body": "<字串>"}。',
  'other.fix.after-integration-mapping':
    '在主控台的「測試」分頁執行該方法（aws apigateway test-invoke-method），查看整合的回應與每個對應步驟，修正後重新部署階段。',
  'other.summary.gateway-response':
    'API Gateway 以 {type} 閘道回應作答，而它只在授權以外的情況才會選用這種回應：請求已經通過授權（或根本不需要授權），失敗發生在整合、請求驗證，或請求的大小與內容類型。',
  'other.fix.gateway-response':
    '修正 {type} 指出的步驟：INTEGRATION_FAILURE 或 INTEGRATION_TIMEOUT 表示後端失敗或超過整合逾時（預設 29 秒）；API_CONFIGURATION_ERROR 表示整合的端點位址或回應對應（沒有相符的範本）；BAD_REQUEST_BODY 或 BAD_REQUEST_PARAMETERS 表示方法的請求驗證器；REQUEST_TOO_LARGE 或 UNSUPPORTED_MEDIA_TYPE 表示請求本身。',
  'other.summary.function-url':
    '拒絕請求（403）的是 Lambda 函數 URL，不是 API Gateway：用戶端呼叫的是函數自己的網址（…lambda-url.<region>.on.aws），沒有經過任何 REST API 的階段、授權器或資源政策。',
  'other.fix.function-url-address':
    '檢查用戶端呼叫的網址：若要經過 REST API，請改呼叫它的叫用 URL（https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…）或自訂網域，而不是函數 URL。',
  'other.fix.function-url-auth':
    '若本來就要呼叫函數 URL：AuthType 為 AWS_IAM 時，呼叫端需要 lambda:InvokeFunctionUrl 許可（aws lambda get-function-url-config --function-name <function>），並以服務 lambda 簽署請求；AuthType 為 NONE 時，它的資源政策必須允許所有人 lambda:InvokeFunctionUrl。',
  'other.summary.cognito-expired':
    'Cognito 使用者集區授權器因權杖已過期而拒絕（401，"The incoming token has expired"）：用戶端送出的 ID 權杖或存取權杖已超過它的 exp。這裡沒有 Lambda 授權器參與。',
  'other.fix.cognito-refresh':
    '讓用戶端在權杖過期前先更新，再用新的權杖重試：用重新整理權杖（以 REFRESH_TOKEN_AUTH 呼叫 InitiateAuth，或使用 SDK 的工作階段更新）取得新的 ID 權杖與存取權杖；把權杖留用超過有效期限的用戶端就會遇到這個 401。',
  'other.fix.cognito-lifetime':
    "確認應用程式用戶端的權杖有效期限：aws cognito-idp describe-user-pool-client --user-pool-id <pool> --client-id <client> --query 'UserPoolClient.[IdTokenValidity,AccessTokenValidity,TokenValidityUnits]'（未設定時為一小時）。",
  'other.fix.cognito-scopes':
    '若方法列出了 OAuth 範圍（authorizationScopes），請送出含其中一個範圍的存取權杖；此時 ID 權杖會被拒絕。',
  'other.fix.cognito-scopes-listed':
    '這個方法列出了 OAuth 授權範圍（{scopes}）：請送出 scope 宣告中至少含有其中一個範圍的存取權杖；在這個方法上，ID 權杖再新也會被拒絕。用 InitiateAuth 取得的存取權杖，只有在權杖產生前觸發程序（pre token generation）加上自訂範圍時才會帶有它們；OAuth 2.0 權杖端點則會給出應用程式用戶端獲准的範圍。',
  'other.fix.cognito-regex-with-scopes':
    '授權器的權杖驗證（{regex}）比對的是權杖的 aud 宣告，而存取權杖沒有這個宣告；偏偏方法列出的 OAuth 授權範圍又要求存取權杖：沒有任何權杖能同時通過兩者。請移除授權器的權杖驗證（或方法的授權範圍），再重新部署階段。',
  'other.settle.cognito-scopes':
    '解碼用戶端送出的權杖（只看 payload，不必驗證簽章）：token_use 為 "id" 代表是 ID 權杖，在列出授權範圍的方法上會被拒絕；token_use 為 "access" 但 scope 宣告中沒有 {scopes} 的任何一個，也會被拒絕；若有其中一個，就改查 exp 與 iss（是否已過期，或由其他使用者集區簽發）。',
  'other.fix.edge-waf':
    '頁面上寫著「Request blocked.」：這是 API 前方 CloudFront 分佈上的 Web ACL（AWS WAF）擋下呼叫時，CloudFront 顯示的頁面。請在該 Web ACL 的取樣請求或日誌中找出符合的規則（CloudFront 的 Web ACL 位於 us-east-1）。',
  'other.fix.html-origin':
    '找出是哪一台伺服器產生了這個頁面：繞過 API 前方的 CDN、負載平衡器或代理，直接呼叫階段的調用 URL（https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…）。若再次得到同樣的頁面，代表是後端產生、API Gateway 原封不動轉傳（在 INFO 等級並開啟資料追蹤的執行日誌中，它會以整合的回應出現）；若改為得到 API Gateway 的 JSON 回應，代表是前方的伺服器拒絕了呼叫，請查看它的日誌。',
  'other.fix.html-server':
    '頁面署名為 {server}：請查看這台伺服器（不論位於 API 前方或後方）的日誌與規則（像 ModSecurity 這類 Web 應用程式防火牆模組就會回應這種頁面）。',
  'other.fix.html-gateway':
    '找出哪個範本就是這個頁面：在 API 自訂的閘道回應（ACCESS_DENIED、UNAUTHORIZED、WAF_FILTERED、DEFAULT_4XX…）中，或在階段 Web ACL 的自訂回應中；它所屬的回應類型就指出了是哪一道檢查拒絕了呼叫。INFO 等級的執行日誌，或存取日誌的 $context.error.responseType，會直接寫出來。',
  'other.fix.edge':
    '檢查 URL 與 Host 標頭（邊緣最佳化 API 與自訂網域）、HTTP 方法，以及 API 前面是否有 CloudFront 分佈。',
} as const satisfies TranslationOf<typeof en>;
