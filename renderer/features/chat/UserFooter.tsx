// Under a question: its branches (‹ 2/3 ›) and its actions (copy, edit, delete).
import type { Message } from '../../../shared/domain';
import { BranchNav } from './BranchNav';
import { MessageActions } from './MessageActions';

export function UserFooter({ message, onEdit }: { message: Message; onEdit: () => void }) {
  return (
    <div className="message-footer message-footer-user">
      {/* Actions first: they appear on hover, and ‹ 2/3 › stays under the bubble's edge. */}
      <span className="message-actions">
        <MessageActions message={message} onEdit={onEdit} />
      </span>
      <BranchNav messageId={message.id} />
    </div>
  );
}
