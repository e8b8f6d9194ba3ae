import { leaderMessages } from '../../messages/leader';

export default definePageConfig({
  navigationBarTitleText: leaderMessages.caseView.title,
});
