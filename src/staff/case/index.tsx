import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { CaseWorkspace } from '../components/case-workspace';
import { StaffShell } from '../components/staff-shell';

/** One case on its own page: phones and WeChat, and deep links (`?id=`). Desks see it beside the inbox. */
export default function StaffCasePage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  return (
    <StaffShell active="inbox">
      <View className="staff-main">{id ? <CaseWorkspace id={id} /> : null}</View>
    </StaffShell>
  );
}
