// Previous and next for the admin's lists, saying which rows show and when they are updating.
import { Button } from "../../components/Button";
import { Spinner } from "../../components/Loading";
import { PAGE_SIZE } from "./adminQueries";

export function Pager({
  offset,
  total,
  shown,
  fetching,
  onMove,
}: {
  offset: number;
  total: number;
  shown: number;
  fetching: boolean;
  onMove: (offset: number) => void;
}) {
  const first = total === 0 ? 0 : offset + 1;
  return (
    <div className="pager">
      <p className="muted" aria-live="polite">
        {fetching ? (
          <>
            <Spinner /> Updating…
          </>
        ) : (
          `Showing ${first}–${offset + shown} of ${total}`
        )}
      </p>
      <div className="button-row">
        <Button
          size="small"
          disabled={offset === 0}
          onClick={() => onMove(Math.max(offset - PAGE_SIZE, 0))}
        >
          Previous page
        </Button>
        <Button
          size="small"
          disabled={offset + shown >= total}
          onClick={() => onMove(offset + PAGE_SIZE)}
        >
          Next page
        </Button>
      </div>
    </div>
  );
}
