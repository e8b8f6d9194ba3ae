import { staffMessages } from '../../messages/staff';

export default definePageConfig({
  navigationBarTitleText: staffMessages.inbox.navTitle,
});
