import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { demoSmsCode, loginWithSms, loginWithWechat } from '../../api/auth';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { Button, Input } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { messages } from '../../messages';
import { IS_WEAPP } from '../../platform/env';
import { ROLE } from '../../utils/a11y';
import { returnTo, safeRedirect } from '../../utils/navigation';
import { ROUTES } from '../../utils/routes';
import { checkPhone, checkSmsCode } from '../../utils/validation';
import './index.scss';

const m = messages.login;

function done(redirect: string) {
  void Taro.showToast({ title: m.success, icon: 'success', duration: 1200 });
  returnTo(redirect);
}

/** Mini-program: one tap, WeChat identity (wx.login). */
function WechatLogin({ redirect }: { redirect: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onLogin = async () => {
    setBusy(true);
    setError(null);
    try {
      await loginWithWechat();
      done(redirect);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card">
      <Text className="card__title login__heading">{m.title}</Text>
      <Text className="login__intro">{m.wechatIntro}</Text>
      <ErrorNotice error={error} />
      <Button className="big-button" type="primary" size="large" block loading={busy} onClick={onLogin}>
        {m.wechatSubmit}
      </Button>
    </View>
  );
}

/** H5: phone number and SMS code. On a DEMO server the fake SMS code is shown as a hint. */
function SmsLogin({ redirect }: { redirect: string }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [phoneError, setPhoneError] = useState<string>();
  const [codeError, setCodeError] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [cooldown, setCooldown] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sentNote, setSentNote] = useState(false);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval>>();

  useEffect(() => () => clearInterval(timer.current), []);

  const startCooldown = (seconds: number) => {
    setCooldown(seconds);
    clearInterval(timer.current);
    timer.current = setInterval(() => {
      setCooldown((s) => {
        if (s <= 1) clearInterval(timer.current);
        return Math.max(0, s - 1);
      });
    }, 1000);
  };

  const onSend = async () => {
    const invalid = checkPhone(phone);
    setPhoneError(invalid);
    if (invalid) return;
    setSending(true);
    setError(null);
    setDemoCode(null);
    try {
      const res = await api.smsSend(phone.trim());
      setSentNote(true);
      startCooldown(res.cooldownSeconds);
      setDemoCode(await demoSmsCode(phone));
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  const onSubmit = async () => {
    const pe = checkPhone(phone);
    const ce = checkSmsCode(code);
    setPhoneError(pe);
    setCodeError(ce);
    if (pe || ce) return;
    setBusy(true);
    setError(null);
    try {
      await loginWithSms(phone, code);
      done(redirect);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <Text className="card__title login__heading">{m.heading}</Text>
      <Text className="login__intro">{m.intro}</Text>
      <Field label={m.phoneLabel} error={phoneError}>
        <Input
          className="login__phone"
          type="tel"
          name="phone"
          value={phone}
          maxLength={11}
          placeholder={m.phonePlaceholder}
          onChange={(v: string) => setPhone(v.replace(/\D/g, ''))}
        />
      </Field>
      <Button
        className="big-button login__send"
        type="default"
        size="large"
        block
        disabled={cooldown > 0}
        loading={sending}
        onClick={onSend}
      >
        {cooldown > 0 ? m.resendIn(cooldown) : m.sendCode}
      </Button>
      {sentNote ? (
        <Text className="small-print" {...ROLE.status}>
          {m.codeSent}
        </Text>
      ) : null}
      {demoCode ? <Text className="login__demo">{m.demoHint(demoCode)}</Text> : null}
      <Field label={m.codeLabel} error={codeError}>
        <Input
          className="login__code"
          type="number"
          name="code"
          value={code}
          maxLength={6}
          placeholder={m.codePlaceholder}
          onChange={(v: string) => setCode(v.replace(/\D/g, ''))}
        />
      </Field>
      <ErrorNotice error={error} />
      <View className="login__actions">
        <Button className="big-button" type="primary" size="large" block loading={busy} onClick={onSubmit}>
          {busy ? m.submitting : m.submit}
        </Button>
      </View>
    </View>
  );
}

export default function LoginPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params.redirect);
  return (
    <PageShell className="login">
      {IS_WEAPP ? <WechatLogin redirect={redirect} /> : <SmsLogin redirect={redirect} />}
      <View className="login__privacy">
        <Text className="small-print">{m.privacyNote}</Text>
        <View className="link-button" onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
          <Text>{m.viewPrivacy}</Text>
        </View>
      </View>
    </PageShell>
  );
}
