import type { TranslationOf } from '../catalog';
import type { aws as en } from '../en/aws';

export const aws = {
  'aws.denied': 'AWS 拒絕了對 {resource} 的 {action}',
  'aws.denied.hint': '請把 iam/why403-read-only.json 中的唯讀政策授予 why403 執行時使用的身分',
  'aws.log-group-missing': '日誌群組 {group} 不存在',
  'aws.not-found.hint': '請檢查 API ID、階段與區域（--region）',
  'aws.credentials.hint': '請設定 AWS_PROFILE 或 AWS 憑證以及 AWS_REGION，或試試內建的沙盒：why403 sandbox',
  'aws.unavailable.throttled':
    '{service} {operation} 嘗試 {attempts, plural, other {# 次}}後仍遭到限流（{code}）',
  'aws.unavailable.server-error':
    '{service} {operation} 嘗試 {attempts, plural, other {# 次}}後仍然失敗（{code}）',
  'aws.unavailable.timed-out': '{service} {operation} 嘗試 {attempts, plural, other {# 次}}後仍未及時回應',
  'aws.unavailable.network':
    '{service} {operation} 嘗試 {attempts, plural, other {# 次}}後仍無法連線（{code}）',
  'aws.unavailable.budget-ended': '{what}，而且時間預算在下一次重試之前就用完了',
  'aws.unavailable.retry-after': '{what}，而且 AWS 要求等待 {seconds} 秒後再試，超過 why403 願意等待的時間',
  'aws.unavailable.hint': 'AWS 正在限流或發生故障；請過一分鐘再試',
  'aws.unavailable.query-limit':
    '{service} {operation} 嘗試 {attempts, plural, other {# 次}}後仍被拒絕（LimitExceededException）：這個帳戶同時執行的 Logs Insights 查詢已達配額上限（儀表板與其他工具的查詢也算在內）',
  'aws.unavailable.query-limit.hint':
    '請等幾分鐘讓那些查詢跑完，或停掉一些：aws logs describe-queries --status Running{region}，再執行 aws logs stop-query --query-id <queryId>{region}',
  'aws.timeout': '{service} 對 {resource} 的 {operation} 沒有在時間預算內完成',
  'aws.malformed': '{service} {operation} 針對 {resource} 傳回了格式錯誤的回應（{detail}）',
  'aws.malformed.html': 'HTTP {status}：收到 HTML 頁面，而不是 AWS 的 JSON',
  'aws.malformed.not-json': 'HTTP {status}：不是有效的 JSON',
  'aws.malformed.cut-off': '回應本文被截斷了',
  'aws.malformed.shape': 'HTTP 200：{problem}',
  'aws.malformed.hint':
    'why403 與 AWS 之間有其他東西代為回應（Proxy、防火牆、錯誤的 AWS_ENDPOINT_URL）：請檢查 HTTPS_PROXY 與端點設定後再試一次',
  'aws.malformed.cut-off.hint': '讀取回應時連線中斷了；請再試一次',
  'aws.not-found': '找不到 {resource}（{detail}）',
  'aws.no-credentials': '沒有可用的 AWS 憑證或區域：{detail}',
  'aws.failed': '{service} {operation} 失敗：{code}：{detail}',
  'aws.error': '{detail}',
  'aws.credentials-rejected':
    'AWS 拒絕了 why403 用於 {service} {operation} 的憑證（{code}：{detail}）：請更新憑證（aws sso login、新的工作階段權杖或設定檔的金鑰）後再試一次',
  'aws.credentials-rejected.hint':
    '請確認環境變數與 AWS_PROFILE 選到的是哪個身分：aws sts get-caller-identity',
  'aws.denied.assume-role.hint':
    '該角色的信任政策必須信任 why403 執行時使用的身分（設定檔有指定 external id 時也要相符），而且這個身分必須獲准對該角色執行 sts:AssumeRole',

  'read.source.execution-log': '執行日誌',
  'read.source.access-log': '存取日誌',
  'read.source.config-rest-api': 'API 的設定（資源政策、端點類型）',
  'read.source.config-authorizers': 'API 的授權器',
  'read.source.config-resources': 'API 的資源與方法',
  'read.source.config-stage': '階段的設定（日誌、存取日誌、WAF）',
  'read.source.config-account': '帳戶的 API Gateway 設定（CloudWatch 角色）',
  'read.source.config-deployment': '階段的部署',
  'read.source.authorizer-log': '授權器函數的日誌',
  'read.source.cache-filler': '填入授權器快取的那個請求',
  'read.denied': '無法讀取{source}：AWS 拒絕了對 {resource} 的 {action}。授予這項許可，why403 才能讀取。',
  'read.denied.group': '無法在 {group} 中搜尋{source}：AWS 拒絕了 {action}。授予這項許可，why403 才能讀取。',
  'read.partial':
    '{source}只讀到一部分：{reason}。請重新執行診斷，或給它更長的時間範圍或時間預算（search.timeBudgetSeconds）。',
  'read.missing': '{source}不存在（{resource}）：那裡從來沒有寫入過任何內容。',
  'read.not-configured': '{source}沒有這個請求的記錄：{reason}。',
  'read.not-attempted': '沒有讀取{source}。',
  'read.stage-logging-off':
    '階段 {stage} 的執行日誌已關閉，執行日誌裡沒有任何請求可以搜尋。請開啟 INFO 層級的執行日誌並啟用資料追蹤，再重現一次呼叫：{command}',
  'read.group-missing.no-role':
    '{source}不存在（{group}）：階段 {stage} 已開啟執行日誌，但帳戶在這個區域沒有給 API Gateway 用的 CloudWatch 角色，所以 API Gateway 無法寫入日誌（見修正方式）。',
  'read.group-missing.logging-on':
    '階段 {stage} 已開啟執行日誌，{source}卻不存在（{group}）：那裡還沒有寫入任何內容（可能是開啟日誌後還沒有請求進來，或日誌群組已被刪除；此外，帳戶的 CloudWatch 角色 {role} 也必須有寫入 CloudWatch Logs 的許可）。',
  'read.group-missing.role-unknown':
    '階段 {stage} 已開啟執行日誌，{source}卻不存在（{group}）：那裡還沒有寫入任何內容（可能是開啟日誌後還沒有請求進來、日誌群組已被刪除，或帳戶沒有給 API Gateway 用的 CloudWatch 角色，而最後這點無法確認）。',
  'read.reason.access-log-off':
    '階段沒有開啟存取日誌（開啟時請記錄 $context.error.responseType、$context.waf.status 與 $context.authorizer.error）',
  'read.reason.access-log-elsewhere':
    '階段把存取日誌送到 {destination}，而那不是 why403 能搜尋的 CloudWatch 日誌群組',
  'read.reason.access-log-unreadable': '{group} 中有這個請求的一行記錄，但它不符合階段的存取日誌格式',
  'read.reason.stage-unknown': '無法讀取階段的設定，而存取日誌群組是記錄在那裡的',
  'read.reason.no-role': '帳戶沒有給 API Gateway 用的 CloudWatch 角色，所以這個區域無法寫入任何執行日誌',

  'search.partial.page-budget': '在 {pages, plural, other {# 頁}}後停止（頁數預算）',
  'search.partial.group': '{group}：{reason}',
  'search.partial.retention': '{group} 只保留 {days, plural, other {# 天}}的事件：{since} 之前寫入的已被刪除',
  'search.partial.retention-unread':
    '{group}：無法讀取其保留期限（DescribeLogGroups 失敗），一天以前寫入的事件可能已被刪除',
  'search.partial.budget': '時間預算在搜尋完整個時間範圍之前就用完了',
  'search.partial.group-budget': '{group}：時間預算用完了',
  'search.partial.stages-unlisted': '無法列出 {restApiId} 的階段（{reason}），所以沒有搜尋不寫執行日誌的階段',
  'search.partial.access-logs-skipped':
    'API 有 {count} 個階段，超過會搜尋存取日誌的上限 {max} 個，所以沒有搜尋任何存取日誌（WAF 封鎖或在執行日誌之前就被拒絕的請求只記在那裡）：加上 --stage NAME 也搜尋該階段的存取日誌',
  'search.partial.joined': '{first}；{rest}',

  'diagnosis.partial': '這個答案並不完整：{reason}。',
  'diagnosis.budget-ended': '時間預算用完了',
  'diagnosis.cache-origin-failed': '無法尋找填入授權器快取的那個請求：{reason}。',
  'diagnosis.found-in': '在 {group} 中找到',
  'diagnosis.found-in-access-log': '執行日誌中沒有；在存取日誌 {group} 中找到',
  'diagnosis.not-found-in': '在 {groups} 中找不到',
  'diagnosis.not-found-anywhere': '在任何日誌群組中都找不到',
  'diagnosis.searched': '搜尋範圍 {start} – {end}',
  'diagnosis.heading.unread': '無法讀取',

  'scan.partial.query-ended': 'Logs Insights 查詢結束時的狀態為 {status}',
  'scan.partial.budget-first': 'Logs Insights 還在尋找失敗的請求時，時間預算就用完了（查詢已停止）',
  'scan.partial.budget-traces':
    '在讀取 {count, plural, other {# 個失敗請求}}的追蹤之前，時間預算就用完了（查詢已停止）；這些請求沒有計入',
  'scan.partial.traces-failed':
    '無法讀取 {count, plural, other {# 個失敗請求}}的追蹤（{reason}）；這些請求沒有計入',
  'scan.partial.sampled': '只分類了 {found} 個失敗請求中最新的 {chosen} 個',
  'scan.partial.traces-limit':
    '追蹤查詢達到了 Logs Insights 的 10,000 行上限：{count, plural, other {# 個失敗請求}}的記錄被截斷，沒有計入',
  'scan.partial.first-ended':
    '尋找失敗請求的 Logs Insights 查詢在完成前就以 {status} 結束：它還沒掃到的失敗請求不會被計入',
  'scan.partial.failed-limit':
    'Logs Insights 比對到 {matched, plural, other {# 行}}失敗請求的結束行，但最多只回傳 10,000 行：只知道最新的 {found, plural, other {# 個失敗請求}}，所以每個次數都只是下限',
  'scan.partial.unidentified':
    '有 {count, plural, other {# 行}}失敗請求的結束行回傳時沒有請求 ID；這些請求不會被計入',
  'scan.partial.traces-textless':
    '有 {count, plural, other {# 個失敗請求}}的日誌行回傳時沒有內容，不會被計入',
  'scan.partial.traces-absent':
    '追蹤查詢沒有回傳 {count, plural, other {# 個失敗請求}}的任何日誌行；這些請求不會被計入',
  'scan.gap.no-group':
    '階段 {stage} 沒有執行日誌群組（{group}）：那裡從來沒有開啟執行日誌，所以它的失敗請求不會被計入。',
  'scan.gap.access-log-only':
    '階段 {stage} 沒有執行日誌群組（{group}）：它的 {count, plural, other {# 個失敗請求}}只從存取日誌 {accessGroup} 計算，能看出的比追蹤少（請看各自的可信度）。',
  'scan.partial.access-log':
    '存取日誌 {group} 沒有讀到最後（Logs Insights 被停止或達到 10,000 行上限）：它的次數只是下限',
  'scan.partial.access-log-failed': '無法讀取存取日誌 {group}（{reason}）',
  'scan.partial.access-log-unreadable':
    '存取日誌 {group} 有 {count, plural, other {# 筆紀錄}}不符合該階段的格式，沒有被計入',
  'scan.gap.access-log-beside':
    '階段 {stage} 有 {count, plural, other {# 個失敗請求}}在執行日誌中沒有留下失敗紀錄行（在方法執行前就被拒絕，例如被 Web ACL 擋下），只從存取日誌 {accessGroup} 計算，能看出的比追蹤少（請看各自的可信度）。',
  'scan.partial.access-log-unattributed':
    '存取日誌 {group} 由階段 {stages} 共用，其中 {count, plural, other {# 個失敗請求}}的紀錄沒有寫出所屬階段（$context.stage），沒有被計入',
  'scan.gap.access-log-unknown':
    '無法讀取階段 {stage} 的設定，所以不知道它是否寫存取日誌：在執行日誌中沒有留下失敗紀錄行的失敗請求（例如被 Web ACL 擋下的）可能沒有被計入。',
  'scan.gap.web-acl-unlogged':
    '階段 {stage} 設有 Web ACL，卻沒有把存取日誌寫到 CloudWatch Logs：被 AWS WAF 擋下的請求不會在執行日誌留下任何紀錄，因此不會被計入。',
  'scan.gap.logging-off': '階段 {stage} 的執行日誌是關閉的：關閉之後那裡失敗的請求不在日誌裡，不會被計入。',
  'scan.gap.logging-error':
    '階段 {stage} 的日誌層級是 ERROR：單純的 401 或 403 在那裡可能不會留下任何日誌行，所以它的次數只是下限。',
  'scan.gap.stage-changed':
    '階段 {stage} 在 {at} 被修改過，落在掃描的時間範圍內：在那之前的日誌設定不得而知，所以那之前的失敗請求可能有漏掉。',
  'scan.confidence': '可信度：{levels}',
  'scan.confidence.level': '{level} {count} 個',
  'scan.confidence.joined': '{first}、{rest}',
  'scan.gap.no-groups': '這個 API 沒有任何執行日誌群組：執行日誌從來沒有開啟過。',
  'scan.denied.hint':
    'scan API_ID 是用 Logs Insights 讀取執行日誌的：{grant}，iam/why403-read-only.json 裡就有這些許可。沒有 Logs Insights 的話，可以改為統計匯出的日誌：{exports}；或是解釋單一請求：why403 diagnose <request-id>',
  'scan.denied.start-query':
    '請授予對 {groups} 的 logs:StartQuery（以及對 * 的 logs:GetQueryResults、logs:StopQuery）',
  'scan.denied.query-results':
    '它已在 {groups} 上啟動查詢，卻無權讀取結果：請授予對 * 的 logs:GetQueryResults 與 logs:StopQuery',
  'scan.gap.stop-failed': '無法停止 Logs Insights 查詢 {queryId}：{reason}。它可能會持續掃描直到逾時。',
} as const satisfies TranslationOf<typeof en>;
