import { staffMessages } from '../../messages/staff';

export default definePageConfig({
  navigationBarTitleText: staffMessages.caseView.navTitle,
});
