import { useState } from 'react';
import { useQuery } from '../../api/query';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isApiError } from '../../api/errors';
import { saveSession } from '../../api/session';
import type { LoginResult } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { PageShell } from '../../components/page-shell';
import { staffMessages } from '../../messages/staff';
import { formatChinaDateTime } from '../../utils/dates';
import { ROUTES } from '../../utils/routes';
import { staffApi, type DemoAccount, type StaffLoginResult } from '../api';
import { Button, Input } from '../components/nutui';
import '../staff.scss';

const m = staffMessages.login;

const goHome = () => void Taro.redirectTo({ url: ROUTES.staffHome });

function enter(login: LoginResult): string | null {
  if (login.user.kind !== 'staff') return m.notStaff;
  saveSession(login);
  goHome();
  return null;
}

/** Shown once after a sign-in when attempts on this username failed since the last one (the owner decides). */
function FailedSignIns({ notice }: { notice: NonNullable<LoginResult['failedSignIns']> }) {
  return (
    <View className="notice notice--error" role="alert" data-testid="failed-sign-ins">
      <Text className="notice__title">{m.failedTitle}</Text>
      <Text className="notice__text">
        {m.failedText(notice.count, formatChinaDateTime(notice.firstAt), formatChinaDateTime(notice.lastAt))}
      </Text>
      <Text className="notice__text">{m.failedAdvice}</Text>
      <Button className="big-button" type="primary" size="large" onClick={goHome}>
        {m.failedContinue}
      </Button>
    </View>
  );
}

/** DEMO servers list their accounts; any other server answers 404 and nothing is shown. */
function DemoPicker() {
  const demo = useQuery(['demoAccounts'], () => staffApi.demoAccounts());
  const accounts: DemoAccount[] = (demo.data?.accounts ?? []).filter(
    (a) => a.unitCode !== null || a.roles.includes('admin'),
  );
  // Any server but a DEMO one answers 404 here: then there is simply no picker.
  const [pickError, setError] = useState<unknown>(null);
  const error = pickError ?? (isApiError(demo.error) ? null : demo.error);
  if (accounts.length === 0 && !error) return null;
  const pick = async (a: DemoAccount) => {
    setError(null);
    try {
      const res = enter(await staffApi.demoLogin(a.id));
      if (res) setError(new Error(res));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <View className="card" data-testid="demo-accounts">
      <Text className="card__title">{m.demoTitle}</Text>
      <Text className="staff-intro">{m.demoIntro}</Text>
      <ErrorNotice error={error} />
      <View className="action-buttons">
        {accounts.map((a) => (
          <Button key={a.id} type="default" className="demo-account" onClick={() => void pick(a)}>
            {`${a.displayName} · ${a.unitName ?? ''} · ${a.roles.map((r) => staffMessages.roles[r] ?? r).join('、')}`}
          </Button>
        ))}
      </View>
    </View>
  );
}

export default function StaffLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<StaffLoginResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string>();
  const [failed, setFailed] = useState<LoginResult['failedSignIns']>();

  const onPassword = async () => {
    if (!username.trim() || !password) {
      setInvalid(m.required);
      return;
    }
    setInvalid(undefined);
    setBusy(true);
    setError(null);
    try {
      setStep(await staffApi.staffLogin(username.trim(), password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onTotp = async () => {
    if (!step) return;
    if (!/^\d{6}$/.test(code.trim())) {
      setInvalid(m.totpInvalid);
      return;
    }
    setInvalid(undefined);
    setBusy(true);
    setError(null);
    try {
      const login = await staffApi.staffTotp(step.mfaToken, code.trim());
      if (login.user.kind === 'staff' && login.failedSignIns) {
        // Signed in; the owner reads the failed attempts before going on.
        saveSession(login);
        setFailed(login.failedSignIns);
        return;
      }
      const res = enter(login);
      if (res) setInvalid(res);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="staff">
      <View className="staff-main staff-login">
        <View className="card">
          <Text className="staff-title">{m.heading}</Text>
          {failed ? (
            <FailedSignIns notice={failed} />
          ) : !step ? (
            <View>
              <Text className="staff-intro">{m.intro}</Text>
              <Field label={m.username} required error={invalid}>
                <Input
                  className="field-input"
                  value={username}
                  placeholder={m.usernamePlaceholder}
                  onChange={setUsername}
                />
              </Field>
              <Field label={m.password} required>
                <Input
                  className="field-input"
                  type="password"
                  value={password}
                  placeholder={m.passwordPlaceholder}
                  onChange={setPassword}
                />
              </Field>
              <ErrorNotice error={error} />
              <Button className="big-button" type="primary" size="large" loading={busy} onClick={onPassword}>
                {m.next}
              </Button>
            </View>
          ) : (
            <View>
              <Text className="staff-intro">{step.next === 'enroll' ? m.enrollIntro : m.totpIntro}</Text>
              {step.enrollment ? (
                <Text className="staff-intro">{m.enrollSecret(step.enrollment.secret)}</Text>
              ) : null}
              <Field label={m.totp} required error={invalid}>
                <Input
                  className="field-input"
                  type="number"
                  maxLength={6}
                  value={code}
                  placeholder={m.totpPlaceholder}
                  onChange={setCode}
                />
              </Field>
              <ErrorNotice error={error} />
              <Button className="big-button" type="primary" size="large" loading={busy} onClick={onTotp}>
                {busy ? m.submitting : m.submit}
              </Button>
            </View>
          )}
        </View>
        <DemoPicker />
      </View>
    </PageShell>
  );
}
