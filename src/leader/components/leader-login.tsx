import { useState } from 'react';
import { useQuery } from '../../api/query';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '../../components/nutui';
import { ErrorNotice } from '../../components/error-notice';
import { leaderApi, type DemoAccount } from '../api';
import { leaderMessages as m } from '../../messages/leader';
import { ROLE } from '../../utils/a11y';
import { button } from '../a11y';

const isDashboardRole = (roles: readonly string[]) => roles.includes('leader') || roles.includes('auditor');

/**
 * Staff login for the dashboard: username + password, then the authenticator code (the server's two steps);
 * on a DEMO server also the demo leader accounts. The session lands in the app's one session store.
 */
export function LeaderLogin() {
  // leaderApi.demoAccounts answers [] on any server but a DEMO one.
  const demoAccounts = useQuery(['leaderDemoAccounts'], () => leaderApi.demoAccounts());
  const demo: DemoAccount[] = (demoAccounts.data ?? []).filter((x) => isDashboardRole(x.roles));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [mfa, setMfa] = useState<{ token: string; secret?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [hint, setHint] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const step1 = () => {
    if (!username.trim() || !password) return setHint(m.login.required);
    setHint('');
    void run(async () => {
      const r = await leaderApi.staffLogin(username.trim(), password);
      setMfa({ token: r.mfaToken, ...(r.enrollment ? { secret: r.enrollment.secret } : {}) });
    });
  };
  const step2 = () => {
    if (!/^\d{6}$/.test(code.trim())) return setHint(m.login.codeRequired);
    setHint('');
    void run(() => leaderApi.staffTotp(mfa!.token, code.trim()));
  };

  return (
    <View className="leader-login">
      <Text className="page-title">{m.login.heading}</Text>
      <Text className="lead">{m.login.intro}</Text>
      <View className="card">
        {!mfa ? (
          <>
            <Text className="field-label">{m.login.username}</Text>
            <Input
              value={username}
              onChange={setUsername}
              placeholder={m.login.username}
              aria-label={m.login.username}
            />
            <Text className="field-label">{m.login.password}</Text>
            <Input
              type="password"
              value={password}
              onChange={setPassword}
              placeholder={m.login.password}
              aria-label={m.login.password}
            />
            <Button type="primary" block loading={busy} onClick={step1}>
              {m.login.next}
            </Button>
          </>
        ) : (
          <>
            {mfa.secret ? <Text className="small-print">{m.login.enrollHint(mfa.secret)}</Text> : null}
            <Text className="field-label">{m.login.totp}</Text>
            <Input
              type="digit"
              value={code}
              onChange={setCode}
              placeholder={m.login.totpHint}
              aria-label={m.login.totp}
              maxLength={6}
            />
            <Button type="primary" block loading={busy} onClick={step2}>
              {m.login.submit}
            </Button>
          </>
        )}
        {hint ? (
          <Text className="field-error" {...ROLE.alert}>
            {hint}
          </Text>
        ) : null}
      </View>
      <ErrorNotice error={error} />
      {demo.length ? (
        <View className="card">
          <Text className="card__title">{m.login.demoTitle}</Text>
          <Text className="small-print">{m.login.demoHint}</Text>
          {demo.map((a) => (
            <View
              key={a.id}
              className="leader-demo"
              {...button}
              onClick={() => void run(() => leaderApi.demoLogin(a.id))}
            >
              <Text className="leader-demo__name">{a.displayName}</Text>
              <Text className="leader-demo__unit">{a.unitName ?? '—'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export { isDashboardRole };
