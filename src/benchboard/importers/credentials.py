"""No credential in what an importer writes: run settings are published (model pages, the
report, api/scores.json), so every reader's settings go through ``public_settings`` (and its
``without_credentials``) in agreement.read_runs before they are written: one rule for every
importer and plugin."""

from __future__ import annotations

import re

from benchboard.importers.common import printable, public_text
from benchboard.model import TOKEN_SHAPE, token_kind

# Credentials: run settings are published, so no importer may write one. A setting named like a
# credential (token=, api_key=, *_key, *secret*, password, auth, an Authorization header, a URL's
# ?key=) loses its value, and so does a value shaped like a well-known token under any name
# (model.TOKEN_KINDS) and the user:password of a URL; each is replaced by CREDENTIAL_MARK.
CREDENTIAL_MARK = "(removed: a credential)"
# A word that makes a setting a credential wherever it stands in the name (api_secret, db_password)
SECRET_ANYWHERE = ("secret", "password", "passwd", "passphrase", "credential", "apikey")
# and words that do only as the name's last word (auth, x-amz-signature; not auth_type, sig_figs)
SECRET_LAST = frozenset({"pwd", "auth", "authorization", "cookie", "sig", "signature", "key", "token", "keys", "tokens"})
# Words before a last "key"/"token" that name no secret: tokenizer tokens (pad_token, eot_token),
# counts (max_tokens), lookup keys of a dataset or table (answer_key, primary_key).
NOT_A_SECRET = frozenset({
    "bos", "eos", "eot", "pad", "unk", "sep", "cls", "mask", "special", "start", "end", "stop", "image", "audio", "video",
    "max", "min", "num", "sort", "cache", "dict", "answer", "label", "input", "output", "target", "prompt", "text",
    "dataset", "metric", "primary", "foreign", "group", "id", "field", "column", "index", "partition", "join", "hash",
    "lookup", "score", "judge", "new", "total", "context", "reasoning", "thinking",
})
# A setting in free text: key=value (lm-eval's model_args; also --key=value and KEY=value),
# "key": value (JSON, a Python dict, YAML, a header "Authorization: ..."). The key may be quoted.
SETTING_KEY = re.compile(r"""(?:^|(?<=[\s{,;&?(\[=-]))(?P<q>["']?)(?P<key>[A-Za-z_][\w.-]*)(?P=q)[ \t]*(?P<sep>[=:])[ \t]*""")
QUOTED = re.compile(r"""("[^"\n]*"|'[^'\n]*')""")
PLAIN_VALUE = re.compile(r"[^,;&\n}\]]*")
CLI_FLAG = re.compile(r"(?<![\w-])--(?P<key>[A-Za-z][\w-]*)[ \t]+(?P<value>[^\s,;]+)")  # --hf-token VALUE
URL_USERINFO = re.compile(r"(?<![\w.+-])(?P<scheme>[A-Za-z][\w+.-]*://)(?P<userinfo>[^\s/@,;?#]+)@")
NOT_A_VALUE = ("", "true", "false", "none", "null", "empty", CREDENTIAL_MARK.lower())


def credential_key(key: str) -> bool:
    """Whether a setting (or URL parameter, or header) of this name holds a credential:
    ``token``, ``hf_token``, ``api_key``, ``apiKeys``, ``*_key``, ``*secret*``, ``password``,
    ``auth``, ``Authorization``, ``sig`` (not ``pad_token``, ``max_tokens``, ``tokenizer``,
    ``primary_key``, ``auth_type``, ``sig_figs``)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower())
    if not words:
        return False
    if any(part in w for w in words for part in SECRET_ANYWHERE):
        return True
    last = words[-1]
    if last not in SECRET_LAST:
        return False
    if last in ("key", "token", "keys", "tokens"):
        return len(words) == 1 and last in ("key", "token") or len(words) > 1 and words[-2] not in NOT_A_SECRET
    return True


def _setting_value(text: str, start: int) -> int:
    """Where the value that starts at ``start`` ends: a quoted string at its closing quote, else
    at the next setting (,), URL parameter (&), brace or line ("Authorization: Basic xyz" whole)."""
    quoted = QUOTED.match(text, start)
    return quoted.end() if quoted else PLAIN_VALUE.match(text, start).end()


def without_credentials(text: str) -> tuple[str, list[str]]:
    """``text`` with every credential replaced by CREDENTIAL_MARK, and what was removed (the
    settings' names, "a URL's user:password", "a value shaped like a Hugging Face token").
    A credential-named setting whose value is a switch (``use_auth_token=True``) or a
    placeholder (``api_key=EMPTY``) is kept."""
    removed: list[str] = []
    spans = []
    for found in SETTING_KEY.finditer(text):
        if not credential_key(found.group("key")):
            continue
        end = _setting_value(text, found.end())
        if found.start() and text[found.start() - 1] == "-":  # --key=value on a command line: to the next space
            end = found.end() + len(re.match(r"\S*", text[found.end():end]).group())
        value = text[found.end():end].strip()
        if value.strip("'\"").strip().lower() not in NOT_A_VALUE:
            spans.append((found.end(), end))
            removed.append(found.group("key"))
    for found in CLI_FLAG.finditer(text):
        if credential_key(found.group("key")) and found.group("value").strip("'\"").lower() not in NOT_A_VALUE:
            spans.append((found.start("value"), found.end("value")))
            removed.append(found.group("key"))
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + CREDENTIAL_MARK + text[end:]

    def userinfo(found: re.Match) -> str:
        removed.append("a URL's user:password")
        return f"{found.group('scheme')}{CREDENTIAL_MARK}@"

    def token(found: re.Match) -> str:
        removed.append(f"a value shaped like {token_kind(found.group())}")
        return CREDENTIAL_MARK

    text = TOKEN_SHAPE.sub(token, URL_USERINFO.sub(userinfo, text))
    return text, list(dict.fromkeys(removed))


def public_settings(settings: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Run settings as written to the result file: no credential (a credential-named setting
    loses its value, see without_credentials), no local path and no private server's address
    (public_text), with a ``paths`` setting saying so. Returns them and what was removed, one entry
    per setting ("model_args (token, api_key)"), for the note that says so."""
    result, removed, paths = {}, [], False
    for key, value in settings.items():
        if credential_key(key) and value.strip().lower() not in NOT_A_VALUE:
            value, gone = CREDENTIAL_MARK, [key]
        else:
            value, gone = without_credentials(value)
        if gone:
            removed.append(key if gone == [key] else f"{key} ({', '.join(gone)})")
        public = public_text(value)
        paths = paths or public != value
        result[printable(key)] = printable(public)
    if paths:
        result["paths"] = "local paths reduced to their last part, private servers' addresses left out"
    return result, removed
