// Two-factor sign-in in Settings: set it up with a QR code, confirm, keep the recovery codes,
// make new ones, or turn it off.
import QRCode from "qrcode";
import { useEffect, useRef, useState, type FormEvent } from "react";

import { fieldError, type Schemas } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import {
  useDisableTwoFactor,
  useEnableTwoFactor,
  useNewRecoveryCodes,
  useStartTwoFactorSetup,
  useTwoFactorStatus,
} from "./twoFactorQueries";
import "./two-factor.css";

/** `onFinished`: called once the recovery codes shown after turning it on are put away. */
export function TwoFactorSection({ onFinished }: { onFinished?: () => void }) {
  const status = useTwoFactorStatus();
  const [setup, setSetup] = useState<Schemas["TwoFactorSetup"] | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (status.isPending) return <Loading />;
  if (status.isError) {
    return <ErrorAlert title="Could not load two-factor sign-in." error={status.error} />;
  }
  if (recoveryCodes) {
    const done = () => {
      setRecoveryCodes(null);
      onFinished?.();
    };
    return <RecoveryCodesOnce codes={recoveryCodes} onDone={done} />;
  }
  if (status.data.enabled) {
    return <TwoFactorOn status={status.data} onNewCodes={setRecoveryCodes} />;
  }
  if (setup) {
    return (
      <SetupSteps
        setup={setup}
        onEnabled={(codes) => {
          setSetup(null);
          setRecoveryCodes(codes);
        }}
        onCancel={() => setSetup(null)}
      />
    );
  }
  return <TwoFactorOff required={status.data.required} onStarted={setSetup} />;
}

function TwoFactorOff({
  required,
  onStarted,
}: {
  required: boolean;
  onStarted: (setup: Schemas["TwoFactorSetup"]) => void;
}) {
  const start = useStartTwoFactorSetup();
  return (
    <>
      {required && (
        <p className="two-factor-required" role="status">
          This instance requires admins to use two-factor sign-in. Set it up to continue.
        </p>
      )}
      <p>
        Two-factor sign-in is <strong>off</strong>. With it on, signing in also asks for a
        6-digit code from an authenticator app on your phone (such as Google Authenticator,
        Microsoft Authenticator, 1Password or Aegis), so a stolen password is not enough.
      </p>
      <Button
        variant="primary"
        busy={start.isPending}
        onClick={() => start.mutate(undefined, { onSuccess: onStarted })}
      >
        Set up two-factor sign-in
      </Button>
      <ErrorAlert title="Could not start the setup." error={start.error} />
    </>
  );
}

function QrCode({ text }: { text: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // Drawn here in the browser: the secret never goes to a QR service.
    if (canvas.current) void QRCode.toCanvas(canvas.current, text, { width: 192, margin: 2 });
  }, [text]);
  return (
    <canvas
      ref={canvas}
      className="two-factor-qr"
      role="img"
      aria-label="QR code to scan with your authenticator app"
    />
  );
}

/** The base32 secret in groups of four, easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

function SetupSteps({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: Schemas["TwoFactorSetup"];
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const enable = useEnableTwoFactor(onEnabled);
  const [code, setCode] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    enable.mutate({ code: code.trim() });
  }

  return (
    <div className="two-factor-setup">
      <ol className="two-factor-steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <QrCode text={setup.otpauth_uri} />
          <p className="muted">
            Can't scan it? Enter this key in the app instead:{" "}
            <code className="two-factor-secret" data-testid="two-factor-secret">
              {grouped(setup.secret)}
            </code>
          </p>
        </li>
        <li>
          <form className="form settings-form" onSubmit={submit} noValidate>
            <AppCodeField
              value={code}
              onChange={(value) => {
                setCode(value);
                enable.reset();
              }}
              error={fieldError(enable.error, "code")}
            />
            {!fieldError(enable.error, "code") && (
              <ErrorAlert title="Could not turn on two-factor sign-in." error={enable.error} />
            )}
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={enable.isPending}>
                Turn on
              </Button>
              <Button variant="ghost" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function RecoveryCodesOnce({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(codes.join("\n"));
    setCopied(true);
  }
  return (
    <div className="two-factor-codes">
      <p>
        <strong>Save these recovery codes now.</strong> Each one signs you in once if you lose
        your phone. They will not be shown again.
      </p>
      <ul className="two-factor-code-list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <Button onClick={() => void copy()}>Copy codes</Button>
        <Button variant="primary" onClick={onDone}>
          I have saved them
        </Button>
        {copied && (
          <span className="saved-note" role="status">
            Copied.
          </span>
        )}
      </div>
    </div>
  );
}

function TwoFactorOn({
  status,
  onNewCodes,
}: {
  status: Schemas["TwoFactorStatus"];
  onNewCodes: (codes: string[]) => void;
}) {
  return (
    <>
      <p role="status">
        Two-factor sign-in is <strong>on</strong>. You have {status.recovery_codes_left} unused
        recovery code{status.recovery_codes_left === 1 ? "" : "s"}.
      </p>
      <NewRecoveryCodesForm onNewCodes={onNewCodes} />
      <TurnOffForm required={status.required} />
    </>
  );
}

function NewRecoveryCodesForm({ onNewCodes }: { onNewCodes: (codes: string[]) => void }) {
  const regenerate = useNewRecoveryCodes(onNewCodes);
  const [code, setCode] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    regenerate.mutate({ code: code.trim() });
  }
  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <h3>New recovery codes</h3>
      <AppCodeField
        value={code}
        onChange={(value) => {
          setCode(value);
          regenerate.reset();
        }}
        error={fieldError(regenerate.error, "code")}
        hint="The codes you have now stop working."
      />
      {!fieldError(regenerate.error, "code") && (
        <ErrorAlert title="Could not make new recovery codes." error={regenerate.error} />
      )}
      <div className="form-actions">
        <Button type="submit" busy={regenerate.isPending}>
          Make new recovery codes
        </Button>
      </div>
    </form>
  );
}

function TurnOffForm({ required }: { required: boolean }) {
  const disable = useDisableTwoFactor();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    disable.mutate({ password, code: code.trim() });
  }
  if (required) {
    return <p className="muted">This instance requires two-factor sign-in for admins.</p>;
  }
  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <h3>Turn off</h3>
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
          disable.reset();
        }}
        error={fieldError(disable.error, "password")}
      />
      <TextField
        label="6-digit code or recovery code"
        autoComplete="one-time-code"
        maxLength={40}
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          disable.reset();
        }}
        error={fieldError(disable.error, "code")}
      />
      {!fieldError(disable.error, "password") && !fieldError(disable.error, "code") && (
        <ErrorAlert title="Could not turn off two-factor sign-in." error={disable.error} />
      )}
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={disable.isPending}>
          Turn off two-factor sign-in
        </Button>
      </div>
    </form>
  );
}

/** The current code from the authenticator app, as setting up and new recovery codes ask it. */
function AppCodeField({
  onChange,
  ...field
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <TextField
      label="6-digit code from the app"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={8}
      onChange={(event) => onChange(event.target.value)}
      {...field}
    />
  );
}
