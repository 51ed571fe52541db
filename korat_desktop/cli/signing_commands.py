"""Signing command handlers (loaded only when a signing command runs).

* On files: ``korat tokens | sign-file | verify FILE.pdf | upgrade-file``.
* On the store: ``korat sign ID... | upgrade | verify ID``, through
  :class:`korat_desktop.services.signing_ops.DocumentSigning` (the same operations the
  UI runs): every signature or upgrade is a new version of the document, old bytes stay.

The PIN comes from stdin (``--pin-stdin``) or a no-echo prompt, goes straight to the
token, and is never printed, logged or stored. Exit codes follow the CLI contract: 0
when everything asked for was done, 1 when something failed (the reason on stderr or
per document in the output), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from pathlib import Path
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.outputs import write_output
from korat_desktop.cli.registers import open_for
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.signature_words import level_words
from korat_desktop.errors import SigningError, UsageError
from korat_desktop.services.signing_ops import OpError, UpgradeItem
from korat_desktop.services.token_listing import TokenListing, signing_chain, token_listings
from korat_desktop.signing import (
    Appearance,
    SignatureLevel,
    SigningSettings,
    configured_module_paths,
    find_modules,
    find_token,
    sign_pdf,
    upgrade_pdf,
    validate_pdf,
)
from korat_desktop.signing.signers import DocumentSigner, Pkcs12Signer, TokenSession
from korat_desktop.signing.tokens import TokenSlot
from korat_desktop.signing.validate import ValidationReport

__all__ = ["cmd_sign", "cmd_sign_file", "cmd_tokens", "cmd_upgrade", "cmd_upgrade_file", "cmd_verify",
           "open_signer"]


def _quiet_libraries() -> None:
    # pyHanko logs every failed path with a traceback; our verdicts say it better.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise UsageError("usage.file_not_found", path=path) from e


def _modules(ctx: CliContext) -> list[Any]:
    explicit = getattr(ctx.args, "pkcs11_module", None)
    return find_modules([] if explicit else configured_module_paths(ctx.config), explicit)


def _token_data(listing: TokenListing) -> dict[str, Any]:
    token, certs = listing.token, listing.certificates
    return {
        "label": token.label, "serial": token.serial, "manufacturer": token.manufacturer,
        "model": token.model, "module": token.module_path, "slot": token.slot_id,
        "pin_pad": token.pin_pad, "pin_count_low": token.flags.pin_count_low,
        "pin_final_try": token.flags.pin_final_try, "pin_locked": token.flags.pin_locked,
        "certificates": [
            {"label": c.label, "id": c.id_hex, "subject": c.info.subject,
             "common_name": c.info.common_name, "issuer": c.info.issuer,
             "not_before": c.info.not_before, "not_after": c.info.not_after,
             "key_usage": list(c.info.key_usage), "can_sign": c.can_sign_by_usage,
             "problem": listing.problem(i), "default": c.label == listing.default_label}
            for i, c in enumerate(certs)
        ],
        "error": listing.error_code,
    }


def cmd_tokens(ctx: CliContext) -> Output:
    tokens = [_token_data(t) for t in token_listings(
        ctx.config, getattr(ctx.args, "pkcs11_module", None))]
    lines = []
    for t in tokens:
        state = " [PIN locked]" if t["pin_locked"] else " [PIN pad]" if t["pin_pad"] else ""
        lines.append(f"{t['label']}  serial {t['serial']}  {t['manufacturer']}{state}")
        if t["error"]:
            lines.append(f"  certificates unreadable [{t['error']}]")
        for c in t["certificates"]:
            mark = "" if c["can_sign"] else "  (not for signing)"
            if c["problem"] and c["can_sign"]:  # expired or not yet valid
                mark = f"  (cannot sign now: {c['problem']})"
            if c["default"]:
                mark += "  (default for korat sign)"
            lines.append(f"  {c['label']}  id {c['id']}  {c['common_name']}  "
                         f"valid to {c['not_after']:%Y-%m-%d}{mark}")
    return Output(tokens, "\n".join(lines) or "no tokens found")


def _secret(ctx: CliContext, prompt: str) -> str | None:
    if ctx.args.pin_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n") or None
    return getpass.getpass(prompt)


def _parse_box(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    try:
        x1, y1, x2, y2 = (float(v) for v in text.split(","))
    except ValueError as e:
        raise UsageError("usage.bad_argument", name="--box", detail=text) from e
    return (x1, y1, x2, y2)


def open_signer(ctx: CliContext) -> DocumentSigner:
    """The signer the command's options name (token or PKCS#12; PIN from stdin or a
    no-echo prompt)."""
    args = ctx.args
    p12 = args.pkcs12 or (None if args.token_label or args.token_serial
                          else ctx.config["signing.pkcs12_file"] or None)
    if p12:
        return Pkcs12Signer(p12, _secret(ctx, f"Password for {p12}: "))
    cert_label = args.cert_label
    if args.token_label or args.token_serial or args.cert_label or args.cert_id:
        token = find_token(_modules(ctx), label=args.token_label, serial=args.token_serial)
    else:  # nothing chosen: the desktop's default (the certificate used last, else the only one)
        token, cert_label = _default_token(ctx)
    return TokenSession.open(
        token, cert_label=cert_label, cert_id=args.cert_id,
        chain_candidates=signing_chain(ctx.config),
        pin_prompt=lambda t: _secret(ctx, f"PIN for {t.label}: "))


def _default_token(ctx: CliContext) -> tuple[TokenSlot, str | None]:
    listings = token_listings(ctx.config, getattr(ctx.args, "pkcs11_module", None))
    chosen = next((t for t in listings if t.default_label is not None), None)
    if chosen is not None:
        return chosen.token, chosen.default_label
    if len(listings) == 1:  # its certificates say why none can be the default
        return listings[0].token, None
    if not listings:
        raise SigningError("signing.token_not_found", token="-")
    raise SigningError("signing.token_ambiguous",
                       tokens=", ".join(t.token.display_name for t in listings))


def _appearance(args: argparse.Namespace) -> Appearance:
    return Appearance(name=args.name, position=args.position, reason=args.reason,
                      location=args.location, page=args.page,
                      box=_parse_box(args.box), visible=not args.invisible)


def cmd_sign_file(ctx: CliContext) -> Output:
    args = ctx.args
    data = _read(args.input)
    appearance = _appearance(args)
    signer = open_signer(ctx)
    try:
        signed = sign_pdf(data, signer, appearance, certify=args.certify)
    finally:
        signer.close()
    on_stdout = write_output(args.output, signed)
    who = signer.info.common_name
    return Output({"output": args.output, "signer": who, "level": "b-b",
                   "certified": bool(args.certify)},
                  f"signed {args.output} as {who} (PAdES B-B)", stdout_taken=on_stdout)


def _settings(ctx: CliContext, trust_roots: list[str]) -> SigningSettings:
    return SigningSettings.from_config(ctx.config).with_trust_roots(trust_roots)


def _report_text(report: ValidationReport, lang: str) -> str:
    if not report.signed:
        return "no signatures"
    lines = []
    for i, s in enumerate(report.signatures, 1):
        words = s.explanation_th if lang == "th" else s.explanation_en
        reason = f"/{s.reason.value}" if s.reason else ""
        when = s.timestamp_time or s.signing_time
        lines.append(f"{i}. {s.verdict.value}{reason}  {s.signer_name}  "
                     f"{when:%Y-%m-%d %H:%M} {s.level.value if s.level else ''}".rstrip())
        lines.append(f"   {words}")
        if s.modification_level and s.modification_level != "none":
            lines.append(f"   changes after signing: {s.modification_level}")
    for t in report.timestamps:
        reason = f"/{t.reason.value}" if t.reason else ""
        lines.append(f"timestamp {t.verdict.value}{reason}  {t.tsa}  "
                     f"{t.time:%Y-%m-%d %H:%M}" if t.time else "")
    return "\n".join(lines)


def _entry_id(text: str) -> int | None:
    """An argument that is not an existing file but a whole number names an entry."""
    if Path(text).is_file():
        return None
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None


def cmd_verify(ctx: CliContext) -> Output:
    _quiet_libraries()
    entry_id = _entry_id(ctx.args.file)
    if entry_id is not None:
        app = open_for(ctx)
        report = app.signing.verify(entry_id, ctx.args.trust_root,
                                             offline=ctx.args.offline)
        text = _report_text(report, ctx.lang)
        entry = app.queries.entry(entry_id)
        letter = letter_name(entry.register, entry.number, entry.year_be, entry.id, ctx.lang)
        return Output(report, f"{letter}:\n{text}", 0 if report.all_valid else 1)
    settings = _settings(ctx, ctx.args.trust_root)
    if ctx.args.offline:
        from dataclasses import replace

        settings = replace(settings, online_revocation=False)
    report = validate_pdf(_read(ctx.args.file), settings)
    return Output(report, _report_text(report, ctx.lang), 0 if report.all_valid else 1)


def letter_name(register: RegisterKind | None, number: int | None, year_be: int | None,
                entry_id: int, lang: str) -> str:
    """The letter as the clerk knows it, with the id scripts use: ``เลขส่ง 3/2569 (id 5)``.

    Never "ฉบับที่ 5": 5 is the database id, neither a version nor a register number."""
    if number is None or year_be is None:
        return f"id {entry_id}"
    receive = register is RegisterKind.RECEIVE
    if lang == "th":
        book = "เลขรับ" if receive else "เลขส่ง"
    else:
        book = "receive no." if receive else "send no."
    return f"{book} {number}/{year_be} (id {entry_id})"


def _error_text(error: OpError | None, lang: str) -> str:
    return f"{error.message(lang)} [{error.code}]" if error is not None else ""


def cmd_sign(ctx: CliContext) -> Output:
    """Sign entries on one token session: check the ids, then one PIN, then each document."""
    _quiet_libraries()
    args = ctx.args
    appearance = _appearance(args)
    app = open_for(ctx, write=True)
    ops = app.signing
    ops.check(args.ids)  # a wrong id fails here, before the PIN is asked for
    signer = open_signer(ctx)
    try:
        report = ops.sign(args.ids, signer, appearance, certify=args.certify or None,
                          progress=lambda r: ctx.progress(
                              f"{letter_name(r.register, r.number, r.year_be, r.entry_id, ctx.lang)}"
                              f": {r.status}"))
    finally:
        signer.close()
    th = ctx.lang == "th"
    lines = [f"{'ผู้ลงนาม' if th else 'signer'}: {report.signer.common_name}"]
    for r in report.results:
        letter = letter_name(r.register, r.number, r.year_be, r.entry_id, ctx.lang)
        if r.ok:
            version = f"รุ่นที่ {r.seq}" if th else f"version {r.seq}"
            lines.append(f"  {letter} {version}: {level_words(r.level, ctx.lang)} "
                         f"[{r.level}] {(r.sha256 or '')[:12]}")
        else:
            lines.append(f"  {letter}: {r.status.upper()} {_error_text(r.error, ctx.lang)}")
    return Output(report, "\n".join(lines), 0 if report.all_signed else 1)


def _upgrade_line(item: UpgradeItem, letter: str, lang: str) -> str:
    th = lang == "th"
    if item.stored:
        version = f"รุ่นที่ {item.seq}" if th else f"version {item.seq}"
        step = f"{item.level_before} → {item.level_after} ({version})"
    else:
        step = f"{item.level_after} ({'เป้าหมาย' if th else 'target'} {item.target})"
    why = _error_text(item.error, lang)
    return f"  {letter}: {step}" + (f": {why}" if why else "")


def cmd_upgrade(ctx: CliContext) -> Output:
    """Upgrade the queue; exit 0 unless something failed for a reason retrying won't fix."""
    _quiet_libraries()
    args = ctx.args
    app = open_for(ctx, write=True)

    def wait(seconds: float) -> None:
        ctx.progress(f"some documents are waiting for the network; retrying in {seconds:.0f} s")
        time.sleep(seconds)

    report = app.signing.upgrade(
        once=args.once, tsa_url=args.tsa_url, target=args.level,
        extra_trust_roots=args.trust_root, max_passes=max(1, args.max_passes), sleep=wait)
    data = {"upgraded": report.upgraded, "still_pending": report.still_pending,
            "failed": report.failed, "passes": report.passes}
    lines = []

    def line(item: UpgradeItem) -> str:
        entry = app.queries.entry(item.entry_id)
        return _upgrade_line(item, letter_name(entry.register, entry.number, entry.year_be,
                                               entry.id, ctx.lang), ctx.lang)

    if report.upgraded:
        lines.append(f"upgraded: {len(report.upgraded)}")
        lines += [line(i) for i in report.upgraded]
    if report.still_pending:
        lines.append(f"still pending: {len(report.still_pending)}")
        lines += [line(i) for i in report.still_pending]
    if not report.items:
        lines.append("nothing to upgrade")
    return Output(data, "\n".join(lines), 1 if report.failed else 0)


def cmd_upgrade_file(ctx: CliContext) -> Output:
    _quiet_libraries()
    args = ctx.args
    settings = _settings(ctx, args.trust_root)
    target = SignatureLevel.parse(args.level or ctx.config["signing.target_level"])
    result = upgrade_pdf(_read(args.input), settings, target, tsa_url=args.tsa_url)
    on_stdout = write_output(args.output, result.data)
    return Output({"output": args.output, "level_before": result.level_before,
                   "level_after": result.level_after},
                  f"{args.output}: {result.level_before.value} → {result.level_after.value}",
                  stdout_taken=on_stdout)
