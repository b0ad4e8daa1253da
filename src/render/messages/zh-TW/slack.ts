import type { TranslationOf } from '../catalog';
import type { slack as en } from '../en/slack';

/** Slack 機器人發布的所有文字（Slack mrkdwn 範本：標記保留，參數一律先跳脫並遮蔽）。 */
export const slack = {
  'slack.verdict.header': '{status} · {title}',
  'slack.verdict.cause': '{emoji} `{cause}` · 可信度：*{confidence}*',
  'slack.verdict.request': '請求 {id}',
  'slack.verdict.api': 'API {api}',
  'slack.verdict.api-region': 'API {api}（{region}）',
  'slack.verdict.first-step': '*第一步：* {step}',
  'slack.verdict.details-in-thread': ':thread: 證據、政策、設定與完整的修正步驟都在討論串中。',
  'slack.verdict.details-button': '按下 *顯示詳細資訊* 查看證據、政策、設定與完整的修正步驟。',
  'slack.verdict.partial': ':warning: *搜尋不完整：* {what}',
  'slack.verdict.text': 'why403：{cause}（{confidence}）— {summary}',
  'slack.asked-by': '由 {user} 詢問',

  'slack.details.title': '*請求 {id} 的詳細資訊*',
  'slack.details.text': 'why403：請求 {id} 的詳細資訊',
  'slack.details.evidence': '*證據*',
  'slack.details.more': '…還有 {count} 項',
  'slack.details.fix': '*修正方式*',
  'slack.details.also-possible': '*也可能是：* {causes}',
  'slack.details.settle': '*如何確認*',
  'slack.details.not-seen': '*未能查看：* {gaps}',
  'slack.policy.allow': 'Allow {resource}',
  'slack.policy.deny': 'Deny {resource}',
  'slack.policy.request': '請求 {arn}',
  'slack.policy.difference': '第一個不同處：{segment} {expected} ≠ {actual}',
  'slack.fit.left-out': '…為了符合 Slack 的訊息大小上限，省略了 {count, plural, other {# 個部分}}',

  'slack.button.flush': '清除授權器快取',
  'slack.button.trace': '顯示完整追蹤',
  'slack.button.details': '顯示詳細資訊',
  'slack.button.cloudwatch': '在 CloudWatch 中開啟',
  'slack.button.recheck': '重新檢查',
  'slack.button.invalid':
    ':warning: 這個按鈕帶的資料跟我當初放進去的不一樣，所以我什麼都沒做。請用 `/why403 REQUEST_ID` 重新查詢。',
  'slack.flush.confirm.title': '要清除授權器快取嗎？',
  'slack.flush.confirm.text':
    '{where} 的所有授權器快取結果都會被清掉；接下來的呼叫會重新執行授權器。這會改變線上環境的行為，並會留下記錄。',
  'slack.flush.confirm.yes': '清除',
  'slack.flush.confirm.no': '取消',
  'slack.flush.done':
    ':broom: {user} 已於 {time} 清除 {where}（{region}）的授權器快取。接下來的呼叫會重新執行授權器。',
  'slack.flush.failed': ':warning: 清除 {where} 的授權器快取失敗：{reason}',
  'slack.flush.just-done': '{where} 的授權器快取剛剛才由 {user} 清除過：沒有再送出第二次清除。',
  'slack.flush.stuck': '{where} 的授權器快取有另一次清除沒有完成，所以這次沒有送出清除。請一分鐘後再試。',

  'slack.scan.none': '過去 {minutes} 分鐘內，{where} 沒有失敗的請求',
  'slack.scan.none-found': '過去 {minutes} 分鐘內，{where} 沒有找到失敗的請求，但這次掃描沒辦法看到全部',
  'slack.scan.some': '過去 {minutes} 分鐘內，{where} 有 {count, plural, other {# 個失敗的請求}}',
  'slack.scan.scanned': 'Logs Insights 掃描了 {megabytes} MB',
  'slack.scan.region': '區域 {region}',
  'slack.scan.partial': '部分結果：{reason}',
  'slack.scan.cause': '*{cause}* — {count} · {title}',
  'slack.scan.examples': '例如 {ids}',
  'slack.scan.confidence': '{confidence}',
  'slack.scan.methods': '方法：{methods}',
  'slack.scan.more-causes': '…還有 {count, plural, other {# 個原因}}',
  'slack.scan.fix-for': '*{cause} 的修正方式*',
  'slack.scan.details-title': '*{where} 最常見原因的修正方式*',
  'slack.scan.text': 'why403：{headline}',
  'slack.scan.text-titled': 'why403：{title} — {headline}',
  'slack.scan.text-causes': '{text} — {causes}',
  'slack.alert.title': '警示 {alarm}：失敗的請求是哪些',
  'slack.alert.title-unnamed': '警示：失敗的請求是哪些',
  'slack.alert.unknown-api': '我無法判斷「{name}」是哪一個 REST API。',
  'slack.alert.unknown-api-region': '我無法判斷 {region} 的「{name}」是哪一個 REST API。',
  'slack.alert.unknown-api-unnamed': '我無法判斷這則警示是關於哪一個 REST API。',
  'slack.alert.unknown-api-hint': '請在 why403 設定的 apis: 底下列出它的名稱與區域。',

  'slack.trace.title': '*請求 {id} 的執行日誌*（已遮蔽）',
  'slack.trace.none': '（找不到這個請求的任何執行日誌）',
  'slack.trace.more': '…還有 {count, plural, other {# 行}}：請使用「在 CloudWatch 中開啟」',
  'slack.trace.text': '請求 {id} 的執行日誌',

  'slack.progress.diagnose': '正在尋找請求 {id}…',
  'slack.progress.scan': '正在掃描 {where} 的失敗請求…',
  'slack.progress.doctor': '正在檢查 {where}，看看有哪些設定會讓下一次 401/403/500 查不出原因…',
  'slack.progress.not-member':
    '我不是這個頻道的成員，所以會在搜尋完成後於此回覆一次。邀請我（`/invite @why403`）即可看到進度，並在討論串中取得詳細資訊。',

  'slack.usage':
    '*用法*\n' +
    '`/why403 REQUEST_ID [--api API_ID] [--stage STAGE] [--since 2h]` — 說明一個失敗的請求（`x-amzn-RequestId` 標頭）\n' +
    '`/why403 api API_ID [STAGE] [--since 1h]` — 依原因統計某個 API 最近的 401/403/500\n' +
    '`/why403 doctor API_ID [STAGE]` — 在下一次事件之前，先檢查日誌、權限與授權器的陷阱\n' +
    '`/why403 help` — 顯示這則說明\n' +
    '也可以在討論串中提及我並附上請求 ID；不附 ID 的話，我會診斷討論串第一則訊息中的 ID。',
  'slack.usage.text': 'why403 用法',
  'slack.usage.problem-text': '{problem}——請試試 /why403 help',
  'slack.command.no-id': '需要一個請求 ID，但沒有收到',
  'slack.command.one-id': '需要一個請求 ID，收到的是{got}',
  'slack.command.doctor-args': '`/why403 doctor` 需要一個 API ID，階段則可省略',
  'slack.command.api-args': '`/why403 api` 需要一個 API ID，階段則可省略',
  'slack.command.unknown-option': '未知的選項 {option}',
  'slack.command.needs-value': '{option} 需要一個值',
  'slack.mention.no-ids': '在你的訊息或這個討論串中，都找不到請求 ID 或 API ID。',

  'slack.error.diagnose': '我沒能找完請求 {id}：{reason}',
  'slack.error.scan': '我沒能掃描完 {where}：{reason}',
  'slack.error.doctor': '我沒能檢查完 {where}：{reason}',
  'slack.error.unexpected': '我這邊出了點問題。負責維運 why403 的人可以在日誌中用 {correlation} 找到它。',
  'slack.error.not-started': '我沒能開始處理這件事，所以不會有回答：{reason} 請過一分鐘再問一次。',
  'slack.error.deadline':
    '我在完成之前就用完了時間（機器人的 Lambda 函數在 {seconds} 秒後停止），所以不會有回答。請再問一次；如果一再發生，請把函數的逾時調高到約 60 秒。',
  'slack.error.stale':
    '你的請求等了太久我才能開始處理（或者機器人在這期間更新了），所以我放棄了它。請再問一次。',
  'slack.busy.person': '你已經有 {count, plural, other {# 個請求}}正在由我處理。請等其中一個回覆後再問一次。',
  'slack.error.not-posted': '我無法在 {channel} 發布回答（Slack 給我的回覆連結已過期），所以改在這裡回覆。',
  'slack.resume.gave-up':
    ':warning: 我沒能完成這項工作：處理期間機器人停止了 {count, plural, other {# 次}}（某個副本重新啟動或記憶體不足）。請輸入 {command} 重新詢問。',
  'slack.resume.flush-interrupted':
    ':warning: {user} 要求清除 {where} 的授權器快取，但這項作業被中斷了（機器人在送出請求時停止）：清除請求可能已送出，也可能沒有。請到 CloudTrail 查看 {where} 有沒有 FlushStageAuthorizersCache 事件；如果沒有，請再按一次 *清除授權器快取*。',
  'slack.resume.replay-interrupted':
    ':warning: 請求 {id} 的「驗證修正」被中斷了（機器人在執行途中停止）：授權器可能已經做過測試調用，也可能沒有。請到 CloudTrail 查看有沒有 TestInvokeAuthorizer 事件，再按一次 *驗證修正* 取得結果。',

  'slack.refuse.user': '你沒有使用 why403 的權限。',
  'slack.refuse.channel': '這個頻道沒有啟用 why403。',
  'slack.refuse.dm': '私訊中沒有啟用 why403。',
  'slack.refuse.user-api': '你沒有查看 API {api} 的權限。',
  'slack.refuse.channel-api': '這個頻道不能查看 API {api}。',
  'slack.refuse.dm-api': 'API {api} 不能在私訊中顯示。',
  'slack.refuse.no-common-api-channel': '你可以查看的 API 都不能在這個頻道中顯示。',
  'slack.refuse.no-common-api-dm': '你可以查看的 API 都不能在私訊中顯示。',
  'slack.refuse.flush-user': '你沒有清除授權器快取的權限。',
  'slack.refuse.flush-channel': '不能從這個頻道清除授權器快取。',
  'slack.refuse.flush-dm': '不能從私訊清除授權器快取。',
  'slack.refuse.no-api': '清除快取需要知道是哪一個 API。',
  'slack.refuse.workspace': '你所在的 Slack 工作空間沒有啟用 why403。',
  'slack.refuse.ask': '請聯絡 {contact}，在 why403 設定的 {setting} 底下開放。',
  'slack.refuse.ask-admin': '請聯絡負責維運 why403 的人，在設定的 {setting} 底下開放。',

  'slack.repeat.link':
    '請求 {id} {ago}已在這個頻道回答過（由 {user} 詢問）：{link}。在那裡按下「重新檢查」即可再執行一次。',
  'slack.repeat.no-link':
    '請求 {id} {ago}已在這個頻道回答過（由 {user} 詢問）。在那則回答上按下「重新檢查」即可再執行一次。',
  'slack.repeat.running': '這個頻道已經在調查請求 {id}（由 {user} 詢問）；答案會出現在那裡。',
  'slack.repeat.link-label': '查看回答',
  'slack.ago': '{minutes, plural, =0 {剛剛} other {# 分鐘前}}',
} as const satisfies TranslationOf<typeof en>;
