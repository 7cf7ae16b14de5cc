import type { Messages } from '../en';

export const validation: Messages['validation'] = {
  required: '此项必填。',
  tooShort: (n: number) => `至少输入 ${n} 个字符。`,
  tooLong: (n: number) => `最多输入 ${n} 个字符。`,
  tooSmall: (n: number) => `不能小于 ${n}。`,
  tooBig: (n: number) => `不能大于 ${n}。`,
  tooFew: (n: number) => `至少选择 ${n} 项。`,
  tooMany: (n: number) => `最多选择 ${n} 项。`,
  email: '请输入有效的邮箱地址，例如 name@example.com。',
  format: '格式不正确。',
  invalid: '此值无效。',
  reasons: {
    personal: '密码中不要包含该账号的姓名、用户名、邮箱或电话。',
    too_short: '密码太短。',
    too_long: '密码太长。',
    common: '该密码属于常见密码，请换一个。',
    predictable: '该密码太容易被猜到，请增加更多单词或字符。',
  },
};
