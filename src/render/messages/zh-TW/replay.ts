import type { TranslationOf } from '../catalog';
import type { replay as en } from '../en/replay';

/** 驗證修正：透過 TestInvokeAuthorizer 重播失敗的請求（why403 replay 與 Slack 的「驗證修正」按鈕），以及部署後重新檢查。 */
export const replay = {
  'replay.help': '驗證修正：用你提供的權杖，把失敗請求的授權器實際執行一次，並判讀結果',
  'replay.help.request-id': '失敗呼叫的 x-amzn-RequestId（會先進行診斷）',
  'replay.help.identity-file':
    '存放身分來源的檔案（一行權杖，或以身分來源為鍵的 JSON 物件）；- 代表從標準輸入讀取',
  'replay.help.authorizer': '要執行的授權器（API 有多個授權器、追蹤中又沒有寫明時使用）',
  'replay.help.method-arn': '失敗請求的方法 ARN（日誌中找不到時使用）',
  'replay.help.json': '以 JSON 輸出重播結果',

  'replay.identity.hint':
    '檔案裡只放一行權杖；若有多個身分來源，請寫成 JSON 物件，例如 \'{"method.request.header.Authorization": "Bearer …", "method.request.querystring.tenant": "acme"}\'。',
  'replay.identity.empty': '身分檔案是空的。',
  'replay.identity.too-long': '身分內容超過 {max} 個字元：這不可能是標頭的值。',
  'replay.identity.lines': '身分內容超過一行。',
  'replay.identity.bad-json': '身分內容以大括號開頭，卻不是值皆為字串的 JSON 物件。',
  'replay.identity.bad-value': '身分來源 {name} 沒有文字值。',
  'replay.identity.unknown-source':
    '授權器 {authorizer} 讀取的身分來源屬於 why403 無法提供的類型：{source}。',
  'replay.identity.no-sources':
    '這個授權器沒有列出任何身分來源，單一個值不知道該放在哪裡：請以名稱指定它讀取的標頭或查詢字串。',
  'replay.identity.several':
    '這個授權器讀取 {count, plural, other {# 個身分來源}}（{sources}）：請以名稱逐一提供值。',
  'replay.identity.unknown-name': '{name} 不是這個授權器的身分來源（{sources}），也不是身分來源的運算式。',
  'replay.identity.missing': '{count, plural, other {身分來源}} {sources} 沒有提供值。',
  'replay.identity.no-file': '身分檔案不存在（這裡不重複顯示檔名，以免它其實是權杖本身）。',
  'replay.identity.unreadable': '無法讀取身分檔案（這裡不重複顯示檔名）。',
  'replay.identity.no-file.hint': '請提供存放權杖的檔案路徑，或用 - 從標準輸入讀取。',
  'replay.identity.required': 'why403 replay 需要從檔案或標準輸入取得要送出的身分。',
  'replay.identity.required.hint':
    '加上 --identity-file FILE，或用管線傳入：… | why403 replay REQUEST_ID --identity-file -',
  'replay.identity.on-command-line':
    'why403 replay 絕不從命令列接收身分：它會留在 shell 歷史紀錄與行程清單中。',
  'replay.identity.on-command-line.hint':
    '把它寫進只有你能讀取的檔案並使用 --identity-file FILE，或用管線傳給 --identity-file -',
  'replay.request-id.invalid': '第一個參數不是 API Gateway 的請求 ID（這裡不重複顯示，以免它其實是權杖）。',
  'replay.request-id.invalid.hint':
    '請提供失敗呼叫的 x-amzn-RequestId，例如 why403 replay 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc --identity-file token.txt',

  'replay.error.no-api': '無法判斷請求 {id} 屬於哪個 API 與階段，因此沒有可執行的授權器。',
  'replay.error.no-api.hint': '請提供 --api 與 --stage，並確認該請求在日誌中（why403 diagnose）。',
  'replay.error.no-method-arn': '證據中沒有請求 {id} 的方法 ARN，因此無法以它判讀結果。',
  'replay.error.bad-method-arn': '{arn} 不是 execute-api 的方法 ARN。',
  'replay.error.no-method-arn.hint':
    '請用 --method-arn arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<VERB>/<path> 提供',
  'replay.error.authorizers-unread': '無法讀取這個 API 的授權器：{reason}',
  'replay.error.which-authorizer':
    '證據沒有說明是哪一個授權器處理了這個請求，而這個 API 有多個授權器：{authorizers}。',
  'replay.error.which-authorizer.hint': '請用 --authorizer ID 指定其中一個。',
  'replay.error.no-such-authorizer': '這個 API 沒有授權器 {id}（它有 {authorizers}）。',
  'replay.error.not-replayable':
    '授權器 {id} 的類型是 {type}：TestInvokeAuthorizer 只能執行 Lambda（TOKEN、REQUEST）與 Cognito 授權器。',

  'replay.outcome.allowed': '使用這個權杖，授權器現在允許 {method}。',
  'replay.outcome.denied': '使用這個權杖，{method} 仍然被拒絕：{reason}',
  'replay.outcome.denied-at':
    '使用這個權杖，授權器仍然拒絕 {method}：其政策中最接近的 Allow 與請求在{segment}不同：「{expected}」≠「{actual}」。',
  'replay.outcome.rejected': '授權器拒絕了這個權杖：用戶端呼叫 {method} 會得到 401 Unauthorized。',
  'replay.outcome.failed': '授權器執行失敗（用戶端會得到 {status}），方法為 {method}：{detail}',
  'replay.detail.bad-policy': '它傳回了 API Gateway 無法使用的政策（{reason}）。',
  'replay.detail.no-policy': '它沒有傳回任何政策。',
  'replay.detail.function-error': '函數執行失敗：{error}。',
  'replay.detail.configuration-error': 'API Gateway 回報 {error}。',
  'replay.detail.null-result': '函數傳回了 null。',
  'replay.detail.unknown': '測試調用的日誌沒有說明原因。',
  'replay.note.test-stage':
    '政策中寫的是測試調用的階段「{testStage}」，這是授權器從 event.methodArn 取得的：已依實際呼叫的情況，改以請求的階段「{stage}」判讀。',
  'replay.note.echoes-method-arn':
    '政策只允許授權器收到的那一個方法 ARN（Resource: event.methodArn）：只要結果快取 TTL 大於 0，其他方法就會從快取沿用它而得到 403。',
  'replay.note.undetermined': '結果取決於 {keys}，而失敗請求的證據中沒有這些值；這裡顯示的是最嚴格的結果。',

  'replay.text.title': 'why403 replay — 請求 {id}（{where}）',
  'replay.text.ran':
    '已透過 TestInvokeAuthorizer 執行授權器 {authorizer} 一次（{latency} 毫秒），{sources} 的值取自{from}。',
  'replay.text.from-file': '身分檔案',
  'replay.text.from-stdin': '標準輸入',
  'replay.text.client-status': '測試調用傳回的 clientStatus 為 {status}。',
  'replay.text.principal': '傳回的主體：{principal}',
  'replay.text.combined': '合併判定（表 {table}）：{reason}',
  'replay.text.log': '測試調用日誌摘錄（已遮蔽）',
  'replay.text.notes': '附註',
  'replay.denied.hint':
    '請將選用政策 iam/why403-test-invoke.json（授權器上的 apigateway:POST）附加到 why403 執行時使用的身分',
  'replay.exit': '修正尚未驗證：重播結果並未允許這個方法。',
  'replay.sandbox.title':
    '驗證修正：orders 授權器現在會傳回涵蓋整個 API 的政策。以測試權杖重播，並以失敗的請求 GET /orders/18 判讀結果：',
  'replay.sandbox.trigger': '驗證修正（在對話視窗中輸入權杖）',
  'replay.text.verdict': '失敗請求的診斷：{cause}（{confidence}）',

  'slack.replay.button.verify': '驗證修正',
  'slack.replay.button.after-deploy': '部署後重新檢查',
  'slack.replay.modal.title': '驗證修正',
  'slack.replay.modal.submit': '執行授權器',
  'slack.replay.modal.close': '取消',
  'slack.replay.modal.intro':
    '這會透過 TestInvokeAuthorizer，用你輸入的身分把 {where} 的授權器 {authorizer} *執行一次*，並以失敗的請求 {id} 與資源政策判讀它的結果。',
  'slack.replay.modal.privacy':
    '你輸入的內容只會在這一次呼叫中傳給 AWS，不會被張貼、記錄或保存。函數會實際執行（會產生費用與副作用），並留下一行記錄執行者的稽核日誌。',
  'slack.replay.modal.placeholder': '用戶端在這裡送出的值，例如 Bearer eyJ…',
  'slack.replay.after.title': '部署後重新檢查',
  'slack.replay.after.submit': '重新檢查',
  'slack.replay.after.intro':
    '修正部署後，再呼叫一次 API，並輸入新呼叫的 x-amzn-RequestId。why403 會以目前的設定診斷它，並更新這則判定。',
  'slack.replay.after.label': '新呼叫的請求 ID',
  'slack.replay.after.invalid': '這不是 API Gateway 的請求 ID（例如 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc）。',
  'slack.replay.modal.token': '身分（用戶端送出的權杖）',
  'slack.replay.outcome': '{emoji} *驗證修正：* {summary}',
  'slack.replay.by':
    '由 {user} 於 {time} 執行 · 授權器 {authorizer} · {latency} 毫秒 · clientStatus {status}',
  'slack.replay.log': '*測試調用日誌摘錄（已遮蔽）*',
  'slack.replay.text': 'why403 驗證修正：{summary}',
  'slack.replay.failed': '無法為 {where} 執行驗證修正：{reason}',
  'slack.replay.running':
    ':hourglass_flowing_sand: 正在將 {where} 的授權器 {authorizer} 執行一次。結果會顯示在判定訊息中；你可以關閉這個視窗。',
  'slack.replay.unavailable':
    '驗證修正只能在機器人以伺服器方式執行時使用（Docker、虛擬機）：在 AWS Lambda 上，身分必須傳到第二次調用，但它絕不離開接收它的行程。請改從終端機使用 why403 replay。',
  'slack.refuse.replay-user': '你沒有執行授權器（驗證修正）的權限。',
  'slack.refuse.replay-channel': '不能從這個頻道執行授權器（驗證修正）。',
  'slack.refuse.replay-no-api': '驗證修正需要知道是哪一個 API。',
  'slack.refuse.replay-dm': '不能從私訊執行授權器（驗證修正）。',
} as const satisfies TranslationOf<typeof en>;
