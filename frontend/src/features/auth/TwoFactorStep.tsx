// The second step of signing in with two-factor on: a code from the app, or a recovery code.
// After single sign-on there is no challenge here: the browser carries it in a cookie.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { useSignInSecondStep } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";

export function TwoFactorStep({
  challenge,
  onStartAgain,
}: {
  challenge?: string;
  onStartAgain: () => void;
}) {
  const finish = useSignInSecondStep();
  const [code, setCode] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    finish.mutate({ ...(challenge ? { challenge } : {}), code: code.trim() });
  }

  const codeError = fieldError(finish.error, "code");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>Enter the 6-digit code your authenticator app shows for Job Tracker.</p>
      <TextField
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        maxLength={40}
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          finish.reset();
        }}
        error={codeError}
        hint="Lost your phone? Enter one of your recovery codes instead."
      />
      {!codeError && <ErrorAlert error={finish.error} />}
      <Button type="submit" variant="primary" busy={finish.isPending}>
        Verify and sign in
      </Button>
      <Button variant="ghost" onClick={onStartAgain}>
        Start again
      </Button>
    </form>
  );
}
