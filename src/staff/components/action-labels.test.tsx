import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
// The domain is pure: the test asks it what the server sends for each action (its one table).
import { describeAction, TRANSITIONS } from '../../../server/src/domain';
import type { OfferedAction } from '../../api/types';
import { messages } from '../../messages';
import { RequestPanel } from '../../pages/case/request-panel';
import { petitionerCaseDetail, staffCaseDetail } from '../../test-support/case-detail';
import { ACTION_FORMS, ActionForm } from './action-forms';
import { ActionButtons } from './case-workspace';

afterEach(() => cleanup());

/** Every (state, action) the transition table allows, as the server describes it in `availableActions`. */
const OFFERS: OfferedAction[] = [
  ...new Map(TRANSITIONS.map((r) => [`${r.from}:${r.action}`, describeAction(r.from, r.action)])).values(),
];

const text = (el: Element | null) => el?.textContent?.trim() ?? null;

describe('the UI names and cites each action exactly as the server sends it', () => {
  it('staff workspace: each offered action’s button reads the server’s label', () => {
    const offers = [...new Map(OFFERS.filter((o) => ACTION_FORMS[o.type]).map((o) => [o.type, o])).values()];
    expect(offers.length).toBeGreaterThan(15);
    const { container } = render(<ActionButtons offers={offers} open={null} onToggle={() => undefined} />);
    for (const o of offers) {
      expect(text(container.querySelector(`.action-button--${o.type}`)), o.type).toBe(o.label);
    }
  });

  it('staff workspace: each form’s title, article and submit button are the server’s, in every state', () => {
    let checked = 0;
    for (const offer of OFFERS) {
      if (!ACTION_FORMS[offer.type]) continue;
      const { container, unmount } = render(
        <ActionForm
          offer={offer}
          c={staffCaseDetail({ state: offer.type === 'register' ? 'submitted' : 'accepted' })}
          userId="u1"
          busy={false}
          onSubmit={() => undefined}
          onCancel={() => undefined}
        />,
      );
      const where = `${offer.type} (${offer.article})`;
      expect(text(container.querySelector('.action-form__title')), where).toBe(offer.label);
      expect(text(container.querySelector('.action-form__basis')), where).toBe(messages.basis(offer.article));
      expect(text(container.querySelector('.action-form__submit')), where).toContain(offer.label);
      unmount();
      checked += 1;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('resident: the 复查 / 复核 panel is titled and cited as the server offers the request', () => {
    for (const type of ['requestReview', 'requestRecheck'] as const) {
      const offer = OFFERS.find((o) => o.type === type)!;
      // the resident's panel reads the petitioner's view
      const c = petitionerCaseDetail({
        state: type === 'requestReview' ? 'replied' : 'reviewed',
        availableActions: [offer],
      });
      const deadline = {
        clock: type === 'requestReview' ? 'reviewRequest' : 'recheckRequest',
        label: '请求期限',
        article: '（期限的条款）',
        statutory: true,
        unitId: null,
        startedAt: '2026-11-20T10:00:00+08:00',
        due: '2026-12-20T23:59:59.999+08:00',
        lastDay: '2026-12-20',
        provisional: false,
        status: 'running',
        overdue: false,
        explanation: [],
      };
      const { getByText, unmount } = render(
        <RequestPanel
          detail={c}
          window={{
            kind: type === 'requestReview' ? 'review' : 'recheck',
            stage: 'first',
            open: true,
            deadline,
          }}
          act={async () => true}
        />,
      );
      expect(getByText(offer.label)).toBeTruthy();
      expect(getByText(messages.basis(offer.article))).toBeTruthy();
      unmount();
    }
  });
});
