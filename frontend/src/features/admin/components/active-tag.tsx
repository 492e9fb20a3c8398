import { Tag } from '@/components/ui/tag';

/** Active or not, in words (not only colour). */
export function ActiveTag({ active, inactive = 'Deactivated' }: { active: boolean; inactive?: string }) {
  return active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">{inactive}</Tag>;
}
