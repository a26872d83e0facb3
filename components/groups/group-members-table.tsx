"use client";

import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import type { BrowserData } from "@/components/ui/browser-data";
import { BrowserTable } from "@/components/ui/browser-rows";
import { removeGroupMemberAction } from "@/lib/platform/actions/group-actions";

/** A member of the group, as plain data; `added` in the server's words ("3 Dec 2026 by Ada"). */
export type GroupMembersTableRow = { userId: string; name: string; detail: string; added: string };

/**
 * A group's members, rendered from data by the browser (BrowserRows), each with Remove for whoever manages them. A client
 * component on purpose, like the members table: 50 rows of data in the page's payload
 * instead of 50 rows of markup and 50 confirmation buttons' props.
 */
export function GroupMembersTable({
  orgSlug,
  group,
  rows,
  canManage,
  empty,
}: {
  orgSlug: string;
  group: { id: string; name: string };
  rows: BrowserData<GroupMembersTableRow[]>;
  canManage: boolean;
  empty: string | null;
}) {
  return (
    <BrowserTable
      columns={["Member", "Added", ...(canManage ? [""] : [])]}
      empty={empty}
      rows={rows}
      row={(member) => (
        <tr key={member.userId} className="border-b border-slate-100 last:border-0">
          <td>
            <span className="font-medium">{member.name}</span>
            <span className="block text-xs text-slate-600">{member.detail}</span>
          </td>
          <td className="text-sm text-slate-700">{member.added}</td>
          {canManage ? (
            <td className="text-right">
              <ConfirmActionButton
                trigger="Remove"
                triggerLabel={`Remove ${member.name} from ${group.name}`}
                title={`Remove ${member.name} from ${group.name}?`}
                body="They lose what this group gives them on their next request; their own roles stay."
                confirm="Remove from group"
                action={removeGroupMemberAction}
                input={{ orgSlug, groupId: group.id, userId: member.userId }}
              />
            </td>
          ) : null}
        </tr>
      )}
    />
  );
}
