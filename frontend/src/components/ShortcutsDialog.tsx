// "Keyboard shortcuts": what each single-key shortcut does, opened with "?" or its button.
import { Dialog } from "./Dialog";

export type ShortcutHelp = { keys: string[]; description: string };

export function ShortcutsDialog({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: ShortcutHelp[];
}) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <p className="muted">They work anywhere outside a text field.</p>
      <dl className="shortcut-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.keys.join(" ")} className="shortcut">
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
