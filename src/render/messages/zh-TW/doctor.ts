import type { TranslationOf } from '../catalog';
import type { doctor as en } from '../en/doctor';

export const doctor = {
  'doctor.report.title': 'why403 doctor',
  'doctor.report.checked':
    '{apis, plural, =0 {沒有檢查任何 REST API} other {已檢查 # 個 REST API}}（{regions}）',
  'doctor.report.as': '身分：{arn}',
  'doctor.report.summary':
    '{mustChange, plural, =0 {沒有必須修改的項目} other {# 項必須修改}} · {advice, plural, other {# 項建議}} · {passed, plural, other {# 項檢查通過}}',
  'doctor.report.account': '帳戶 {account}（{region}）',
  'doctor.report.account-unknown': '{region} 的帳戶',
  'doctor.report.api': 'API {api}（{region}）',
  'doctor.report.api-named': 'API {api}（{name}，{region}）',
  'doctor.report.stage': '階段 {stage}',
  'doctor.report.must-change': '必須修改',
  'doctor.report.advice': '建議',
  'doctor.report.why': '為什麼重要：',
  'doctor.report.fix': '修正方式：',
  'doctor.report.seen': '觀察到：',
  'doctor.report.passed': '已通過：',
  'doctor.report.nothing': '沒有可檢查的 REST API：請提供 --api、在設定檔中列出 API，或檢查 --region。',
  'doctor.report.verdict.must-change':
    '有 {count, plural, other {# 項設定}}必須修改，下一次事件才能憑證據診斷。',
  'doctor.report.verdict.ok': '沒有必須修改的項目：下一次的 401/403/500 可以憑證據診斷。',
  'doctor.report.verdict.unchecked':
    '沒有發現必須修改的項目，但有 {count, plural, other {# 項檢查}}無法執行（見上方）：在它們能執行之前，無法斷定下一次的 401/403/500 可以憑證據診斷。',
  'doctor.report.more': '…還有 {count, plural, other {# 項發現}}：請在終端機執行 {command} 查看全部。',
  'doctor.report.slack-fallback': 'why403 doctor：{summary}',
  'doctor.report.too-long': '完整的指令對 Slack 來說太長了：請在終端機執行 {command}。',

  'doctor.cli.description':
    '在事件發生之前，檢查下一次的 401/403/500 是否能被診斷：執行日誌與存取日誌、帳戶的 CloudWatch 角色、why403 自己的許可、授權器快取陷阱、Lambda 許可、只靠 IP 的資源政策、沒有資源政策的私有 API、不在使用計畫中的 API 金鑰',
  'doctor.cli.api': 'REST API ID（預設：設定檔中的 API，否則為該區域的所有 REST API）',
  'doctor.cli.stage': '只檢查這個階段（預設：所有階段）',
  'doctor.cli.region': 'AWS 區域（預設：設定檔，其次是 AWS_REGION 或 profile）',
  'doctor.cli.config': '設定檔（預設：$WHY403_CONFIG 或 ./why403.config.yml）',
  'doctor.cli.json': '以 JSON 輸出發現的問題',
  'doctor.cli.exit': '有 {count, plural, other {# 項設定}}必須修改（見上方報告）',

  'doctor.sandbox.title':
    '在下一次事件之前：對 orders API 執行 why403 doctor（日誌、存取日誌格式、授權器、許可）',

  'doctor.progress.listing': '正在列出 {region} 的 REST API…',
  'doctor.progress.api': '正在檢查 {region} 的 API {api}…',
  'doctor.progress.permissions': '正在檢查 why403 自己在 {region} 的許可…',
  'doctor.progress.probes': 'IAM 無法在 {region} 模擬 why403 的許可：改為每個動作各試一次無害的讀取…',

  'doctor.what.rest-apis': '{region} 的 REST API',
  'doctor.what.rest-api': 'API {api}（資源政策、端點類型）',
  'doctor.what.authorizers': 'API {api} 的授權器',
  'doctor.what.resources': 'API {api} 的方法',
  'doctor.what.stages': 'API {api} 的階段',
  'doctor.what.cloudwatch-role': '帳戶給 API Gateway 用的 CloudWatch 角色',
  'doctor.what.identity': 'why403 以什麼身分執行',
  'doctor.what.simulation': '用 IAM 政策模擬器檢查 why403 的許可',
  'doctor.what.function-policy': 'API Gateway 是否可以調用授權器 {authorizer}',
  'doctor.what.authorizer-outputs': '階段 {stage} 最近的授權器輸出',

  'doctor.unchecked.title': '無法檢查：{what}',
  'doctor.unchecked.denied': 'AWS 拒絕了對 {resource} 的 {action}。',
  'doctor.unchecked.missing': '{resource} 不存在。',
  'doctor.unchecked.unavailable': '{operation} 在重試後仍遭到限流或失敗。無法執行的檢查，無法證明任何事。',
  'doctor.unchecked.fix.grant':
    '將對 {resource} 的 {action} 授予 why403 執行時使用的身分（{file}），然後再執行一次 doctor。',
  'doctor.unchecked.fix.missing': '請檢查 ID 與區域（--region），或將這個 API 從設定檔中移除。',
  'doctor.unchecked.fix.log-group-missing':
    '階段記錄第一個請求後，這個日誌群組才會出現。如果階段在開啟記錄後已經處理過請求，請檢查帳戶的 CloudWatch 角色；否則等有流量後再執行一次 doctor。',
  'doctor.unchecked.fix.principal-missing':
    'IAM 找不到這個名稱的角色：工作階段 ARN 省略了角色路徑。已改為對每個動作各試一次無害的呼叫；不需要其他處理。',
  'doctor.unchecked.fix.retry': '過一分鐘再執行一次 doctor。',

  'doctor.execution-logging.off.title': '階段 {stage} 的執行日誌已關閉',
  'doctor.execution-logging.off.why':
    '日誌關閉時，API Gateway 不會為任何請求寫下任何一行：呼叫失敗時，why403 只能回答「not found in logs」，原因只能用猜的。日誌必須在失敗發生之前就開啟；事後什麼都救不回來。',
  'doctor.execution-logging.error.title': '階段 {stage} 的執行日誌是 ERROR 層級，而不是 INFO',
  'doctor.execution-logging.error.why':
    '在 ERROR 層級，API Gateway 只保留設定錯誤（500）。一般的 401 或 403 不會留下任何一行：看不到執行了哪個授權器、它傳回了什麼政策，也看不到是哪一步拒絕了呼叫。',
  'doctor.execution-logging.fix': '把階段的執行日誌設為 INFO。',
  'doctor.execution-logging.ok': '階段 {stage} 以 INFO 層級寫入執行日誌。',
  'doctor.execution-logging.override.title':
    '階段 {stage} 以 INFO 記錄，但有些方法以較低的層級覆寫：{methods}',
  'doctor.execution-logging.override.why':
    '這些方法上的 401/403 不會留下授權器或政策的日誌行，所以無法像其他方法一樣從日誌診斷。',
  'doctor.execution-logging.override.fix':
    '在階段的方法設定中，把這些方法的日誌層級設為 INFO，或移除它們的覆寫。',

  'doctor.data-tracing.title': '階段 {stage} 的資料追蹤已關閉',
  'doctor.data-tracing.why':
    '所有能看到傳回的政策（「Authorizer result body before parsing」）以及授權器被詢問的方法 ARN 的公開授權器追蹤，都是在開啟資料追蹤時記錄的：正是這項證據，能分辨「政策沒涵蓋該方法」與「沿用了快取中的政策」。它也會記錄請求與回應本文，所以用在正式環境前請斟酌：why403 會遮蔽它引用的內容，但 CloudWatch 會保留它收到的一切。',
  'doctor.data-tracing.fix': '在階段上開啟資料追蹤（或只在調查期間開啟）。',
  'doctor.data-tracing.ok': '階段 {stage} 已開啟資料追蹤。',

  'doctor.access-logging.off.title': '階段 {stage} 沒有寫入存取日誌',
  'doctor.access-logging.off.why':
    '對於在執行日誌有內容之前就被擋下的請求（WAF 封鎖、部分 401），存取日誌是唯一的記錄，而且它會寫出每個請求所選用的閘道回應（$context.error.responseType）。沒有它，就無法分辨這些失敗。',
  'doctor.access-logging.off.fix': '建立一個日誌群組，並以包含診斷所需欄位的格式開啟存取日誌。',
  'doctor.access-logging.not-cloudwatch.title': '階段 {stage} 把存取日誌送到 why403 無法讀取的地方',
  'doctor.access-logging.not-cloudwatch.why':
    'why403 從 CloudWatch Logs 讀取存取日誌；Firehose 目的地對它而言是看不到的，所以診斷時看不到 WAF 封鎖與閘道回應。',
  'doctor.access-logging.not-cloudwatch.fix': '同時（或改為）把存取日誌送到 CloudWatch 日誌群組。',

  'doctor.access-log-format.title': '階段 {stage} 的存取日誌格式缺少 {missing}',
  'doctor.access-log-format.invalid-json.title':
    '階段 {stage} 的存取日誌格式看起來像 JSON，但不是有效的 JSON',
  'doctor.access-log-format.why':
    'why403 以 $context.requestId 串接存取日誌與執行日誌，並從 $context.error.responseType 讀出 API Gateway 選用的閘道回應；$context.authorizer 欄位顯示 Lambda 是否執行、回了什麼、是為誰回的，WAF 欄位則顯示 WAF 是否封鎖。對沒有留下執行日誌的請求來說，這些欄位是唯一的證據。',
  'doctor.access-log-format.waf-only.why':
    '這個階段目前沒有 Web ACL，所以只缺 WAF 欄位；加上它們之後，日後關聯的 WAF 會立刻出現在存取日誌中。',
  'doctor.access-log-format.network.why':
    '檢查呼叫端位址或 VPC 端點（aws:SourceIp、aws:SourceVpce）的資源政策，或私有 API，是依 $context.identity.sourceIp 與 $context.identity.vpceId 判斷的。執行日誌中沒有任何一行記錄它們：存取日誌若缺少這些欄位，就無法分辨 403 是否來自資源政策。',
  'doctor.access-log-format.unknown.why':
    '診斷是否需要這些欄位，取決於 why403 無法讀取的內容（見無法執行的檢查）：有方法使用 Lambda 授權器時需要 $context.authorizer 欄位，資源政策檢查呼叫端位址或 VPC 端點時需要這兩個欄位，附加 Web ACL 後需要 WAF 欄位。即使最後用不到，加上它們也沒有壞處。',
  'doctor.access-log-format.fix': '把格式換成這一個：原有欄位再加上缺少的欄位。',
  'doctor.access-log-format.ok': '階段 {stage} 的存取日誌包含診斷會讀取的所有欄位。',

  'doctor.cloudwatch-role.title': 'API Gateway 在 {region} 沒有 CloudWatch 角色',
  'doctor.cloudwatch-role.why':
    '沒有這個帳戶層級的角色，不論各階段怎麼設定，API Gateway 都完全不會寫入執行日誌：每一次失敗都會是「not found in logs」。',
  'doctor.cloudwatch-role.fix':
    '建立一個 API Gateway 能擔任、附加 AmazonAPIGatewayPushToCloudWatchLogs 政策的角色，並設定到帳戶上（每個區域一次）。',
  'doctor.cloudwatch-role.ok': 'API Gateway 透過 {role} 把日誌寫入 CloudWatch。',

  'doctor.bot-permissions.denied.title': 'why403 缺少 {count, plural, other {# 項}}必要的許可：{actions}',
  'doctor.bot-permissions.denied.why':
    '事件發生時，診斷會在這些呼叫遇到 AccessDenied 而中斷，只能說出它看不到什麼。',
  'doctor.bot-permissions.denied.fix': '把 {file} 附加到 why403 執行時使用的身分。',
  'doctor.bot-permissions.evidence.simulated': '對 {resources} 的 {action}（IAM 政策模擬器；陳述式 {sid}）',
  'doctor.bot-permissions.evidence.tried': '對 {resources} 的 {action}（實際嘗試；陳述式 {sid}）',
  'doctor.bot-permissions.evidence.unavailable': '{action}：{operation} 遭到限流或失敗',
  'doctor.bot-permissions.evidence.no-probe': '{action}：沒有已知的無害呼叫可以試',
  'doctor.bot-permissions.unknown.title': '無法確認 why403 是否可以呼叫 {actions}',
  'doctor.bot-permissions.unknown.why': '沒有檢查過的許可，可能在事件需要時才發現缺少。',
  'doctor.bot-permissions.unknown.fix':
    '讓 why403 模擬自己的許可（{file}：對它的角色授予 iam:SimulatePrincipalPolicy），或再執行一次 doctor。',
  'doctor.bot-permissions.no-principal.title': 'why403 以 {arn} 執行，而 IAM 無法模擬這個身分',
  'doctor.bot-permissions.no-principal.why':
    '它的許可改為每個動作各試一次無害的讀取來檢查。機器人不應該以帳戶根使用者或聯合身分使用者執行。',
  'doctor.bot-permissions.no-principal.fix': '以附加了 {file} 的角色執行 why403。',
  'doctor.bot-permissions.ok.simulated':
    'IAM 確認 {principal} 可以發出 why403 需要的{count, plural, other {全部 # 項呼叫}}。',
  'doctor.bot-permissions.ok.probed':
    '以 {principal} 發出 why403 需要的{count, plural, other {全部 # 項呼叫}}，都成功了。',

  'doctor.cache-trap.title':
    '授權器 {authorizer} 會快取結果 {ttl} 秒，卻傳回只適用於單一方法的政策（過去 {hours} 小時的 {count} 筆輸出中有 {shaped} 筆）',
  'doctor.cache-trap.why':
    '開啟快取時，第一次呼叫所傳回的政策，會在 {ttl} 秒內被同一個權杖呼叫的其他所有方法沿用，而它並不涵蓋那些方法：這些呼叫會偶發地得到 403「User is not authorized to access this resource」，哪一次呼叫失敗，取決於是哪一次呼叫填入了快取。',
  'doctor.cache-trap.why.echoed':
    '傳回的 Resource 正好就是授權器收到的方法 ARN（有 {echoed, plural, other {# 筆輸出}}如此）：Resource: event.methodArn。開啟快取時，這份政策會在 {ttl} 秒內被同一個權杖呼叫的其他所有方法沿用並拒絕它們：偶發的 403「User is not authorized to access this resource」，哪一次呼叫失敗，取決於是哪一次呼叫填入了快取。',
  'doctor.cache-trap.fix.wildcard':
    '傳回涵蓋呼叫端可用之所有方法的政策（對整個階段使用萬用字元），而不是 event.methodArn：',
  'doctor.cache-trap.fix.ttl': '或者在政策修正之前，先關閉授權器的結果快取（TTL 0）。',
  'doctor.cache-trap.fix.deploy': '重新部署階段，然後清除它的授權器快取。',
  'doctor.cache-trap.ok':
    '階段 {stage} 上的授權器 {authorizer}：過去 {hours} 小時的 {count, plural, other {# 筆輸出}}中，沒有任何一筆只允許單一方法。',
  'doctor.cache-trap.none-seen':
    '階段 {stage} 上的授權器 {authorizer}：過去 {hours} 小時的執行日誌中沒有它的輸出可供檢查。',

  'doctor.invoke-permission.title':
    'API Gateway 無法調用授權器 {authorizer} 的函數：{function} 上沒有任何許可涵蓋 {sourceArn}',
  'doctor.invoke-permission.no-function.title': '授權器 {authorizer} 指向一個不存在的函數：{function}',
  'doctor.invoke-permission.why': `對掛有這個授權器之方法的每個請求，都會在函數執行前以 500 '{"message": null}' 失敗。為方法撰寫的 SourceArn（…/*/GET/…）並不涵蓋 …/authorizers/<id>。`,
  'doctor.invoke-permission.fix':
    '允許 apigateway.amazonaws.com 為這個授權器調用該函數（…/authorizers/<id> 或 …/authorizers/*）。',
  'doctor.invoke-permission.no-function.why':
    '對掛有這個授權器之方法的每個請求，都會以 500 \'{"message": null}\' 失敗：API Gateway 沒有函數可以呼叫。各階段執行的是已部署的內容，所以變更要在重新部署後才會生效。',
  'doctor.invoke-permission.no-function.fix':
    '把授權器的 authorizerUri 指向函數真正的 ARN（或部署該函數），然後重新部署各階段。',
  'doctor.invoke-permission.evidence.no-policy': '這個函數完全沒有資源型政策。',
  'doctor.invoke-permission.evidence.no-statement':
    '函數政策中沒有任何陳述式允許 apigateway.amazonaws.com 呼叫 lambda:InvokeFunction。',
  'doctor.invoke-permission.evidence.source-arn':
    'apigateway.amazonaws.com 只被允許用於 SourceArn {sourceArn}',
  'doctor.invoke-permission.evidence.source-arn-account':
    'apigateway.amazonaws.com 只被允許用於來自帳戶 {accounts} 的 SourceArn {sourceArn}',
  'doctor.invoke-permission.account-unknown.title':
    '無法確認 API Gateway 能否調用授權器 {authorizer} 的函數：只有當 API 位於帳戶 {accountId} 時，許可才涵蓋它',
  'doctor.invoke-permission.account-unknown.why':
    'why403 無法得知自己在哪個帳戶中執行（GetCallerIdentity 失敗），因此無法判斷這個 API 是否位於帳戶 {accountId}，也就是函數許可為 API Gateway 指定的帳戶。',
  'doctor.invoke-permission.account-unknown.fix':
    '確認這個 API 位於帳戶 {accountId}，或讓 why403 能呼叫 sts:GetCallerIdentity 後再執行一次 doctor。',
  'doctor.invoke-permission.ok': 'API Gateway 可以調用授權器 {authorizer} 的函數（{sourceArn}）。',
  'doctor.invoke-permission.role':
    '授權器 {authorizer} 透過角色 {role} 調用它的函數（未檢查該角色的信任政策與許可）。',
  'doctor.invoke-permission.other-account.title':
    '無法檢查授權器 {authorizer} 的函數 {function}：它是另一個帳戶（{accountId}）的函數',
  'doctor.invoke-permission.other-account.why':
    'why403 在帳戶 {apiAccount} 中執行，而另一個帳戶的 Lambda 函數，除非該帳戶允許，否則誰都看不到：Lambda 的回應（拒絕存取，或「Function not found」）無法說明這個函數是否存在、能否被調用。只有帳戶 {accountId} 能檢查它。',
  'doctor.invoke-permission.other-account.why.unknown':
    'Lambda 回應找不到這個函數，但 why403 無法得知自己所在的帳戶（GetCallerIdentity 失敗），而對另一個帳戶的函數 Lambda 也會這樣回應：無法確定這個函數是否存在。如果它位於帳戶 {accountId}，而那不是目前這個帳戶，就只有那個帳戶能檢查它。',
  'doctor.invoke-permission.other-account.fix.read':
    '在帳戶 {accountId} 中讀取函數政策，確認是否有陳述允許 apigateway.amazonaws.com 為這個授權器調用它：',
  'doctor.invoke-permission.other-account.fix.grant':
    '如果沒有，請在帳戶 {accountId} 中加上（SourceArn 為 {sourceArn}）：',
  'doctor.invoke-permission.stage-variable.title': '授權器 {authorizer} 透過階段變數選擇函數：未檢查它的許可',
  'doctor.invoke-permission.stage-variable.why':
    '每個階段可能呼叫不同的函數；每個函數都需要一條給 apigateway.amazonaws.com、涵蓋這個授權器的許可。',
  'doctor.invoke-permission.stage-variable.fix':
    '針對每個階段，檢查其變數指定的函數：aws lambda get-policy --function-name <function>。',

  'doctor.ip-allow.title': '資源政策允許 {ranges}，卻沒有把其他位址擋在使用 Lambda 授權器的 {methods} 之外',
  'doctor.ip-allow.why':
    '在授權器執行之前，API Gateway 只看 Deny 陳述式；之後，授權器的 Allow 加上對呼叫端未表態的資源政策，結果就是 Allow（表 A：Allow + Neither = Allow）。所以任何持有有效權杖的位址都能進來，而來自範圍外的 403 也絕不會是這份政策造成的。',
  'doctor.ip-allow.fix.deny': '保留現有的陳述式，再為其他所有位址加上明確的 Deny（NotIpAddress）：',
  'doctor.ip-allow.evidence':
    '來自 {ip}、且授權器允許的呼叫端，對 {method}（階段 {stage}）會得到 Allow：Allow + Neither = Allow。',
  'doctor.what.rest-apis.rest': '{region} 其餘的 REST API（只列出並檢查了前 {count, plural, other {# 個}}）',
  'doctor.what.usage-plans': 'API {api} 的 API 金鑰必須加入的使用計畫',

  'doctor.assumed.title': '未經確認（無法讀取方法，因此假設有方法使用這個授權器）：{title}',
  'doctor.assumed.evidence':
    '無法得知是否有方法使用這個授權器：讀取方法失敗（見上方）。如果沒有任何方法使用它，它就不會讓請求失敗。',

  'doctor.cache-trap.title.context':
    '授權器 {authorizer} 會快取結果 {ttl} 秒，卻傳回只適用於單一方法的政策（過去 {hours} 小時的 {count} 筆輸出中有 {shaped} 筆）；無法確認它以內容變數設定的身分來源（{sources}）能否在快取中區分不同方法',
  'doctor.cache-trap.why.context':
    'AWS 文件說明 REQUEST 授權器的快取金鑰取自它的身分來源，但沒有說明身分來源接受哪些內容變數，也沒有說明 {sources} 會不會納入快取金鑰。如果會，這些值不同的呼叫各有自己的快取政策，只適用於單一方法的政策也不會出問題；如果不會，同一個呼叫端在 {ttl} 秒內呼叫其他方法時，會沿用第一次呼叫傳回的政策，而偶發地得到 403「User is not authorized to access this resource」。只要傳回的政策涵蓋呼叫端可以使用的所有方法，兩種情況都安全。',

  'doctor.usage-plan.title': '階段 {stage} 不在任何使用計畫中，但 {methods} 需要 API 金鑰',
  'doctor.usage-plan.why':
    'API Gateway 只接受屬於某個使用計畫、且該計畫列有這個 API 與階段的 API 金鑰：{api}/{stage} 不在任何使用計畫中，所以不論送出什麼金鑰，呼叫這些方法一律會得到 403 Forbidden。',
  'doctor.usage-plan.fix.add':
    '把這個階段加入呼叫端金鑰所在的使用計畫（這個帳戶與區域現有的使用計畫：{plans}）：',
  'doctor.usage-plan.fix.create': '為這個階段建立使用計畫，再把呼叫端送出的金鑰加進去：',
  'doctor.usage-plan.fix.create.or': '或者為這個階段另外建立一個使用計畫，再把呼叫端的金鑰加進去：',
  'doctor.usage-plan.fix.deployed':
    '方法是從 API 的工作副本讀到的：如果 apiKeyRequired 在階段上次部署之後才改過，階段在重新部署之前仍會沿用舊的設定。',
  'doctor.usage-plan.evidence':
    '這個帳戶與區域沒有任何使用計畫列出 {api}/{stage}（{count, plural, =0 {這裡沒有任何使用計畫} other {已讀取 # 個使用計畫}}）。',
  'doctor.usage-plan.ok':
    '階段 {stage}：需要 API 金鑰的方法都在使用計畫 {plans} 中（未檢查呼叫端的金鑰是否在這些計畫裡）。',

  'doctor.private-policy.title': '私有 API {api} 沒有資源政策',
  'doctor.private-policy.why':
    "私有 API 只能經由其資源政策允許的 VPC 端點存取。沒有政策，就沒有任何規則允許呼叫：所有呼叫都會被拒絕並得到 403，API Gateway 也不會部署這個 API（「Private REST API doesn't have a resource policy attached to it」）。仍在執行較舊部署的階段會沿用那次部署的政策，直到下一次部署為止，而下一次部署會失敗。",
  'doctor.private-policy.fix.policy':
    '附加資源政策，允許經由這個 API 的 VPC 端點（{endpoints}）進來的呼叫，並拒絕其他所有呼叫：',
  'doctor.private-policy.fix.policy.no-vpce':
    '附加資源政策，允許經由 execute-api VPC 端點進來的呼叫（把 {endpoints} 換成該端點的 ID），並拒絕其他所有呼叫：',
  'doctor.private-policy.evidence':
    'endpointConfiguration.types：PRIVATE；政策：無；vpcEndpointIds：{endpoints}',
} as const satisfies TranslationOf<typeof en>;
