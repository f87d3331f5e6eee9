// How much of the per-user storage is used, from /api/meta: documents and their text, and all
// other text the user keeps (writing, notes, conversations) count toward the same quota.
import { useMeta } from "../../api/hooks";
import { formatBytes } from "./format";

const MIB = 1024 * 1024;

export function StorageUsage() {
  const meta = useMeta().data;
  if (!meta?.usage) return null;
  const used = meta.usage.storage_bytes;
  const limitMb = meta.usage.max_storage_mb; // the caller's own (an admin may set it); 0: unlimited
  const limit = limitMb * MIB;
  const share = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  const full = limit > 0 && used >= limit;
  return (
    <p className="usage">
      {limit > 0 && (
        <span className={full ? "usage-meter full" : "usage-meter"} aria-hidden="true">
          <span style={{ width: `${share}%` }} />
        </span>
      )}
      <span>
        {limit > 0
          ? `${formatBytes(used)} of ${formatBytes(limit)} storage used`
          : `${formatBytes(used)} of storage used`}
      </span>
    </p>
  );
}
