import { ConsentView } from '../../components/consent-view';
import { PageShell } from '../../components/page-shell';
import { messages } from '../../messages';
import { getConsent } from '../../utils/consent';
import { formatChinaDate } from '../../utils/dates';

/** The personal-information notice, to read again at any time (from 我的 and the login page). */
export default function PrivacyPage() {
  const consent = getConsent();
  return (
    <PageShell className="privacy">
      <ConsentView
        agreedText={consent ? messages.consent.agreedAt(formatChinaDate(consent.at)) : undefined}
      />
    </PageShell>
  );
}
