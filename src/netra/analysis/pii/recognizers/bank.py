"""Bank account numbers: 8–16 digits, reported only where the post says it is an account.

Account numbers have no national structure (BCA 10 digits, Mandiri 13, BRI 15 as
`0123-01-012345-50-9`), so the words around them decide: `rek`, `rekening`, a bank's name,
`transfer ke`, or an account holder after the number (`a.n. Budi`). Money, dates and letter
numbers near those words are not accounts; neither is an account held by an institution
(`a.n. BPBD Kab. Garut`, `rekening resmi`), which agencies publish for donations on purpose.
"""

from __future__ import annotations

import re

from netra.analysis.pii import masks
from netra.analysis.pii.base import DigitChain, PiiMatch, Recognizer, Scan
from netra.analysis.pii.numeric import (
    followed_by_unit,
    in_code,
    is_date_or_time,
    is_money,
    nearest_label,
)
from netra.analysis.pii.validators import national_phone, phone_kind

# where an account holder's name ends: a sentence end, a comma, a bracket, a new line
_NAME_END_RE = re.compile(r"(?<=[a-z]{4})\.(?:\s|$)|[\n!?;,()]|[^\w\s.'&/\-]")
_OFFICIAL_ACCOUNT_RE = re.compile(r"rekening\s+(?:resmi|kas|dinas|donasi resmi|instansi)")


class BankAccountRecognizer(Recognizer):
    name = "bank_account"
    entities = ("bank_account",)

    def ready(self, scan: Scan) -> bool:
        hits = scan.hits
        return scan.digit_count >= self.config.bank_min_digits and (
            hits.has("bank") or hits.has("bank_strong") or hits.has("holder")
        )

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cfg = self.config
        out: list[PiiMatch] = []
        for chain in scan.chains:
            if chain.digit_count < cfg.bank_min_digits:
                continue
            window = _account_window(chain, cfg.bank_max_digits)
            if window is None:
                continue
            first, last = window
            start, end = chain.groups[first].start, chain.groups[last].end
            digits = chain.digits(first, last)
            if not cfg.bank_min_digits <= len(digits) <= cfg.bank_max_digits:
                continue
            if (
                in_code(scan, start, end)
                or is_money(scan, chain, start, end)
                or is_date_or_time(chain, first, last)
                or followed_by_unit(scan, end)
            ):
                continue
            label = nearest_label(scan, start, end, cfg.label_window, 0)
            if label is not None and label.label == "not_id":
                continue
            holder = scan.hits.first_after("holder", end, cfg.label_window_after)
            strong = label is not None and label.label == "bank_strong"
            labelled = label is not None and label.label in ("bank", "bank_strong")
            held = holder is not None and scan.hits.nearest_before(
                ("bank", "bank_strong"), start, cfg.label_window * 2
            )
            if not (labelled or held):
                continue
            if phone_kind(national_phone(digits)) == "mobile" and not strong:
                continue  # an e-wallet or phone number next to a bank name: the phone recognizer
            if self._institutional(scan, start, end, holder):
                continue
            score = 0.92 if strong or holder else 0.85
            reason = "nomor rekening bank (didahului kata rekening/nama bank atau diikuti a.n.)"
            value = scan.text[start:end]
            out.append(PiiMatch("bank_account", start, end, score, self.name, reason,
                                masks.bank_account(value)))  # fmt: skip
        return out

    def _institutional(self, scan: Scan, start: int, end: int, holder) -> bool:
        before = scan.lower[max(0, start - self.config.label_window) : start]
        if _OFFICIAL_ACCOUNT_RE.search(before):
            return True
        if holder is None:
            return False
        rest = scan.text[holder.end : holder.end + 60]
        cut = _NAME_END_RE.search(rest)
        name_end = holder.end + (cut.start() if cut else len(rest))
        return bool(scan.hits.between("office", holder.end, name_end)) or bool(
            scan.hits.between("service", holder.end, name_end)
        )


def _account_window(chain: DigitChain, max_digits: int) -> tuple[int, int] | None:
    """The groups that make the account number: the whole chain, less trailing short
    space-separated groups while it is longer than an account can be (`1234567890 12 x`)."""
    groups = chain.groups
    last = len(groups) - 1
    total = chain.digit_count
    while (
        total > max_digits
        and last > 0
        and groups[last].sep.strip() == ""
        and len(groups[last].digits) <= 2
    ):
        total -= len(groups[last].digits)
        last -= 1
    return 0, last
