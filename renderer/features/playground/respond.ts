// The user's answer to a tool call the loop waits on.
import type { AppError } from '../../../shared/domain';
import type { ToolDecision } from '../../../shared/tools';
import { getApi } from '../../api';

export async function respond(messageId: string, toolCallId: string, decision: ToolDecision): Promise<AppError | null> {
  const res = await getApi()['tools.respond']({ messageId, toolCallId, decision });
  return res.ok ? null : res.error;
}
