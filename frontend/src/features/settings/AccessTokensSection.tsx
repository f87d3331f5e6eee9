// Access tokens in Settings: create one for a script or the extension (shown once), see when
// each was last used, revoke it.
import { useState, type FormEvent } from "react";

import { fieldError, type Schemas } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CheckboxField, SelectField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SecretShownOnce } from "../../components/SecretShownOnce";
import { formatMoment } from "../../lib/format";
import {
  useAccessTokens,
  useCreateAccessToken,
  useRevokeAccessToken,
} from "./accessTokenQueries";
import "./access-tokens.css";

type Token = Schemas["AccessTokenOut"];
type Scope = Schemas["AccessTokenScope"];

const SCOPES = [
  { value: "read", label: "Read only" },
  { value: "write", label: "Read and write" },
] as const;
const EXPIRIES = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "", label: "Never" },
] as const;

export function AccessTokensSection() {
  const tokens = useAccessTokens();
  const [created, setCreated] = useState<Schemas["AccessTokenCreated"] | null>(null);

  if (tokens.isPending) return <Loading />;
  if (tokens.isError) {
    return <ErrorAlert title="Could not load your access tokens." error={tokens.error} />;
  }
  const { tokens: list, max_tokens: maxTokens } = tokens.data;
  return (
    <>
      <p>
        An access token lets a program, such as the browser extension or a script of yours, use
        your tracker without your password. Give it only the access it needs, and revoke it when
        you stop using it. Tokens can't change your password, your tokens or your account.
      </p>
      {created ? (
        <SecretShownOnce
          secret={created.token}
          noun="token"
          testId="new-access-token"
          onDone={() => setCreated(null)}
        >
          <p>
            <strong>Copy your new token now.</strong> It will not be shown again; if you lose it,
            revoke it and create another. A program sends it in the{" "}
            <code>Authorization: Bearer …</code> header.
          </p>
        </SecretShownOnce>
      ) : list.length >= maxTokens ? (
        <p className="muted" role="status">
          You have {maxTokens} tokens, the most allowed. Revoke one to create another.
        </p>
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      {list.length > 0 && (
        <ul className="access-token-list" aria-label="Your access tokens">
          {list.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </ul>
      )}
    </>
  );
}

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (token: Schemas["AccessTokenCreated"]) => void;
}) {
  const create = useCreateAccessToken(onCreated);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("read");
  const [expiry, setExpiry] = useState("90");
  const [allowDelete, setAllowDelete] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const days = expiry ? (Number(expiry) as 30 | 90 | 365) : null;
    create.mutate({
      name: name.trim(),
      scope,
      expires_in_days: days,
      // Only a read-and-write token may delete; switching to read only takes the right away.
      allow_delete: scope === "write" && allowDelete,
    });
  }

  const nameError = fieldError(create.error, "name");
  const allowDeleteError = fieldError(create.error, "allow_delete");
  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <TextField
        label="Token name"
        hint="What it is for, e.g. “Browser extension” or “Backup script”."
        maxLength={100}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={nameError}
      />
      <div className="access-token-choices">
        <SelectField
          label="Access"
          options={SCOPES}
          value={scope}
          onChange={(event) => setScope(event.target.value as Scope)}
        />
        <SelectField
          label="Expires"
          options={EXPIRIES}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        />
      </div>
      {scope === "write" && (
        <CheckboxField
          label="Allow it to delete applications"
          hint="For an AI assistant connected over MCP: it may move an application to the Trash when you ask it to. Leave this off unless you need it."
          checked={allowDelete}
          onChange={(event) => setAllowDelete(event.target.checked)}
          error={allowDeleteError}
        />
      )}
      {!nameError && !allowDeleteError && (
        <ErrorAlert title="Could not create the token." error={create.error} />
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}

function TokenRow({ token }: { token: Token }) {
  const revoke = useRevokeAccessToken(token.id);
  const scope = SCOPES.find((option) => option.value === token.scope)?.label ?? token.scope;
  return (
    <li className="access-token">
      <div className="access-token-about">
        <strong>{token.name}</strong>{" "}
        <span className="access-token-scope">
          {scope}
          {token.allow_delete && " · may delete applications"}
        </span>
        <p className="muted">
          Created {formatMoment(token.created_at)} ·{" "}
          {token.last_used_at ? `last used ${formatMoment(token.last_used_at)}` : "never used"}{" "}
          · {token.expires_at ? `expires ${formatMoment(token.expires_at)}` : "never expires"}
        </p>
      </div>
      <ConfirmButton
        size="small"
        label="Revoke"
        name={`Revoke ${token.name}`}
        question={`Revoke “${token.name}”? Programs using it stop working at once.`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate()}
      />
    </li>
  );
}
