import { leaderMessages } from '../../messages/leader';

export default definePageConfig({
  navigationBarTitleText: leaderMessages.report.title,
});
