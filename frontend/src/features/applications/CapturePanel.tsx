// "From a link" and "Paste the posting": the server reads the posting and the form fills in.
import { useState, type FormEvent } from "react";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextAreaField, TextField } from "../../components/Field";
import { useCapture, type Capture, type CaptureRequest } from "./queries";

// A paste that starts with a tag is a page's HTML: sent as such, it may be up to 5 MB.
const LOOKS_LIKE_HTML = /^\s*</;

export function CapturePanel({ onCaptured }: { onCaptured: (capture: Capture) => void }) {
  const capture = useCapture();
  const [link, setLink] = useState("");
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState("");

  function fillIn(event: FormEvent) {
    event.preventDefault();
    const url = link.trim() || undefined;
    let body: CaptureRequest;
    if (pasting && pasted.trim()) {
      body = LOOKS_LIKE_HTML.test(pasted) ? { url, html: pasted } : { url, text: pasted };
    } else if (url) {
      body = { url };
    } else {
      return;
    }
    capture.mutate(body, { onSuccess: onCaptured });
  }

  const ready = pasting ? pasted.trim() !== "" : link.trim() !== "";
  return (
    // A form of its own, so Enter in the link field fills in rather than saving.
    <form className="capture-panel" onSubmit={fillIn} noValidate aria-label="Fill in from a posting">
      <div className="capture-row">
        <TextField
          label="From a link"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={link}
          onChange={(event) => setLink(event.target.value)}
          maxLength={2000}
          className="capture-link"
        />
        <Button type="submit" busy={capture.isPending} disabled={!ready}>
          Fill in
        </Button>
      </div>
      {pasting ? (
        <TextAreaField
          label="The posting's text or HTML"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          rows={5}
          hint="For pages behind a sign-in: copy the posting (or the page's source) and paste it here. A link above, if given, is kept as the posting's link."
        />
      ) : (
        <Button variant="ghost" size="small" onClick={() => setPasting(true)}>
          Paste the posting instead
        </Button>
      )}
      <ErrorAlert title="Couldn't fill in the form." error={capture.error} />
    </form>
  );
}
