import { messages } from '../../messages';

export default definePageConfig({
  navigationBarTitleText: messages.tabBar.petitions,
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
});
