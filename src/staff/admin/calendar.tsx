import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { staffMessages } from '../../messages/staff';
import { formatChinaDateTime } from '../../utils/dates';
import { staffApi, type CalendarYearDto } from '../api';
import { Button, Input, TextArea } from '../components/nutui';
import { formatDateLines, parseDateLines } from './calendar-text';
import { FormFooter, Grid, m, Panel, RowButtons, useConfirm, useLoad, useWrite, WriteStatus } from './parts';

function YearView({
  year,
  onClose,
  onTemplate,
}: {
  year: CalendarYearDto;
  onClose: () => void;
  onTemplate: () => void;
}) {
  const list = (dates: readonly string[]) =>
    dates.length ? formatDateLines(dates, year.names).split('\n') : [m.none];
  return (
    <Panel title={m.yearTitle(year.year)} onClose={onClose} testId="calendar-year">
      <Text className="action-form__basis">
        {`${m.origin}：${m.origins[year.origin] ?? year.origin}${year.source ? ` · ${year.source}` : ''}${
          year.loadedAt ? ` · ${formatChinaDateTime(year.loadedAt)}` : ''
        }`}
      </Text>
      <View className="admin-columns">
        <View className="admin-columns__col" data-testid="calendar-holidays">
          <Text className="action-form__title admin-subtitle">{`${m.holidayDates}（${year.holidays.length}）`}</Text>
          {list(year.holidays).map((l) => (
            <Text key={l} className="admin-date-line">
              {l}
            </Text>
          ))}
        </View>
        <View className="admin-columns__col" data-testid="calendar-workdays">
          <Text className="action-form__title admin-subtitle">{`${m.workdayDates}（${year.workdays.length}）`}</Text>
          {list(year.workdays).map((l) => (
            <Text key={l} className="admin-date-line">
              {l}
            </Text>
          ))}
        </View>
      </View>
      <View className="action-form__buttons">
        <Button type="default" className="admin-use-template" onClick={onTemplate}>
          {m.useAsTemplate}
        </Button>
      </View>
    </Panel>
  );
}

/**
 * Loads or replaces one year (PUT, an upsert: the same data again changes nothing). The lines are read
 * here only for their shape; the year's coherence is the server's `validateHolidayYear`.
 */
function LoadYear({
  template,
  known,
  onClose,
  onLoaded,
}: {
  template: CalendarYearDto | null;
  known: readonly number[];
  onClose: () => void;
  onLoaded: (message: string) => void;
}) {
  // A template is the year itself (to correct or re-issue it): holidays move every year with the lunar calendar.
  const [year, setYear] = useState(String(template ? template.year : new Date().getFullYear() + 1));
  const [source, setSource] = useState(template?.source ?? '');
  const [holidays, setHolidays] = useState(
    template ? formatDateLines(template.holidays, template.names) : '',
  );
  const [workdays, setWorkdays] = useState(
    template ? formatDateLines(template.workdays, template.names) : '',
  );
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const write = useWrite();
  const { ask, dialog } = useConfirm();

  const problems = (text: string, y: number) => {
    const parsed = parseDateLines(text, y);
    const first = parsed.invalid[0];
    if (first) return { parsed, error: m.lineError(first.line, first.text) };
    if (parsed.outside.length) return { parsed, error: m.wrongYear(parsed.outside[0]!, y) };
    return { parsed, error: undefined };
  };

  const submit = () => {
    const bad: Record<string, string> = {};
    const y = Number(year.trim());
    if (!/^\d{4}$/.test(year.trim())) bad.year = m.format(m.yearField, m.yearRule);
    if (!source.trim()) bad.source = m.required(m.sourceField);
    const h = problems(holidays, y);
    const w = problems(workdays, y);
    if (h.error) bad.holidays = h.error;
    else if (h.parsed.dates.length === 0) bad.holidays = m.required(m.holidaysField);
    if (w.error) bad.workdays = w.error;
    setInvalid(bad);
    if (Object.keys(bad).length) return;
    const names = { ...w.parsed.names, ...h.parsed.names };
    const body = {
      holidays: h.parsed.dates,
      workdays: w.parsed.dates,
      ...(Object.keys(names).length ? { names } : {}),
      source: source.trim(),
    };
    ask({
      title: known.includes(y) ? m.replaceTitle : m.loadYearTitle,
      content: known.includes(y) ? m.replaceConfirm(y) : m.loadConfirm(y),
      confirmText: m.load,
      onConfirm: () =>
        void write
          .run(
            () => staffApi.adminPutCalendarYear(y, body),
            (r) => m.yearLoaded(y, r.changed, r.recompute.updated, r.recompute.matched),
          )
          .then(
            (r) =>
              r &&
              onLoaded(
                [
                  m.yearLoaded(y, r.changed, r.recompute.updated, r.recompute.matched),
                  r.recompute.conflicts ? m.recomputeConflicts(r.recompute.conflicts) : '',
                ].join(' '),
              ),
          ),
    });
  };

  return (
    <Panel title={m.loadYearTitle} onClose={onClose} testId="calendar-load">
      <Text className="staff-intro">{m.loadYearIntro}</Text>
      <Field label={m.yearField} required error={invalid.year}>
        <Input
          className="field-input"
          name="year"
          type="number"
          value={year}
          maxLength={4}
          onChange={setYear}
        />
      </Field>
      <Field label={m.sourceField} required error={invalid.source}>
        <Input
          className="field-input"
          name="source"
          value={source}
          maxLength={200}
          placeholder={m.sourcePlaceholder}
          onChange={setSource}
        />
      </Field>
      <Field label={m.holidaysField} required error={invalid.holidays}>
        <TextArea
          className="field-textarea admin-dates-input"
          value={holidays}
          maxLength={20_000}
          placeholder={m.datesPlaceholder}
          onChange={setHolidays}
          data-testid="calendar-holidays-input"
        />
      </Field>
      <Field label={m.workdaysField} error={invalid.workdays}>
        <TextArea
          className="field-textarea admin-dates-input"
          value={workdays}
          maxLength={20_000}
          placeholder="2027-02-14 春节"
          onChange={setWorkdays}
          data-testid="calendar-workdays-input"
        />
      </Field>
      <FormFooter write={write} onSubmit={submit} onCancel={onClose} label={m.load} />
      {dialog}
    </Panel>
  );
}

/** Calendar years: where each comes from, one year's days, loading or replacing a year. */
export function Calendar() {
  const { data, error, reload } = useLoad(['adminCalendar'], () => staffApi.adminCalendar());
  const [shown, setShown] = useState<CalendarYearDto | null>(null);
  const [loading, setLoading] = useState<{ template: CalendarYearDto | null } | null>(null);
  const view = useWrite();
  const status = useWrite();
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!data) return <Text className="loading">{staffMessages.inbox.loading}</Text>;

  const open = async (year: number) => {
    status.clear();
    setLoading(null);
    const y = await view.run(
      () => staffApi.adminCalendarYear(year),
      () => '',
    );
    if (y) setShown(y);
  };

  return (
    <View>
      <Text className="staff-intro">{m.coverage(data.from, data.to)}</Text>
      <View className="action-form__buttons admin-toolbar">
        <Button
          type="primary"
          className="admin-load-year"
          onClick={() => {
            status.clear();
            setShown(null);
            setLoading({ template: null });
          }}
        >
          {m.loadYear}
        </Button>
      </View>
      {view.error ? <ErrorNotice error={view.error} /> : null}
      {shown ? (
        <YearView
          year={shown}
          onClose={() => setShown(null)}
          onTemplate={() => {
            setLoading({ template: shown });
            setShown(null);
          }}
        />
      ) : null}
      {loading ? (
        <LoadYear
          template={loading.template}
          known={data.years.map((y) => y.year)}
          onClose={() => setLoading(null)}
          onLoaded={(message) => {
            setLoading(null);
            status.setDone(message);
            reload();
          }}
        />
      ) : null}
      <WriteStatus error={null} done={status.done} />
      <Grid
        testId="admin-calendar"
        columns={[
          { key: 'year', title: m.year },
          { key: 'origin', title: m.origin },
          { key: 'holidays', title: m.holidays },
          { key: 'workdays', title: m.workdays },
          { key: 'loaded', title: m.loadedFrom },
          { key: 'actions', title: m.actions },
        ]}
        // Newest first: the year an administrator loads next is at the top.
        rows={[...data.years].reverse().map((y) => ({
          year: String(y.year),
          origin: m.origins[y.origin] ?? y.origin,
          holidays: String(y.holidays),
          workdays: String(y.workdays),
          loaded: y.loadedAt ? `${y.source ?? ''} ${formatChinaDateTime(y.loadedAt)}` : (y.source ?? ''),
          actions: (
            <RowButtons>
              <Button
                size="small"
                type="default"
                className="admin-view-year"
                data-year={String(y.year)}
                onClick={() => void open(y.year)}
              >
                {m.viewYear}
              </Button>
            </RowButtons>
          ),
        }))}
      />
    </View>
  );
}
