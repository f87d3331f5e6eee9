// Settings → Browser extension: makes a read-and-write token for the extension and shows it,
// with this instance's address, once, to paste into the extension's options.
import { useState } from "react";

import type { Schemas } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatMoment } from "../../lib/format";
import { useCopy } from "../../lib/useCopy";
import { useCreateAccessToken } from "./accessTokenQueries";
import "../../components/secret-once.css";
import "./browser-extension.css";

const EXTENSION_TOKEN: Schemas["AccessTokenCreate"] = {
  name: "Browser extension",
  scope: "write", // it saves applications
  expires_in_days: 365,
  allow_delete: false, // it never deletes
};

export function BrowserExtensionSection() {
  const [created, setCreated] = useState<Schemas["AccessTokenCreated"] | null>(null);
  const create = useCreateAccessToken(setCreated);
  // The address this page was opened at is the one the extension must call.
  const instanceAddress = window.location.origin;

  return (
    <>
      <p>
        The Job Tracker extension for Chromium-based browsers (Chrome, Edge, Brave) and Firefox
        saves the job posting you are looking at into this tracker, with its company, role,
        salary and description filled in. It comes with Job Tracker, in its{" "}
        <code>extension</code> folder (the README says how to install it). Once installed,
        connect it with this tracker&apos;s address and a token of its own.
      </p>
      {created ? (
        <div className="secret-once">
          <p>
            <strong>Paste these two into the extension&apos;s options now.</strong> The token is
            shown only this once. It can read and save your applications, works until{" "}
            {created.expires_at ? formatMoment(created.expires_at) : "you revoke it"}, and is
            listed under Access tokens, where you can revoke it.
          </p>
          <CopyableValue label="Job Tracker address" value={instanceAddress} />
          <CopyableValue label="Access token" value={created.token} testId="extension-token" />
          <div className="form-actions">
            <Button variant="primary" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <>
          <ErrorAlert title="Could not create the extension's token." error={create.error} />
          <div className="form-actions">
            <Button
              variant="primary"
              busy={create.isPending}
              onClick={() => create.mutate(EXTENSION_TOKEN)}
            >
              Create a token for the extension
            </Button>
          </div>
        </>
      )}
    </>
  );
}

function CopyableValue({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { copied, copy } = useCopy("it");
  return (
    <div className="extension-connection-value">
      <strong>{label}</strong>
      <code className="secret-once-value" data-testid={testId}>
        {value}
      </code>
      <div className="form-actions">
        <Button size="small" onClick={() => copy(value)} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </Button>
        {copied && (
          <span className="saved-note" role="status">
            {copied}
          </span>
        )}
      </div>
    </div>
  );
}
