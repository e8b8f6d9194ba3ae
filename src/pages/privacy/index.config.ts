import { messages } from '../../messages';

export default definePageConfig({
  navigationBarTitleText: messages.consent.title,
});
