import { messages } from './messages';
import { PAGES, SUBPACKAGES } from './utils/routes';

export default defineAppConfig({
  pages: [PAGES.home, PAGES.petitions, PAGES.mine, PAGES.login, PAGES.file, PAGES.caseDetail, PAGES.privacy],
  subPackages: [
    { root: SUBPACKAGES.staff.root, pages: [...SUBPACKAGES.staff.pages] },
    { root: SUBPACKAGES.leader.root, pages: [...SUBPACKAGES.leader.pages] },
  ],
  // Inject only the components a page uses (WeChat's code-quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  // wx.chooseLocation (the map picker on the filing form) must be declared (隐私接口).
  requiredPrivateInfos: ['chooseLocation'],
  // onNeedPrivacyAuthorization / requirePrivacyAuthorize (platform/privacy.ts) on older base libraries.
  __usePrivacyCheck__: true,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: messages.app.navTitle,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#5c5f66',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: PAGES.home,
        text: messages.tabBar.home,
        iconPath: 'assets/tab-bar/home.png',
        selectedIconPath: 'assets/tab-bar/home-active.png',
      },
      {
        pagePath: PAGES.petitions,
        text: messages.tabBar.petitions,
        iconPath: 'assets/tab-bar/petitions.png',
        selectedIconPath: 'assets/tab-bar/petitions-active.png',
      },
      {
        pagePath: PAGES.mine,
        text: messages.tabBar.mine,
        iconPath: 'assets/tab-bar/mine.png',
        selectedIconPath: 'assets/tab-bar/mine-active.png',
      },
    ],
  },
});
