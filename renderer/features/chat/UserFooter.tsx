// Under a question: its branches (‹ 2/3 ›) and its actions (copy, edit, delete).
import type { Message } from '../../../shared/domain';
import { BranchNav } from './BranchNav';
import { MessageActions } from './MessageActions';

export function UserFooter({ message, onEdit }: { message: Message; onEdit: () => void }) {
  return (
    <div className="message-footer message-footer-user">
      <BranchNav messageId={message.id} />
      <span className="message-actions">
        <MessageActions message={message} onEdit={onEdit} />
      </span>
    </div>
  );
}
