import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { messages } from '../../messages';

export default function StaffHomePage() {
  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">{messages.staff.title}</Text>
        <Text>{messages.staff.text}</Text>
      </View>
    </PageShell>
  );
}
