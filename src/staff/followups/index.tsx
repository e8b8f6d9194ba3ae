import { Text, View } from '@tarojs/components';
import { staffMessages } from '../../messages/staff';
import { StaffShell } from '../components/staff-shell';

const m = staffMessages.followups;

/** 回访: filled in once the server's follow-up list is merged (issue-6-server). */
export default function StaffFollowupsPage() {
  return (
    <StaffShell active="followups">
      <View className="staff-main" data-testid="followups">
        <Text className="staff-title">{m.heading}</Text>
        <Text className="staff-intro">{m.intro}</Text>
        <Text className="staff-intro">{m.unavailable}</Text>
      </View>
    </StaffShell>
  );
}
