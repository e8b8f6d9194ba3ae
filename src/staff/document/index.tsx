import { Text, View } from '@tarojs/components';
import { staffMessages } from '../../messages/staff';
import { StaffShell } from '../components/staff-shell';

const m = staffMessages.documents;

/** A document's preview and PDF: filled in once the server's documents module is merged (issue-6-server). */
export default function StaffDocumentPage() {
  return (
    <StaffShell>
      <View className="staff-main">
        <Text className="staff-title">{m.title}</Text>
        <Text className="staff-intro">{m.unavailable}</Text>
      </View>
    </StaffShell>
  );
}
