/**
 * Every user-facing string lives here (one place to review wording, and later to swap in another locale).
 * Plain language first: many residents are elderly. Article numbers refer to 《信访工作条例》(2022).
 */
export const messages = {
  app: {
    name: '信访诉求',
    navTitle: '信访诉求',
  },
  tabBar: {
    home: '首页',
    petitions: '我的诉求',
    mine: '我的',
  },
  actions: {
    filePetition: '我要反映',
    comingSoon: '网上反映功能即将开放',
  },
  home: {
    title: '信访诉求 网上办',
    subtitle: '有事您就说，我们依法登记、按时答复',
    categoriesTitle: '您可以反映哪些事',
    categories: [
      {
        key: 'suggestion',
        name: '建议意见',
        text: '对政府工作、公共服务提出想法和建议。',
      },
      {
        key: 'accusation',
        name: '检举控告',
        text: '反映公职人员或单位违纪违法的问题。您的检举材料和身份不会透露给被检举的人或单位。',
        basis: '第三十条',
      },
      {
        key: 'request',
        name: '申诉求决',
        text: '为自己的合法权益提出请求，希望有关单位帮助解决。',
      },
    ],
    limitsTitle: '办理时限，您可以放心',
    limits: [
      {
        key: 'notice',
        name: '受理告知',
        days: '15日内',
        text: '收到您的诉求后，会书面告诉您是否接收、由哪个单位办理、怎么办理。',
        basis: '依据《信访工作条例》第二十二条、第二十三条',
      },
      {
        key: 'handling',
        name: '办理答复',
        days: '60日内',
        text: '需要调查核实的申诉求决事项，自受理之日起60日内办结并出具处理意见书；情况复杂的最多延长30日，并告诉您理由。',
        basis: '依据《信访工作条例》第三十四条',
      },
    ],
    daysNote: '以上“日”按自然日计算，从次日起算。',
  },
  status: {
    label: '服务状态',
    checking: '正在检查…',
    ok: '服务正常',
    down: '服务暂不可用',
  },
  petitions: {
    emptyTitle: '您还没有反映过诉求',
    emptyText: '有问题、有建议，点下面的按钮告诉我们。',
  },
  mine: {
    login: '登录',
    loginHint: '登录后可查看和跟进您的诉求',
    loginComingSoon: '登录功能即将开放',
    settingsTitle: '设置',
    largeText: '大字模式',
    largeTextHint: '把文字放大，看得更清楚',
    workTitle: '工作入口',
    staffEntry: '工作人员入口',
    leaderEntry: '领导看板',
  },
  staff: {
    title: '工作人员工作台',
    text: '登记、转送交办、受理告知、办理答复和延期审批将在这里进行。',
  },
  leader: {
    title: '领导看板',
    text: '及时受理率、按期办结率、满意率和超期事项将在这里展示。',
  },
  errors: {
    network: '网络连接失败，请检查网络后重试',
    timeout: '请求超时，请稍后重试',
    badRequest: '提交的信息有误，请检查后重试',
    unauthorized: '请先登录',
    forbidden: '您没有权限进行此操作',
    notFound: '没有找到相关内容',
    conflict: '内容已被他人更新，请刷新后重试',
    ruleViolation: '按规定暂不能进行此操作',
    tooManyRequests: '操作太频繁，请稍后再试',
    server: '服务暂时不可用，请稍后重试',
    unknown: '出了点问题，请稍后重试',
  },
} as const;

export type Messages = typeof messages;
