import { messages } from '../../messages';

export default definePageConfig({
  navigationBarTitleText: messages.caseDetail.navTitle,
  enablePullDownRefresh: true,
});
