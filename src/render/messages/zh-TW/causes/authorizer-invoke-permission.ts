import type { TranslationOf } from '../../catalog';
import type { authorizerInvokePermission as en } from '../../en/causes/authorizer-invoke-permission';

export const authorizerInvokePermission = {
  'authorizer-invoke-permission.title': 'API Gateway 沒有調用授權器 Lambda 的許可',
  'authorizer-invoke-permission.explanation':
    '要呼叫 Lambda 授權器，API Gateway 需要以下其中之一：函數上有一條給 apigateway.amazonaws.com 的資源型許可，' +
    '且其 SourceArn 涵蓋 …/authorizers/<id>；或是一個它能擔任的授權器角色（authorizerCredentials）。兩者都沒有時，' +
    `呼叫會在函數執行前就失敗，用戶端收到 500 '{"message": null}'。` +
    '為方法撰寫的許可（…/*/GET/…）不涵蓋授權器；重新建立 API 或授權器，也會讓舊的 SourceArn 失效。',
  'authorizer-invoke-permission.summary.role': 'API Gateway 無法擔任授權器的角色 {role}。',
  'authorizer-invoke-permission.summary.uri':
    'API Gateway 無法呼叫授權器：它的 URI 不是有效的端點（「Invalid endpoint address」），因此函數根本沒有執行。',
  'authorizer-invoke-permission.fix.read-uri':
    '檢查授權器的 URI：應為 arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations，並填入函數實際所在的區域（不能是「region」這類佔位字）。',
  'authorizer-invoke-permission.fix.write-uri': '把函數的呼叫 URI 寫回授權器。',
  'authorizer-invoke-permission.summary.permission':
    '授權器函數上沒有任何許可，允許 API Gateway 為這個授權器調用它。',
  'authorizer-invoke-permission.summary.possible':
    'API Gateway 可能沒有調用授權器的許可（用戶端看到的 500，和授權器當掉時一模一樣）。',
  'authorizer-invoke-permission.settle.configuration-line':
    '「Execution failed due to configuration error:」這一行前後的完整追蹤：後面接著「Authorizer error」就是授權器；' +
    '若是在整合開始之後才接著「Method completed with status: 500」，就是整合的問題。另外也看函數的日誌是否有調用記錄。',
  'authorizer-invoke-permission.fix.get-policy':
    '列出函數的資源政策，找出給 apigateway.amazonaws.com、且 SourceArn 涵蓋 {sourceArn} 的那一條。',
  'authorizer-invoke-permission.fix.add-permission':
    '為這個授權器加上許可（方法形式的 SourceArn，例如 …/*/GET/…，並不涵蓋授權器）。',
  'authorizer-invoke-permission.fix.add-permission.function-account':
    '為這個授權器加上許可（方法形式的 SourceArn，例如 …/*/GET/…，並不涵蓋授權器）。' +
    '證據中沒有 API 所在的帳戶，因此 SourceArn 裡的帳戶 {accountId} 取自授權器函數的 ARN：如果 API 在另一個帳戶，請換成 API 的帳戶。',
  'authorizer-invoke-permission.fix.role-trust':
    '讓 API Gateway 能擔任 {role}：它的信任政策必須允許主體 apigateway.amazonaws.com（Lambda 執行角色只信任 lambda.amazonaws.com）。',
  'authorizer-invoke-permission.fix.role-invoke': '給這個角色對授權器函數的 lambda:InvokeFunction 許可。',
  'authorizer-invoke-permission.fix.drop-role': '或者拿掉 authorizerCredentials，改在函數上使用資源型許可。',
} as const satisfies TranslationOf<typeof en>;
